import Router from '@koa/router';
import type { Database } from '@qiaodu/db';
import Koa from 'koa';
import compress from 'koa-compress';
import type { Logger } from 'pino';
import { startCatalogCache } from './catalog/catalog-change-feed';
import { mountCatalogRoutes } from './catalog/routes';
import { createCatalogService } from './catalog/service';
import type { Clock } from './clock';
import { AppError } from './http/app-error';
import { errorMiddleware } from './http/error-middleware';
import { jsonBody } from './http/json-body';
import { requestContext } from './http/request-context';
import { urlLengthLimit } from './http/request-limits';
import { createRouteMounter } from './http/route';
import { mountOpenApiRoutes } from './openapi/routes';
import { mediaMiddleware, storefrontMiddleware } from './static/storefront';
import { mountSystemRoutes } from './system/routes';

export interface AppDeps {
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** The built storefront (storefront/dist); null or absent serves the API only. */
  storefrontDist?: string | null;
  /** URL prefix → folder, e.g. { '/media/seed/': SEED_IMAGES_DIR }. */
  mediaDirs?: Record<string, string>;
  /** Check every answer against its shared response schema (tests and development). */
  validateResponses?: boolean;
  trustProxy?: boolean;
  /** false turns the catalog cache off (benchmarks measure the uncached path with it). */
  catalogCache?: boolean;
  version?: string;
}

export interface BuiltApp {
  app: Koa;
  /** Stops background listeners; the caller closes the database afterwards. */
  close(): Promise<void>;
}

/** Nothing downstream answered: an unknown route (known paths with a wrong method are 405s). */
function routeNotFound(): Koa.Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.status === 404 && ctx.body == null) throw new AppError('ROUTE_NOT_FOUND');
  };
}

/** Builds the whole API from its dependencies, so tests build exactly what main.ts runs. */
export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const app = new Koa({ proxy: deps.trustProxy ?? false });
  app.silent = true;
  app.on('error', (error: unknown) => deps.logger.error({ err: error }, 'koa error'));

  const catalogCache = await startCatalogCache(deps.database, deps.logger, { enabled: deps.catalogCache ?? true });
  const catalog = createCatalogService(deps.database.db, catalogCache.cache);

  const router = new Router();
  const mount = createRouteMounter(router, { validateResponses: deps.validateResponses ?? false });
  mountSystemRoutes(mount, deps.database);
  mountCatalogRoutes(mount, catalog);
  mountOpenApiRoutes(router, deps.version ?? '0.1.0');

  app.use(compress({ threshold: 1024 }));
  app.use(requestContext(deps.logger));
  app.use(errorMiddleware());
  app.use(urlLengthLimit());
  app.use(mediaMiddleware(deps.mediaDirs ?? {}));
  app.use(storefrontMiddleware(deps.storefrontDist ?? null));
  app.use(jsonBody());
  app.use(routeNotFound());
  app.use(router.routes());
  // Runs after the routes: a known path with another method becomes a 405 here.
  app.use(router.allowedMethods({ throw: true }));

  return {
    app,
    async close() {
      await catalogCache.stop();
    },
  };
}
