import { schema } from '@qiaodu/db';
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { AppError } from '../http/app-error';
import { loggableError } from '../http/loggable-error';
import { tradeSettlerForExpiry } from '../payments/trade-close';
import { WeChatPayApiError } from '../wechatpay/gateway';
import { cancelUnpaidOrder } from './cancellation';
import type { OrderDeps } from './deps';
import { transitionOrder } from './timeline';

const { orders, paymentAttempts } = schema;

/** What one pass did: orders expired and completed, plus what each extra pass counted. */
export type OrderJobResult = { expired: number; completed: number } & Record<string, number>;

export interface OrderJobs {
  /**
   * Cancels due unpaid orders (releasing their stock; one with a WeChat trade only once WeChat
   * has settled it), completes due shipped ones, runs the extra passes; once.
   */
  runOnce(): Promise<OrderJobResult>;
  stop(): Promise<void>;
}

/**
 * More work for the same timer (WeChat Pay: closing the trades of cancelled orders, settling
 * refunds still processing, refunding late payments). Each runs after expiry and completion;
 * `run` answers how many things it moved, and must not throw for one bad item (log it and go on).
 */
export interface OrderJobPass {
  name: string;
  run(now: Date): Promise<number>;
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
export function startOrderJobs(deps: OrderDeps, options: { intervalMs: number | null; passes?: readonly OrderJobPass[] }): OrderJobs {
  const { db, clock, settings, logger } = deps;
  const settleTrade = tradeSettlerForExpiry(deps);

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

  /**
   * Cancels due unpaid orders. One that started a payment (a payment attempt whose trade is not
   * settled yet) first has its trade closed at WeChat: the customer may have paid in time and
   * the notification not have arrived yet. Then WeChat's payment is applied (the order is paid,
   * and the conditional expiry below finds nothing to move); otherwise the trade can no longer
   * take money and the order expires. Without an answer from WeChat the order stays pending this
   * pass (it cannot be paid past its deadline anyway), and once WeChat is found unreachable the
   * other such orders wait for the next pass too, so a pass stays short when WeChat is down.
   */
  async function expireDue(now: Date): Promise<number> {
    const openTrade = db
      .select({ one: sql`1` })
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.orderId, orders.id), isNull(paymentAttempts.tradeClosedAt)));
    const due = await db
      .select({ id: orders.id, orderNo: orders.orderNo, openTrade: sql<boolean>`exists (${openTrade})` })
      .from(orders)
      .where(and(eq(orders.status, 'pending_payment'), lte(orders.expiresAt, now)))
      .orderBy(asc(orders.expiresAt))
      .limit(PASS_LIMIT);
    let expired = 0;
    let wechatAnswers = true;
    for (const order of due) {
      const { id } = order;
      if (order.openTrade && settleTrade) {
        if (!wechatAnswers) continue;
        try {
          await settleTrade(order, now);
        } catch (error) {
          logger.warn({ err: loggableError(error), orderId: id }, 'expiry: the trade at WeChat could not be settled; the order waits for the next pass');
          if (error instanceof WeChatPayApiError && error.retryable) wechatAnswers = false;
          continue;
        }
      }
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

  let running: Promise<OrderJobResult> | null = null;
  /** One pass at a time per process: a slow pass is not overtaken by the next tick. */
  function runOnce(): Promise<OrderJobResult> {
    if (running) return running;
    const pass = (async () => {
      const now = clock();
      const result: OrderJobResult = { expired: await expireDue(now), completed: await completeDue(now) };
      for (const extra of options.passes ?? []) {
        try {
          result[extra.name] = await extra.run(now);
        } catch (error) {
          logger.error({ err: loggableError(error), pass: extra.name }, 'order job pass failed');
          result[extra.name] = 0;
        }
      }
      return result;
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
          if (Object.values(result).some((count) => count > 0)) logger.info(result, 'order jobs');
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
