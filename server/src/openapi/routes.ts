import type Router from '@koa/router';
import { PreparedJson } from '../http/prepared-json';
import { buildOpenApiDocument } from './document';
import { DOCS_PAGE } from './docs-page';

export function mountOpenApiRoutes(router: Router, version: string): void {
  const document = PreparedJson.of(buildOpenApiDocument(version));
  router.get('/api/openapi.json', (ctx) => {
    document.respond(ctx, 200, 'no-cache');
  });
  router.get('/api/docs', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = DOCS_PAGE;
  });
}
