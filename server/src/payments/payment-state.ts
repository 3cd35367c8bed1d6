import { schema } from '@qiaodu/db';
import type { PaymentState, WechatTradeState } from '@qiaodu/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '../http/app-error';
import { loggableError } from '../http/loggable-error';
import type { OrderDeps } from '../orders/deps';
import { findOwnOrder } from '../orders/order-reader';
import type { ResourceApplier } from './notification-types';
import { payabilityOf } from './payability';
import { queryAndApplyTrade } from './trade-query';

const { paymentAttempts, paymentNotifications } = schema;

type OrderRow = typeof schema.orders.$inferSelect;

/**
 * At most one query of WeChat per order per this long in a process: the order page polls, and
 * WeChat limits query calls per merchant. Real time, not the shop's clock (tests move that).
 */
const QUERY_INTERVAL_MS = 2000;
/** Past this many remembered orders, entries older than the interval are dropped. */
const QUERY_MEMORY_PRUNE_AT = 1000;

/** While the order can still be paid: what the last word from WeChat means to the customer. */
const PAYABLE_MESSAGES: Partial<Record<WechatTradeState, string>> = {
  PAYERROR: '支付失败，请重新支付',
  USERPAYING: '正在支付，请稍候',
  SUCCESS: '支付结果核对中，请稍后查看',
};

function messageOf(order: OrderRow, now: Date, tradeState: WechatTradeState | null): string {
  const payability = payabilityOf(order, now);
  if (payability.payable) return (tradeState && PAYABLE_MESSAGES[tradeState]) ?? '等待支付';
  if (payability.paid && order.status !== 'cancelled') return '支付成功';
  // Paid at WeChat after the shop closed the order: the late-payment refund returns the money.
  if (!payability.paid && tradeState === 'SUCCESS') return `${payability.message}，款项将原路退回`;
  return payability.message;
}

/**
 * GET /api/orders/:id/payment: the server's word on the caller's order. While it is unpaid and
 * a payment was started but no notification applied, WeChat is asked first and a payment it
 * reports is applied (missed-notification recovery); a failed query only leaves tradeState null.
 */
export function createPaymentStateService(deps: OrderDeps, applyTransaction: ResourceApplier) {
  const { db, clock, logger } = deps;
  const lastQueried = new Map<number, number>();

  /** Claims this order's query slot; false when it was queried less than the interval ago. */
  function claimQuery(orderId: number): boolean {
    const now = Date.now();
    const last = lastQueried.get(orderId);
    if (last !== undefined && now - last < QUERY_INTERVAL_MS) return false;
    if (lastQueried.size >= QUERY_MEMORY_PRUNE_AT) {
      for (const [id, at] of lastQueried) if (now - at >= QUERY_INTERVAL_MS) lastQueried.delete(id);
    }
    lastQueried.set(orderId, now);
    return true;
  }

  /**
   * A payment was started here and WeChat's word on it was not recorded yet: only then is there
   * anything to ask. A payment that was flagged (amount or merchant not matching, too late) is
   * WeChat's word too: asking again would only log the same payment once more on every poll.
   */
  async function awaitsWord(orderId: number): Promise<boolean> {
    const [[attempt], [applied]] = await Promise.all([
      db.select({ id: paymentAttempts.id }).from(paymentAttempts).where(eq(paymentAttempts.orderId, orderId)).limit(1),
      db
        .select({ id: paymentNotifications.id })
        .from(paymentNotifications)
        .where(
          and(
            eq(paymentNotifications.orderId, orderId),
            eq(paymentNotifications.kind, 'transaction'),
            inArray(paymentNotifications.outcome, ['applied', 'flagged']),
          ),
        )
        .limit(1),
    ]);
    return attempt !== undefined && applied === undefined;
  }

  async function askWeChat(order: OrderRow, fresh: boolean): Promise<WechatTradeState | null> {
    const gateway = deps.wechatPay;
    if (!gateway || order.status !== 'pending_payment' || !(await awaitsWord(order.id))) return null;
    if (!claimQuery(order.id) && !fresh) return null;
    try {
      return await queryAndApplyTrade(gateway, applyTransaction, order.orderNo, clock());
    } catch (error) {
      logger.warn({ err: loggableError(error), orderNo: order.orderNo }, 'payment state: query of WeChat Pay failed');
      return null;
    }
  }

  return {
    /** `fresh`: ask WeChat even if this order was asked a moment ago (the 模拟支付 sheet just changed it). */
    async state(customerId: number, orderId: number, options: { fresh?: boolean } = {}): Promise<PaymentState> {
      const found = await findOwnOrder(db, customerId, orderId);
      if (!found) throw new AppError('ORDER_NOT_FOUND');
      const tradeState = await askWeChat(found, options.fresh ?? false);
      const order = tradeState === null ? found : ((await findOwnOrder(db, customerId, orderId)) ?? found);
      const now = clock();
      return {
        orderId: order.id,
        orderNo: order.orderNo,
        status: order.status,
        paid: order.paidAt !== null,
        paidAt: order.paidAt?.toISOString() ?? null,
        totalFen: order.totalFen,
        paidFen: order.paidFen,
        channel: order.paymentChannel,
        tradeState,
        message: messageOf(order, now, tradeState),
        simulated: deps.wechatPay?.simulated ?? false,
        payable: payabilityOf(order, now).payable,
      };
    },
  };
}
