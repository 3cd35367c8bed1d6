import { schema } from '@qiaodu/db';
import { and, asc, eq, lte } from 'drizzle-orm';
import { AppError } from '../http/app-error';
import { loggableError } from '../http/loggable-error';
import { cancelUnpaidOrder } from './cancellation';
import type { OrderDeps } from './deps';
import { transitionOrder } from './timeline';

const { orders } = schema;

export interface OrderJobs {
  /** Cancels due unpaid orders (releasing their stock) and completes due shipped ones, once. */
  runOnce(): Promise<{ expired: number; completed: number }>;
  stop(): Promise<void>;
}

/** Per pass and kind: a backlog is worked off over a few passes rather than in one long one. */
const PASS_LIMIT = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
const EXPIRY_REASON = '超时未支付，订单已自动取消';

/**
 * The expiry and auto-complete jobs, in every server process (no extra service). Safe with
 * several processes on one database: candidates are picked without any lock, then each order
 * moves in its own transaction through the same conditional transition as everything else
 * (status and deadline in the WHERE). Of two processes on one order exactly one matches; the
 * other gets INVALID_STATE and skips it, so stock is released exactly once. An expiry takes the
 * products' and SKUs' locks before the order row, as payment does, so the two never deadlock.
 */
export function startOrderJobs(deps: OrderDeps, options: { intervalMs: number | null }): OrderJobs {
  const { db, clock, settings, logger } = deps;

  /**
   * Runs `move`; false when another process (or the customer) moved the order first. Any other
   * failure is logged and the order skipped: one order the job cannot move must not stop every
   * order behind it from expiring or completing (it is tried again next pass).
   */
  async function moved(orderId: number, move: () => Promise<void>): Promise<boolean> {
    try {
      await move();
      return true;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'INVALID_STATE')) {
        logger.error({ err: loggableError(error), orderId }, 'order job could not move an order; skipped this pass');
      }
      return false;
    }
  }

  async function expireDue(now: Date): Promise<number> {
    const due = await db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.status, 'pending_payment'), lte(orders.expiresAt, now)))
      .orderBy(asc(orders.expiresAt))
      .limit(PASS_LIMIT);
    let expired = 0;
    for (const { id } of due) {
      const done = await moved(id, () =>
        db.transaction((tx) =>
          cancelUnpaidOrder(tx, {
            orderId: id,
            transition: 'expire',
            by: { kind: 'system' },
            at: now,
            reason: EXPIRY_REASON,
            where: lte(orders.expiresAt, now),
          }),
        ),
      );
      if (done) expired += 1;
    }
    return expired;
  }

  async function completeDue(now: Date): Promise<number> {
    const shippedBefore = new Date(now.getTime() - settings.autoCompleteDays * DAY_MS);
    const due = await db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.status, 'shipped'), lte(orders.shippedAt, shippedBefore)))
      .orderBy(asc(orders.shippedAt))
      .limit(PASS_LIMIT);
    let completed = 0;
    for (const { id } of due) {
      const done = await moved(id, async () => {
        await db.transaction((tx) =>
          transitionOrder(tx, {
            orderId: id,
            transition: 'auto_complete',
            by: { kind: 'system' },
            at: now,
            set: { completedAt: now },
            where: lte(orders.shippedAt, shippedBefore),
          }),
        );
      });
      if (done) completed += 1;
    }
    return completed;
  }

  let running: Promise<{ expired: number; completed: number }> | null = null;
  /** One pass at a time per process: a slow pass is not overtaken by the next tick. */
  function runOnce(): Promise<{ expired: number; completed: number }> {
    if (running) return running;
    const pass = (async () => {
      const now = clock();
      const expired = await expireDue(now);
      const completed = await completeDue(now);
      return { expired, completed };
    })();
    running = pass.finally(() => {
      running = null;
    });
    return running;
  }

  let timer: NodeJS.Timeout | null = null;
  if (options.intervalMs !== null) {
    timer = setInterval(() => {
      if (running) return;
      runOnce().then(
        (result) => {
          if (result.expired + result.completed > 0) logger.info(result, 'order jobs');
        },
        (error: unknown) => logger.error({ err: loggableError(error) }, 'order jobs failed'),
      );
    }, options.intervalMs);
    // The jobs never keep a process alive on their own.
    timer.unref();
  }

  return {
    runOnce,
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
