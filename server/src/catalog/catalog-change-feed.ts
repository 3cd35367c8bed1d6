import type { Database } from '@qiaodu/db';
import type { Logger } from 'pino';
import { ChangeAwareCache } from '../cache/change-aware-cache';
import type { PreparedJson } from '../cache/prepared-json';
import type { CachedResponse } from '../http/response-cache';

/** Triggers on every catalog table NOTIFY this channel at commit (migration 0001). */
export const CATALOG_CHANNEL = 'catalog_changed';

export interface CatalogCacheHandle {
  /** Catalog answers by normalised query, used by the catalog service. */
  answers: ChangeAwareCache<PreparedJson>;
  /** Whole responses by URL, used by the response cache in front of the router. */
  responses: ChangeAwareCache<CachedResponse>;
  stop(): Promise<void>;
}

/**
 * Connects the catalog cache to the database's change notifications, so a change made by
 * any process on the same database (another API process, a migration, psql) empties it.
 */
export async function startCatalogCache(
  database: Database,
  logger: Logger,
  options: { enabled: boolean; maxEntries?: number },
): Promise<CatalogCacheHandle> {
  const maxEntries = options.maxEntries ?? 2_000;
  const caches = [new ChangeAwareCache<PreparedJson>(maxEntries), new ChangeAwareCache<CachedResponse>(maxEntries)] as const;
  let unlisten: (() => Promise<void>) | null = null;
  // A cache that never goes live never stores: every read then goes to the database.
  if (options.enabled) {
    try {
      unlisten = await database.listen(CATALOG_CHANNEL, {
        onNotify: () => caches.forEach((cache) => cache.invalidate()),
        onListen: () => caches.forEach((cache) => cache.markLive()),
        onLost: () => {
          logger.warn('catalog change feed lost; catalog caching paused until it reconnects');
          caches.forEach((cache) => cache.markDead());
        },
      });
    } catch (error) {
      logger.warn({ err: error }, 'catalog change feed unavailable; catalog cache disabled');
    }
  }
  return {
    answers: caches[0],
    responses: caches[1],
    async stop() {
      caches.forEach((cache) => cache.markDead());
      await unlisten?.().catch(() => {});
    },
  };
}
