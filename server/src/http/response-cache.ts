import type { Context, Middleware } from 'koa';
import type { ChangeAwareCache } from '../cache/change-aware-cache';
import type { PreparedJson } from '../cache/prepared-json';
import { sendJson } from './respond';

export interface CachedResponse {
  prepared: PreparedJson;
  cacheControl: string | undefined;
}

const OFFERED = Symbol('responseCacheOffer');

interface WithOffer {
  [OFFERED]?: CachedResponse;
}

/** Called by a route whose answer is the same for everyone (see RouteOptions.sameForEveryone). */
export function offerToResponseCache(ctx: Context, response: CachedResponse): void {
  (ctx.state as WithOffer)[OFFERED] = response;
}

/**
 * A micro-cache in front of the router, keyed by method-less URL, for answers that routes
 * declare the same for everyone (the catalog). A hit skips routing, validation and the
 * service: the URL was valid when it was first answered and means the same until the
 * catalog changes, which empties this cache (it shares the catalog's change feed).
 * It is what lets a catalog read run near bare-Koa speed (see `pnpm bench`).
 */
export function responseCache(cache: ChangeAwareCache<CachedResponse>): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next();
      return;
    }
    const key = ctx.url;
    const hit = cache.get(key);
    if (hit) {
      sendJson(ctx, hit.prepared, 200, hit.cacheControl);
      return;
    }
    const generation = cache.generation;
    await next();
    const offered = (ctx.state as WithOffer)[OFFERED];
    if (offered && (ctx.status === 200 || ctx.status === 304)) cache.set(key, offered, generation);
  };
}
