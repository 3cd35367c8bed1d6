import type { Route } from '../routes';

/** Method and path of the shift grading endpoints (zod-free: the storefront calls through these). */
export const GRADING_ROUTES = {} as const satisfies Record<string, Route>;
