import type { Database, Db } from '@qiaodu/db';
import type { Logger } from 'pino';
import { ChangeAwareCache } from '../cache/change-aware-cache';
import type { Actor } from '../policy/actor';

/** Triggers on sessions, users and the team tie tables NOTIFY this channel at commit (migration 0009). */
export const SESSION_CHANNEL = 'session_changed';

export interface CachedSession {
  actor: Actor;
  /** When the session was last renewed, as the database said: a hit after RENEW_AFTER_MS renews. */
  lastSeenAtMs: number;
  /** performance.now() when stored, for the age limit. */
  storedAt: number;
}

export interface SessionCacheHandle {
  /** Actors by the SHA-256 of their bearer token. */
  entries: ChangeAwareCache<CachedSession>;
  /** Longer than this an entry is not trusted, whatever the feed says. */
  maxAgeMs: number;
  stop(): Promise<void>;
}

/**
 * Connects the session cache to the database's change notifications, so a logout, a role
 * change or a team change made by any process on the same database empties it.
 */
export async function startSessionCache(
  database: Database,
  logger: Logger,
  options: { maxEntries?: number; maxAgeMs?: number } = {},
): Promise<SessionCacheHandle> {
  const entries = new ChangeAwareCache<CachedSession>(options.maxEntries ?? 10_000);
  let unlisten: (() => Promise<void>) | null = null;
  try {
    unlisten = await database.listen(SESSION_CHANNEL, {
      onNotify: () => entries.invalidate(),
      onListen: () => entries.markLive(),
      onLost: () => {
        logger.warn('session change feed lost; every request looks its session up until it reconnects');
        entries.markDead();
      },
    });
  } catch (error) {
    // A cache that never goes live never stores: every request then reads the database.
    logger.warn({ err: error }, 'session change feed unavailable; session cache disabled');
  }
  return {
    entries,
    // A belt: should a notification ever be lost without the connection dropping, a stale
    // answer lives at most this long.
    maxAgeMs: options.maxAgeMs ?? 60_000,
    async stop() {
      entries.markDead();
      await unlisten?.().catch(() => {});
    },
  };
}

/**
 * The same database, but every transaction empties this process's session cache once it has
 * ended. For the services that change roles and team ties (console, account deletion): their
 * NOTIFY reaches this process over another connection and may arrive after the response has
 * left, so the same client's next request could still meet the old actor here.
 */
export function invalidatingSessionsAfterCommit(db: Db, cache: SessionCacheHandle | null): Db {
  if (!cache) return db;
  return new Proxy(db, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'transaction') {
        const transaction = target.transaction.bind(target);
        return (async (...args: Parameters<Db['transaction']>) => {
          try {
            return await transaction(...args);
          } finally {
            // Also after a failure: a COMMIT whose answer was lost may still have happened.
            cache.entries.invalidate();
          }
        }) as Db['transaction'];
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
