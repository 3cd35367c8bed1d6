/**
 * Method and path of every endpoint, without schemas: the storefront calls through this
 * table and so never loads zod; `endpoints.ts` adds the schemas for the server and OpenAPI.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Route {
  method: HttpMethod;
  /** Koa-style path, e.g. /api/products/:id */
  path: string;
}

export const ROUTES = {
  health: { method: 'get', path: '/api/health' },
  listCategories: { method: 'get', path: '/api/categories' },
  getPartner: { method: 'get', path: '/api/partners/:id' },
  listProducts: { method: 'get', path: '/api/products' },
  getProduct: { method: 'get', path: '/api/products/:id' },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof ROUTES;
