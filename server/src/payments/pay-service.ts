import { schema } from '@qiaodu/db';
import type { PaymentStart, WechatPayChannel } from '@qiaodu/shared';
import { and, asc, desc, eq, gt, ne, or, type SQL } from 'drizzle-orm';
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
 * WeChat binds an out_trade_no (the order number) to the app and payer of its first prepay and
 * refuses another app's or payer's prepay for it (INVALID_REQUEST, 商户订单号重复): the customer
 * finishes paying where they started.
 */
const STARTED_ELSEWHERE: Record<WechatPayChannel, string> = {
  miniprogram: '该订单已在小程序中发起支付，请回到小程序完成支付',
  jsapi: '该订单已在微信浏览器中发起支付，请在微信中打开商城完成支付',
};
const STARTED_ELSEWHERE_UNKNOWN = '该订单已在别处发起支付，请回到发起支付的地方完成支付';
/** WeChat's words for a second prepay of one out_trade_no with other parameters. */
const REPEATED_OUT_TRADE_NO = /订单号重复/;

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

  /**
   * The latest attempt of the order by another app or payer than this one (`validAfter`: only one
   * whose prepay id is still valid then); its trade at WeChat belongs to that app and payer.
   */
  async function otherPayersAttempt(order: OrderRow, payer: Payer, validAfter: Date | null): Promise<{ channel: WechatPayChannel } | null> {
    const conditions: SQL[] = [
      eq(paymentAttempts.orderId, order.id),
      or(ne(paymentAttempts.appId, payer.appId), ne(paymentAttempts.payerOpenid, payer.openid))!,
    ];
    if (validAfter) conditions.push(gt(paymentAttempts.prepayExpiresAt, validAfter));
    const [attempt] = await db
      .select({ channel: paymentAttempts.channel })
      .from(paymentAttempts)
      .where(and(...conditions))
      .orderBy(desc(paymentAttempts.updatedAt), desc(paymentAttempts.id))
      .limit(1);
    return attempt ?? null;
  }

  /** Asks WeChat whether the trade was paid already (a notification still on its way) and takes the payment. */
  async function paidAtWeChat(gateway: WeChatPayGateway, order: OrderRow): Promise<boolean> {
    try {
      return (await queryAndApplyTrade(gateway, applyTransaction, order.orderNo, clock())) === 'SUCCESS';
    } catch (queryError) {
      logger.warn({ err: loggableError(queryError), orderNo: order.orderNo }, 'pay: query of WeChat Pay failed');
      return false;
    }
  }

  /**
   * Refuses a prepay WeChat would refuse anyway because the payment was started in another app or
   * by another payer (a still-valid prepay id there): the customer is told where to finish, and
   * WeChat is only asked whether that payment went through already.
   */
  async function startedElsewhere(gateway: WeChatPayGateway, order: OrderRow, payer: Payer, now: Date): Promise<AppError | null> {
    const other = await otherPayersAttempt(order, payer, now);
    if (!other) return null;
    if (await paidAtWeChat(gateway, order)) return new AppError('INVALID_STATE', '订单已支付');
    return new AppError('INVALID_STATE', STARTED_ELSEWHERE[other.channel]);
  }

  /** WeChat's refusal in the customer's words; never a 500 for something WeChat said or did not say. */
  async function refusalOf(gateway: WeChatPayGateway, order: OrderRow, payer: Payer, error: WeChatPayApiError): Promise<AppError> {
    if (error.code === 'ORDERPAID') {
      // Paid already and we did not know yet (a notification still on its way): take it now.
      await paidAtWeChat(gateway, order);
      return new AppError('INVALID_STATE', '订单已支付');
    }
    if (error.code === 'ORDER_CLOSED') return new AppError('INVALID_STATE', '订单已关闭');
    if (error.code === 'INVALID_REQUEST') {
      // The trade is another app's or payer's (an attempt whose prepay id ran out, or one we never recorded).
      const other = await otherPayersAttempt(order, payer, null);
      if (other) return new AppError('INVALID_STATE', STARTED_ELSEWHERE[other.channel]);
      if (REPEATED_OUT_TRADE_NO.test(error.message)) return new AppError('INVALID_STATE', STARTED_ELSEWHERE_UNKNOWN);
    }
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
      if (error instanceof WeChatPayApiError) throw await refusalOf(gateway, order, payer, error);
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
      let prepayId = await reusablePrepayId(order, channel, payer, now);
      if (prepayId === null) {
        const elsewhere = await startedElsewhere(gateway, order, payer, now);
        if (elsewhere) throw elsewhere;
        prepayId = await prepay(gateway, order, channel, payer, now);
      }
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
