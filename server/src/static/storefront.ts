import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import { FileServer } from './file-server';

/** Hashed build assets never change under their name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files must be revalidated, or a deploy would not reach phones. */
const REVALIDATE = 'no-cache';
const MEDIA = 'public, max-age=86400';

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Serves the built storefront from the API's own port: hashed assets with a long cache,
 * and index.html for every other page path (history-mode routing).
 */
export function storefrontMiddleware(distDir: string | null): Middleware {
  const files = distDir && existsSync(join(distDir, 'index.html')) ? new FileServer(distDir) : null;
  return async (ctx, next) => {
    if (!files || isApiPath(ctx.path) || ctx.path.startsWith('/media/') || !['GET', 'HEAD'].includes(ctx.method)) {
      await next();
      return;
    }
    const cacheControl = ctx.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
    if (ctx.path !== '/' && (await files.serve(ctx, ctx.path, cacheControl))) return;
    // A path with a file extension that does not exist is a missing file, not a page.
    if (/\.[a-z0-9]+$/i.test(ctx.path)) {
      await next();
      return;
    }
    await files.serve(ctx, 'index.html', REVALIDATE);
  };
}

/** Seed images shipped in the repo (and later, uploads) under /media/. */
export function mediaMiddleware(mounts: Record<string, string>): Middleware {
  const servers = Object.entries(mounts).map(([prefix, dir]) => [prefix, new FileServer(dir)] as const);
  return async (ctx, next) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      for (const [prefix, server] of servers) {
        if (ctx.path.startsWith(prefix) && (await server.serve(ctx, ctx.path.slice(prefix.length), MEDIA))) return;
      }
    }
    await next();
  };
}
