import { schema, type Db } from '@qiaodu/db';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { loggableError } from '../http/loggable-error';
import type { OrderDeps } from '../orders/deps';
import type { ResourceApplier } from './notification-types';
import { createTransactionApplier } from './transaction-apply';
import { queryAndApplyTrade } from './trade-query';

const { orders, paymentAttempts } = schema;

const PASS_LIMIT = 100;

/** How WeChat left an order's trade once it was closed: closed unpaid, or paid (and that payment applied). */
export type SettledTrade = 'closed' | 'paid';

/**
 * Closes an order's trade at WeChat and records it closed (trade_closed_at on every attempt of
 * the order), so the close is not asked for again. When WeChat refuses because the trade was
 * paid, the payment is queried and applied through the transaction applier like a notification
 * (source 'query'), before the trade is recorded as settled: the applier pays an order still
 * pending whose money moved before its deadline, and flags (and refunds) one that was closed or
 * paid too late. Closing twice is harmless at WeChat and the applier is exactly-once, so two
 * processes settling the same order need no lock. Throws when WeChat could not be asked or the
 * payment could not be recorded: nothing is marked, and the caller tries again later.
 */
export async function settleTrade(deps: OrderDeps, applyTransaction: ResourceApplier, order: { id: number; orderNo: string }, now: Date): Promise<SettledTrade> {
  const gateway = deps.wechatPay;
  if (!gateway) throw new Error('WeChat Pay is not configured');
  const closed = await gateway.closeTransaction(order.orderNo);
  if (closed === 'paid') await queryAndApplyTrade(gateway, applyTransaction, order.orderNo, now);
  await markTradeClosed(deps.db, order.id, now);
  return closed === 'paid' ? 'paid' : 'closed';
}

async function markTradeClosed(db: Db, orderId: number, now: Date): Promise<void> {
  await db
    .update(paymentAttempts)
    .set({ tradeClosedAt: now, updatedAt: now })
    .where(and(eq(paymentAttempts.orderId, orderId), isNull(paymentAttempts.tradeClosedAt)));
}

/**
 * What the expiry job asks before it cancels a due order that started a payment (orders/jobs.ts):
 * WeChat's word on the trade. A payment made in time whose notification has not arrived yet is
 * applied here, so the order is paid instead of cancelled and refunded; a trade WeChat closes
 * (or never had) can no longer take money, so the order may expire. Null without WeChat Pay.
 */
export function tradeSettlerForExpiry(deps: OrderDeps): ((order: { id: number; orderNo: string }, now: Date) => Promise<SettledTrade>) | null {
  if (!deps.wechatPay) return null;
  const applyTransaction = createTransactionApplier(deps);
  return (order, now) => settleTrade(deps, applyTransaction, order, now);
}

/**
 * Closes at WeChat the trades of orders cancelled unpaid that had a prepay id and are not closed
 * yet: those the customer cancelled (the cancel itself never waits for WeChat), and any the expiry
 * left open (an expiry settles the trade first: orders/jobs.ts). A sheet still open somewhere can
 * then no longer take money; a payment that won the race is a late payment, flagged and refunded
 * (settleTrade). Until WeChat has answered, an order is tried again next pass. Answers how many
 * trades were settled.
 */
export async function closeCancelledTrades(deps: OrderDeps, applyTransaction: ResourceApplier, now: Date): Promise<number> {
  if (!deps.wechatPay) return 0;
  const due = await deps.db
    .selectDistinct({ id: orders.id, orderNo: orders.orderNo, cancelledAt: orders.cancelledAt })
    .from(paymentAttempts)
    .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
    .where(and(isNull(paymentAttempts.tradeClosedAt), eq(orders.status, 'cancelled'), isNull(orders.paidAt)))
    .orderBy(asc(orders.cancelledAt), asc(orders.id))
    .limit(PASS_LIMIT);

  let settled = 0;
  for (const order of due) {
    try {
      if ((await settleTrade(deps, applyTransaction, order, now)) === 'paid') {
        deps.logger.warn({ orderId: order.id }, 'a cancelled order was paid at WeChat; applied as a late payment');
      }
      settled += 1;
    } catch (error) {
      // WeChat busy or unreachable, or the late payment could not be recorded: next pass.
      deps.logger.warn({ err: loggableError(error), orderId: order.id }, 'closing the trade of a cancelled order failed; tried again next pass');
    }
  }
  return settled;
}
