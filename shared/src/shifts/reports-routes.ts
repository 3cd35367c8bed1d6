import type { Route } from '../routes';

/** Method and path of the shift reports endpoints (zod-free: the storefront calls through these). */
export const REPORTS_ROUTES = {} as const satisfies Record<string, Route>;
