import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import { PAGE_HEADERS } from '../http/security';
import { UPLOADS_URL_PREFIX } from '../media/storage';
import { FileServer } from './file-server';

/** Hashed build assets never change under their name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files must be revalidated, or a deploy would not reach phones. */
const REVALIDATE = 'no-cache';
const MEDIA = 'public, max-age=86400';
/**
 * Media may be SVG, which can carry script: served from our own origin, it must not run.
 * (Uploads are re-encoded to WebP; seed images are ours, but the rule holds.)
 */
const MEDIA_HEADERS = { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" };

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export interface StaticOptions {
  /** The built storefront; null serves no pages (API only, or the Vite dev server serves them). */
  storefrontDist: string | null;
  /** URL prefix → folder: seed images shipped in the repo, later uploads. */
  media: Record<string, string>;
}

/**
 * Everything that is not the API: media under /media/, and the built storefront from the
 * API's own port, with hashed assets cached for a year and index.html for every other page
 * path (history-mode routing). API requests pass straight through.
 */
export function staticFiles(options: StaticOptions): Middleware {
  const storefront =
    options.storefrontDist && existsSync(join(options.storefrontDist, 'index.html'))
      ? new FileServer(options.storefrontDist)
      : null;
  // Uploaded files live under random keys that are never rewritten; seed images may change.
  const media = Object.entries(options.media).map(
    ([prefix, dir]) => [prefix, new FileServer(dir), prefix === UPLOADS_URL_PREFIX ? IMMUTABLE : MEDIA] as const,
  );

  return async (ctx, next) => {
    if (isApiPath(ctx.path) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
      await next();
      return;
    }
    if (ctx.path.startsWith('/media/')) {
      for (const [prefix, server, cacheControl] of media) {
        if (ctx.path.startsWith(prefix) && (await server.serve(ctx, ctx.path.slice(prefix.length), cacheControl, MEDIA_HEADERS))) return;
      }
      await next();
      return;
    }
    if (!storefront) {
      await next();
      return;
    }
    const cacheControl = ctx.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
    if (ctx.path !== '/' && (await storefront.serve(ctx, ctx.path, cacheControl))) return;
    // A path with a file extension that does not exist is a missing file, not a page.
    if (/\.[a-z0-9]+$/i.test(ctx.path)) {
      await next();
      return;
    }
    await storefront.serve(ctx, 'index.html', REVALIDATE, PAGE_HEADERS);
  };
}
