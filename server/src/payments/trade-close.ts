import { schema } from '@qiaodu/db';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { loggableError } from '../http/loggable-error';
import type { OrderDeps } from '../orders/deps';
import type { ResourceApplier } from './notification-types';

const { orders, paymentAttempts } = schema;

const PASS_LIMIT = 100;

/**
 * Closes at WeChat the trades of orders cancelled unpaid (expired, or cancelled by the customer)
 * that had a prepay id, so a payment sheet still open somewhere can no longer take money. Each
 * order's trade is recorded closed once WeChat has answered (trade_closed_at on its attempts);
 * until then it is tried again next pass. Closing twice is harmless at WeChat, so two processes
 * picking the same order need no lock. When WeChat refuses because the trade was paid (the
 * payment won the race against the expiry), the trade is queried and applied through the
 * transaction applier like a notification: the order is closed, so that is a late payment, which
 * is flagged and refunded. Answers how many trades were settled.
 */
export async function closeCancelledTrades(deps: OrderDeps, applyTransaction: ResourceApplier, now: Date): Promise<number> {
  const gateway = deps.wechatPay;
  if (!gateway) return 0;
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
      const closed = await gateway.closeTransaction(order.orderNo);
      if (closed === 'paid') {
        const trade = await gateway.queryTransaction(order.orderNo);
        if (trade?.trade_state === 'SUCCESS') {
          const applied = await applyTransaction(trade, { source: 'query', notificationId: null, eventType: null, serial: null, timestamp: null, receivedAt: now });
          if (applied.outcome === 'rejected') throw new Error(`late payment of order ${order.id} not recorded: ${applied.reason}`);
        }
        deps.logger.warn({ orderId: order.id, tradeState: trade?.trade_state ?? null }, 'a cancelled order was paid at WeChat; applied as a late payment');
      }
      await deps.db
        .update(paymentAttempts)
        .set({ tradeClosedAt: now, updatedAt: now })
        .where(and(eq(paymentAttempts.orderId, order.id), isNull(paymentAttempts.tradeClosedAt)));
      settled += 1;
    } catch (error) {
      // WeChat busy or unreachable, or the late payment could not be recorded: next pass.
      deps.logger.warn({ err: loggableError(error), orderId: order.id }, 'closing the trade of a cancelled order failed; tried again next pass');
    }
  }
  return settled;
}
