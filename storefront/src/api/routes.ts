import type { Endpoints, HttpMethod } from '@qiaodu/shared';

type RouteTable = { [K in keyof Endpoints]?: { method: HttpMethod; path: string } };

/**
 * Method and path of each endpoint the storefront calls. The shared `endpoints` object holds the
 * same data but drags every zod schema (and zod itself) into the first screen's bundle, so the
 * browser keeps this copy; `routes.test.ts` fails the moment the two disagree.
 */
export const apiRoutes = {
  listCategories: { method: 'get', path: '/api/categories' },
  listProducts: { method: 'get', path: '/api/products' },
  getProduct: { method: 'get', path: '/api/products/:id' },
  getPartner: { method: 'get', path: '/api/partners/:id' },
} as const satisfies RouteTable;

export type ApiRouteName = keyof typeof apiRoutes;
