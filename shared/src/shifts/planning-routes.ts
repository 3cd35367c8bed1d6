import type { Route } from '../routes';

/** Method and path of the shift planning endpoints (zod-free: the storefront calls through these). */
export const PLANNING_ROUTES = {} as const satisfies Record<string, Route>;
