import type { Db } from '@qiaodu/db';
import type { Logger } from 'pino';
import { violatedUniqueConstraint } from '../../console/unique-violation';
import { AppError } from '../../http/app-error';
import { loggableError } from '../../http/loggable-error';
import type { OrderSettings } from '../settings';
import { placeBatch, type PlacementOutcome, type PlacementRequest } from './place-batch';

/**
 * Why batches: a flash sale puts hundreds of buyers on one SKU, and every placement must hold
 * that SKU's row lock from its UPDATE to its COMMIT. One transaction per order serialises them
 * on the lock, so the shop would sell only as many orders per second as round trips fit into
 * that window (≈ 460/s measured with pgbench, multi-statement). Instead each process queues
 * the orders that arrive while a batch is in flight and places the next ones together, in one
 * transaction that takes the hot lock once: throughput grows with load, and a lone order still
 * goes at once (nothing waits for a timer).
 *
 * Correctness does not depend on the batcher: the locks and conditional writes in placeBatch
 * are what keep two processes (each with its own batcher) from overselling.
 */
export interface PlacementBatcher {
  place(request: PlacementRequest): Promise<PlacementOutcome>;
}

/** Enough to amortise the hot lock; small enough that one batch's statements stay quick. */
export const BATCH_MAX = 200;
const ATTEMPTS = 5;
/** Aborted by another transaction (deadlock, serialisation): the same work may simply run again. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

interface Waiting {
  request: PlacementRequest;
  resolve(outcome: PlacementOutcome): void;
  reject(error: unknown): void;
}

export function createPlacementBatcher(deps: { db: Db; clock: () => Date; settings: OrderSettings; logger: Logger }): PlacementBatcher {
  const queue: Waiting[] = [];
  /** A transaction is open (or opening) that will take the next batch once the current one ends. */
  let nextOpen = false;
  /** Settles when the latest batch's transaction has ended (committed or rolled back). */
  let lastEnded: Promise<void> = Promise.resolve();

  /**
   * One batch places at a time per process (a second would only queue on the same hot lock),
   * but the NEXT batch's transaction opens while the current one runs: it checks out its pool
   * connection and begins, then waits, and takes everything queued the moment the current
   * transaction has ended. The hot SKU's lock thus passes from batch to batch without a
   * connection checkout and BEGIN in between (under load the pool's queue made that the
   * largest gap). The waiting transaction holds no lock, only a connection.
   */
  function pump(): void {
    if (nextOpen || queue.length === 0) return;
    nextOpen = true;
    const previous = lastEnded;
    let ended!: () => void;
    lastEnded = new Promise<void>((resolve) => (ended = resolve));
    void runNext(previous, ended);
  }

  async function runNext(previous: Promise<void>, ended: () => void): Promise<void> {
    let batch: Waiting[] = [];
    let outcomes: PlacementOutcome[];
    try {
      outcomes = await deps.db.transaction(async (tx) => {
        await previous;
        nextOpen = false;
        batch = queue.splice(0, BATCH_MAX);
        pump();
        return batch.length === 0 ? [] : placeBatch(tx, batch.map((waiting) => waiting.request), deps.clock(), deps.settings);
      });
    } catch (error) {
      if (batch.length === 0) {
        // No transaction (no connection): answer who is waiting rather than spin on a dead database.
        await previous;
        nextOpen = false;
        ended();
        deps.logger.warn({ err: loggableError(error) }, 'could not open an order batch');
        for (const waiting of queue.splice(0)) waiting.reject(asAnswer(error));
        return;
      }
      // The next batch goes ahead (it must not wait: on PGlite it holds the only connection);
      // this one is retried, or split, in transactions of its own. The locks keep them apart.
      ended();
      if (isRetryable(error)) await settle(batch);
      else await settleSplit(batch, error);
      return;
    }
    ended();
    batch.forEach((waiting, index) => waiting.resolve(outcomes[index]!));
  }

  /** Runs a batch in its own transaction (with retries) and answers each request; never throws. */
  async function settle(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await runWithRetries(batch.map((waiting) => waiting.request));
      batch.forEach((waiting, index) => waiting.resolve(outcomes[index]!));
    } catch (error) {
      await settleSplit(batch, error);
    }
  }

  /**
   * A batch that failed for good. One request the database refuses (a bug, a constraint we did
   * not foresee) must not sink the others that came with it: each goes again alone.
   */
  async function settleSplit(batch: Waiting[], error: unknown): Promise<void> {
    if (batch.length === 1) {
      batch[0]!.reject(asAnswer(error));
      return;
    }
    deps.logger.warn({ err: loggableError(error), size: batch.length }, 'order batch failed; placing its orders one by one');
    for (const waiting of batch) await settle([waiting]);
  }

  async function runWithRetries(requests: PlacementRequest[]): Promise<PlacementOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await deps.db.transaction((tx) => placeBatch(tx, requests, deps.clock(), deps.settings));
      } catch (error) {
        if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }

  return {
    place(request) {
      return new Promise<PlacementOutcome>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      });
    },
  };
}

function isRetryable(error: unknown): boolean {
  // Two new orders drew the same order number (31^8 a day): new randomness fixes it.
  if (violatedUniqueConstraint(error) === 'orders_order_no_key') return true;
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (RETRYABLE_SQLSTATES.has(String((current as { code?: unknown }).code))) return true;
  }
  return false;
}

/** Refusals pass through; a database that keeps failing is a 503 the client may retry, never a 500. */
function asAnswer(error: unknown): unknown {
  if (error instanceof AppError) return error;
  return new AppError('SERVICE_UNAVAILABLE', '下单人数较多，请稍后重试', undefined, { cause: error, headers: { 'Retry-After': '1' } });
}
