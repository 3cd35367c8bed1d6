import { and, eq, lt, sql } from 'drizzle-orm';
import { schema, type Db } from '@qiaodu/db';
import { AppError } from '../http/app-error';

const { rateLimitHits } = schema;
const WINDOW_MS = 60_000;
/** Generous for a class behind one school address, tight for a script. */
export const DEFAULT_LOGIN_RATE_LIMIT_PER_MINUTE = 60;
const KEEP_WINDOWS_MS = 24 * 3_600_000;

/** A counted hit: which window it fell into, so that it can be taken back (`forgive`). */
export interface RateLimitHit {
  bucket: string;
  windowStart: Date;
}

/**
 * Fixed windows (one minute unless told otherwise) counted in PostgreSQL, so every API
 * process behind the load balancer shares them: a client cannot multiply its allowance by the
 * number of processes.
 */
export function createRateLimiter(db: Db, clock: () => Date, limitPerWindow: number, windowMs = WINDOW_MS) {
  return {
    async hit(bucket: string): Promise<RateLimitHit> {
      const now = clock().getTime();
      const windowStart = new Date(now - (now % windowMs));
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
      if (hits > limitPerWindow) {
        const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now) / 1000);
        throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds }, { headers: { 'Retry-After': String(retryAfterSeconds) } });
      }
      return { bucket, windowStart };
    },

    /**
     * Takes a hit back once the attempt proved honest (a right pickup code). Counting every
     * attempt first and forgiving the good ones keeps parallel guesses from slipping past a
     * check-then-count, and keeps the answer to a right code the same 429 while limited.
     */
    async forgive(hit: RateLimitHit): Promise<void> {
      await db
        .update(rateLimitHits)
        .set({ hits: sql`greatest(${rateLimitHits.hits} - 1, 0)` })
        .where(and(eq(rateLimitHits.bucket, hit.bucket), eq(rateLimitHits.windowStart, hit.windowStart)));
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
