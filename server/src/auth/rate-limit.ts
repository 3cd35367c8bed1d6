import { lt, sql } from 'drizzle-orm';
import { schema, type Db } from '@qiaodu/db';
import { AppError } from '../http/app-error';

const { rateLimitHits } = schema;
const WINDOW_MS = 60_000;
/** Generous for a class behind one school address, tight for a script. */
export const DEFAULT_LOGIN_RATE_LIMIT_PER_MINUTE = 60;
const KEEP_WINDOWS_MS = 24 * 3_600_000;

/**
 * Fixed one-minute windows counted in PostgreSQL, so every API process behind the load
 * balancer shares them: a client cannot multiply its allowance by the number of processes.
 */
export function createRateLimiter(db: Db, clock: () => Date, limitPerMinute: number) {
  return {
    async hit(bucket: string): Promise<void> {
      const now = clock().getTime();
      const windowStart = new Date(now - (now % WINDOW_MS));
      const [row] = await db
        .insert(rateLimitHits)
        .values({ bucket, windowStart, hits: 1 })
        .onConflictDoUpdate({
          target: [rateLimitHits.bucket, rateLimitHits.windowStart],
          set: { hits: sql`${rateLimitHits.hits} + 1` },
        })
        .returning({ hits: rateLimitHits.hits });
      const hits = row?.hits ?? 1;
      // The first hit of a window sweeps yesterday's counters: cheap, and no timer is needed.
      if (hits === 1) await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, new Date(now - KEEP_WINDOWS_MS)));
      if (hits > limitPerMinute) {
        const retryAfterSeconds = Math.ceil((windowStart.getTime() + WINDOW_MS - now) / 1000);
        throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds }, { headers: { 'Retry-After': String(retryAfterSeconds) } });
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
