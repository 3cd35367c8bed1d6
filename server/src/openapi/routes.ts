import type Router from '@koa/router';
import { PreparedJson } from '../cache/prepared-json';
import { sendJson } from '../http/respond';
import { buildOpenApiDocument } from './document';
import { DOCS_PAGE } from './docs-page';

export function mountOpenApiRoutes(router: Router, version: string): void {
  const document = PreparedJson.of(buildOpenApiDocument(version));
  router.get('/api/openapi.json', (ctx) => {
    sendJson(ctx, document, 200, 'no-cache');
  });
  router.get('/api/docs', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = DOCS_PAGE;
  });
}
