import type { Database } from '@qiaodu/db';
import type { Logger } from 'pino';
import { ChangeAwareCache } from '../cache/change-aware-cache';

/** Triggers on every catalog table NOTIFY this channel at commit (migration 0001). */
export const CATALOG_CHANNEL = 'catalog_changed';

export interface CatalogCacheHandle {
  cache: ChangeAwareCache;
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
  const cache = new ChangeAwareCache(options.maxEntries ?? 2_000);
  let unlisten: (() => Promise<void>) | null = null;
  // A cache that never goes live never stores: every read then goes to the database.
  if (options.enabled) {
    try {
      unlisten = await database.listen(CATALOG_CHANNEL, {
        onNotify: () => cache.invalidate(),
        onListen: () => cache.markLive(),
      });
    } catch (error) {
      logger.warn({ err: error }, 'catalog change feed unavailable; catalog cache disabled');
    }
  }
  return {
    cache,
    async stop() {
      cache.markDead();
      await unlisten?.().catch(() => {});
    },
  };
}
