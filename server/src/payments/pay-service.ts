import { schema } from '@qiaodu/db';
import type { PaymentStart, WechatPayChannel } from '@qiaodu/shared';
import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../http/app-error';
import { loggableError } from '../http/loggable-error';
import type { OrderDeps } from '../orders/deps';
import { findOwnOrder } from '../orders/order-reader';
import { WeChatPayApiError, type WeChatPayGateway } from '../wechatpay/gateway';
import type { ResourceApplier } from './notification-types';
import { payabilityOf } from './payability';
import { paymentDescription } from './payment-description';
import { payerOf, type Payer } from './payer-openid';
import { queryAndApplyTrade } from './trade-query';

const { orderItems, paymentAttempts } = schema;

type OrderRow = typeof schema.orders.$inferSelect;

/** WeChat keeps a prepay id for two hours. */
const PREPAY_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** A prepay id this close to its end is not handed out again: the customer needs time to pay. */
const PREPAY_REUSE_MARGIN_MS = 60 * 1000;
const UNAVAILABLE_MESSAGE = '微信支付尚未开通，暂时无法付款';

/**
 * POST /api/orders/:id/pay: a JSAPI prepay for the caller's own unpaid order, answered as the
 * parameters wx.requestPayment / getBrandWCPayRequest take. The amount is the order's total from
 * the database, never the client's. Paying again from the same place reuses the prepay id while
 * it is valid, so tapping 支付 twice neither asks WeChat twice nor leaves two trades.
 */
export function createPayService(deps: OrderDeps, applyTransaction: ResourceApplier) {
  const { db, clock, logger } = deps;

  async function reusablePrepayId(order: OrderRow, channel: WechatPayChannel, payer: Payer, now: Date): Promise<string | null> {
    const [attempt] = await db
      .select({ prepayId: paymentAttempts.prepayId, expiresAt: paymentAttempts.prepayExpiresAt })
      .from(paymentAttempts)
      .where(
        and(
          eq(paymentAttempts.orderId, order.id),
          eq(paymentAttempts.channel, channel),
          eq(paymentAttempts.appId, payer.appId),
          eq(paymentAttempts.payerOpenid, payer.openid),
        ),
      );
    if (!attempt || attempt.expiresAt.getTime() - now.getTime() <= PREPAY_REUSE_MARGIN_MS) return null;
    // The demo simulator forgets its trades when the process restarts: a prepay id it no longer
    // knows could never be paid.
    if (deps.paymentSimulator && !deps.paymentSimulator.knowsTrade(order.orderNo)) return null;
    return attempt.prepayId;
  }

  /** WeChat's refusal in the customer's words; never a 500 for something WeChat said or did not say. */
  async function refusalOf(gateway: WeChatPayGateway, order: OrderRow, error: WeChatPayApiError): Promise<AppError> {
    if (error.code === 'ORDERPAID') {
      // Paid already and we did not know yet (a notification still on its way): take it now.
      try {
        await queryAndApplyTrade(gateway, applyTransaction, order.orderNo, clock());
      } catch (queryError) {
        logger.warn({ err: loggableError(queryError), orderNo: order.orderNo }, 'query after ORDERPAID failed');
      }
      return new AppError('INVALID_STATE', '订单已支付');
    }
    if (error.code === 'ORDER_CLOSED') return new AppError('INVALID_STATE', '订单已关闭');
    logger.warn({ err: loggableError(error), orderNo: order.orderNo, code: error.code }, 'WeChat Pay refused a prepay');
    return new AppError(error.retryable ? 'PAYMENT_PROVIDER_UNAVAILABLE' : 'PAYMENT_PROVIDER_REFUSED');
  }

  async function prepay(gateway: WeChatPayGateway, order: OrderRow, channel: WechatPayChannel, payer: Payer, now: Date): Promise<string> {
    const lines = await db
      .select({ title: orderItems.title, quantity: orderItems.quantity })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .orderBy(asc(orderItems.id));
    let prepayId: string;
    try {
      ({ prepayId } = await gateway.jsapiPrepay({
        appId: payer.appId,
        description: paymentDescription(lines),
        outTradeNo: order.orderNo,
        timeExpire: order.expiresAt,
        totalFen: order.totalFen,
        payerOpenid: payer.openid,
      }));
    } catch (error) {
      if (error instanceof WeChatPayApiError) throw await refusalOf(gateway, order, error);
      throw error;
    }
    const expiresAt = new Date(Math.min(now.getTime() + PREPAY_LIFETIME_MS, order.expiresAt.getTime()));
    await db
      .insert(paymentAttempts)
      .values({ orderId: order.id, channel, appId: payer.appId, payerOpenid: payer.openid, prepayId, prepayExpiresAt: expiresAt })
      .onConflictDoUpdate({
        target: [paymentAttempts.orderId, paymentAttempts.channel, paymentAttempts.appId, paymentAttempts.payerOpenid],
        set: { prepayId, prepayExpiresAt: expiresAt, updatedAt: now },
      });
    return prepayId;
  }

  return {
    async pay(customerId: number, orderId: number, channel: WechatPayChannel): Promise<PaymentStart> {
      const order = await findOwnOrder(db, customerId, orderId);
      if (!order) throw new AppError('ORDER_NOT_FOUND');
      const gateway = deps.wechatPay;
      if (!gateway) throw new AppError('PAYMENT_UNAVAILABLE', UNAVAILABLE_MESSAGE);
      const now = clock();
      const payability = payabilityOf(order, now);
      if (!payability.payable) throw new AppError('INVALID_STATE', payability.message);
      const payer = await payerOf(db, { customerId, channel, config: gateway.config, demoLogin: deps.demoPayment });
      const prepayId = (await reusablePrepayId(order, channel, payer, now)) ?? (await prepay(gateway, order, channel, payer, now));
      return {
        mode: 'wechat',
        channel,
        simulated: gateway.simulated,
        orderId: order.id,
        orderNo: order.orderNo,
        totalFen: order.totalFen,
        expiresAt: order.expiresAt.toISOString(),
        params: gateway.payParams(payer.appId, prepayId),
      };
    },
  };
}
