import type Router from '@koa/router';
import { buildOpenApiDocument } from './document';
import { DOCS_PAGE } from './docs-page';

export function mountOpenApiRoutes(router: Router, version: string): void {
  const document = JSON.stringify(buildOpenApiDocument(version));
  router.get('/api/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = document;
  });
  router.get('/api/docs', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = DOCS_PAGE;
  });
}
