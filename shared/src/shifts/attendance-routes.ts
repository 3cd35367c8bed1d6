import type { Route } from '../routes';

/** Method and path of the shift attendance endpoints (zod-free: the storefront calls through these). */
export const ATTENDANCE_ROUTES = {} as const satisfies Record<string, Route>;
