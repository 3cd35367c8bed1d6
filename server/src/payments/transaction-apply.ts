import { schema, type Tx } from '@qiaodu/db';
import type { PaymentFlagDetails } from '@qiaodu/db/schema';
import { PAYMENT_FLAG_KIND_LABELS, type PaymentFlagKind, type WechatPayChannel } from '@qiaodu/shared';
import { and, desc, eq } from 'drizzle-orm';
import { violatedUniqueConstraint } from '../console/unique-violation';
import { AppError } from '../http/app-error';
import { loggableError } from '../http/loggable-error';
import type { OrderDeps } from '../orders/deps';
import { lockOrderGoods } from '../orders/order-goods';
import { payOrderInTx } from '../orders/payment';
import { recordLatePaymentRefund, submitLatePaymentRefund } from './late-payment-refunds';
import type { ApplyOutcome, ResourceApplier, ResourceOrigin } from './notification-types';
import { existingFlag, raisePaymentFlag } from './payment-flags';
import { duplicateOfProcessedNotification, originColumns, recordPaymentEvent, rejectResource, type PaymentEvent } from './payment-log';
import { parseWechatTime } from '../wechatpay/wechat-time';

const { orders, paymentAttempts } = schema;

type OrderRow = typeof orders.$inferSelect;

/** The fields of a TRANSACTION.* resource (or a query answer) the shop reads; the rest (payer…) is ignored. */
interface TransactionFacts {
  appid: string;
  mchid: string;
  outTradeNo: string;
  tradeState: string;
  tradeStateDesc: string | null;
  transactionId: string | null;
  totalFen: number | null;
  successAt: Date | null;
}

/**
 * Writes of a concurrent delivery of the same payment that got there first: the second one's
 * transaction fails on these and is logged as the duplicate it is.
 */
const DUPLICATE_CONSTRAINTS = new Set([
  'payment_notifications_processed_id_key',
  'payment_notifications_applied_transaction_key',
  'orders_transaction_id_key',
  'flagged_payment_refunds_transaction_key',
  'flagged_payment_refunds_flag_key',
]);
/** How often a transaction that lost a race is tried again before it is reported. */
const RACE_ATTEMPTS = 3;

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

function readTransaction(resource: unknown): TransactionFacts | null {
  if (typeof resource !== 'object' || resource === null) return null;
  const r = resource as Record<string, unknown>;
  const appid = str(r.appid);
  const mchid = str(r.mchid);
  const outTradeNo = str(r.out_trade_no);
  const tradeState = str(r.trade_state);
  if (!appid || !mchid || !outTradeNo || !tradeState) return null;
  const amount = typeof r.amount === 'object' && r.amount !== null ? (r.amount as Record<string, unknown>) : {};
  return {
    appid,
    mchid,
    outTradeNo,
    tradeState,
    tradeStateDesc: str(r.trade_state_desc),
    transactionId: str(r.transaction_id),
    totalFen: typeof amount.total === 'number' && Number.isSafeInteger(amount.total) ? amount.total : null,
    successAt: parseWechatTime(r.success_time),
  };
}

type Decision = ApplyOutcome & { lateRefundId?: number };

/**
 * Applies a verified payment (a TRANSACTION.SUCCESS notification, or our own query's answer)
 * exactly once. The order's goods and then the order row are locked, as every mover of an order
 * locks them, and the decision and its log row are written in that one transaction:
 * - the order is already paid by this transaction → duplicate;
 * - merchant or app not ours, or an amount other than the order's total → flagged, never paid;
 * - the order can still be paid (unpaid, not past its deadline when the money moved) → paid;
 * - otherwise (expired, cancelled, paid by another transaction) → flagged late_payment, and a
 *   refund of the whole payment is written with the flag and sent to WeChat after commit.
 * The partial unique indexes of the log (notification id, transaction id) settle concurrent
 * deliveries: the loser's transaction fails, and it is logged as a duplicate. An unknown
 * out_trade_no is genuine money for no order: flagged, and rejected (404) so WeChat keeps telling us.
 */
export function createTransactionApplier(deps: OrderDeps): ResourceApplier {
  const { db, logger } = deps;

  return async (resource, origin) => {
    const config = deps.wechatPay?.config;
    const facts = readTransaction(resource);
    const base: PaymentEvent = {
      kind: 'transaction',
      ...originColumns(origin),
      outcome: 'rejected',
      outTradeNo: facts?.outTradeNo ?? null,
      transactionId: facts?.transactionId ?? null,
      wechatState: facts?.tradeState ?? null,
      amountTotalFen: facts?.totalFen ?? null,
      wechatSuccessAt: facts?.successAt ?? null,
    };
    if (!config) return rejectResource(db, base, '微信支付未开通', 404);
    if (!facts) return rejectResource(db, base, '支付结果缺少 appid、mchid、out_trade_no 或 trade_state', 400);

    const duplicate = await duplicateOfProcessedNotification(db, base);
    if (duplicate) return duplicate;

    const [known] = await db
      .select({ id: orders.id, transactionId: orders.transactionId })
      .from(orders)
      .where(eq(orders.orderNo, facts.outTradeNo));
    const orderId = known?.id ?? null;

    if (facts.tradeState !== 'SUCCESS') {
      // Nothing moved (NOTPAY, CLOSED, PAYERROR…): WeChat's word is kept when it told us; our own
      // query of an unpaid trade is not worth a log row each time a customer looks.
      if (origin.source === 'notification') {
        const reason = `交易状态为 ${facts.tradeState}${facts.tradeStateDesc ? `（${facts.tradeStateDesc}）` : ''}，订单无需变更`;
        try {
          // Not the transaction id: the applied-transaction index means "this transaction paid an order".
          await recordPaymentEvent(db, { ...base, outcome: 'applied', reason, transactionId: null, orderId });
        } catch (error) {
          // The same notification, delivered twice at once: the other delivery logged it.
          if (violatedUniqueConstraint(error) !== 'payment_notifications_processed_id_key') throw error;
          await recordPaymentEvent(db, { ...base, outcome: 'duplicate', reason: '该通知已处理过', transactionId: null, orderId });
          return { outcome: 'duplicate', orderId };
        }
      }
      return { outcome: 'applied', orderId };
    }
    const transactionId = facts.transactionId;
    const totalFen = facts.totalFen;
    if (transactionId === null || totalFen === null) {
      return rejectResource(db, { ...base, orderId }, '支付成功的结果缺少 transaction_id 或 amount.total', 400);
    }
    const paid = { ...facts, transactionId, totalFen };

    if (orderId === null) {
      const reason = '未知订单：没有这个商户订单号';
      await db.transaction(async (tx) => {
        const logId = await recordPaymentEvent(tx, { ...base, reason });
        await raisePaymentFlag(tx, {
          kind: 'unknown_order',
          orderId: null,
          transactionId,
          outTradeNo: facts.outTradeNo,
          amountFen: totalFen,
          logId,
          details: { reportedFen: totalFen, reportedMchid: facts.mchid, reportedAppid: facts.appid, tradeState: facts.tradeState },
        });
      });
      logger.warn({ outTradeNo: facts.outTradeNo, transactionId }, 'WeChat Pay reported a payment of an unknown order; flagged');
      return { outcome: 'rejected', reason, httpStatus: 404 };
    }

    // A payment already on this order (WeChat resending under a new notification id) needs no
    // locks: transaction_id is set only by the pay transition and never cleared, so this unlocked
    // read cannot say "already paid" wrongly, and the locked check in decide() catches the rest.
    if (known?.transactionId === transactionId) {
      await recordPaymentEvent(db, { ...base, outcome: 'duplicate', reason: '该笔支付已记入此订单', orderId });
      return { outcome: 'duplicate', orderId };
    }

    const channel = await channelOf(orderId, facts.appid);
    let decision: Decision | null = null;
    for (let attempt = 1; decision === null; attempt++) {
      try {
        decision = await db.transaction((tx) => decide(tx, orderId, paid, channel, base, origin));
      } catch (error) {
        const violated = violatedUniqueConstraint(error);
        if (violated === null || !DUPLICATE_CONSTRAINTS.has(violated)) throw error;
        // A concurrent delivery of the same payment committed first; look again (normally a duplicate now).
        if (attempt >= RACE_ATTEMPTS) {
          await recordPaymentEvent(db, { ...base, outcome: 'duplicate', reason: '同一笔支付正在被并发处理', orderId });
          decision = { outcome: 'duplicate', orderId };
        }
      }
    }

    if (decision.outcome === 'applied') logger.info({ orderId, transactionId, source: origin.source }, 'order paid through WeChat Pay');
    if (decision.lateRefundId !== undefined) {
      logger.warn({ orderId, transactionId }, 'payment arrived after the order closed; refunding it');
      // After commit and outside the transaction: a slow WeChat must not hold the order's locks.
      // The retry pass picks it up if this try fails or never ends.
      const refundId = decision.lateRefundId;
      void submitLatePaymentRefund(deps, refundId).catch((error: unknown) =>
        logger.error({ err: loggableError(error), refundId }, 'late payment refund failed'),
      );
    }
    const { lateRefundId: _sent, ...outcome } = decision;
    return outcome;
  };

  /** The channel of the order's payment attempt in the app that was paid in (jsapi when none is recorded). */
  async function channelOf(orderId: number, appId: string): Promise<WechatPayChannel> {
    const [attempt] = await db
      .select({ channel: paymentAttempts.channel })
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.orderId, orderId), eq(paymentAttempts.appId, appId)))
      .orderBy(desc(paymentAttempts.updatedAt))
      .limit(1);
    return attempt?.channel ?? 'jsapi';
  }

  async function decide(
    tx: Tx,
    orderId: number,
    facts: TransactionFacts & { transactionId: string; totalFen: number },
    channel: WechatPayChannel,
    base: PaymentEvent,
    origin: ResourceOrigin,
  ): Promise<Decision> {
    const config = deps.wechatPay!.config;
    const lines = await lockOrderGoods(tx, orderId);
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order) throw new Error(`order ${orderId} vanished`);
    const event: PaymentEvent = { ...base, orderId };

    if (order.transactionId === facts.transactionId) {
      await recordPaymentEvent(tx, { ...event, outcome: 'duplicate', reason: '该笔支付已记入此订单' });
      return { outcome: 'duplicate', orderId };
    }

    /** Flags the payment once per transaction and kind; flagId is null when it was flagged before (a duplicate). */
    const flag = async (kind: PaymentFlagKind, reason: string, details: PaymentFlagDetails): Promise<{ decision: Decision; flagId: number | null }> => {
      if ((await existingFlag(tx, facts.transactionId, kind)) !== null) {
        await recordPaymentEvent(tx, { ...event, outcome: 'duplicate', reason: `已标记过：${PAYMENT_FLAG_KIND_LABELS[kind]}` });
        return { decision: { outcome: 'duplicate', orderId }, flagId: null };
      }
      const logId = await recordPaymentEvent(tx, { ...event, outcome: 'flagged', reason });
      const raised = await raisePaymentFlag(tx, {
        kind,
        orderId,
        transactionId: facts.transactionId,
        outTradeNo: facts.outTradeNo,
        amountFen: facts.totalFen,
        logId,
        details: { ...details, tradeState: facts.tradeState, orderStatus: order.status },
      });
      return { decision: { outcome: 'flagged', orderId, reason }, flagId: raised.id };
    };

    const apps = [config.appId, config.mpAppId].filter((app): app is string => app !== null);
    if (facts.mchid !== config.mchid || !apps.includes(facts.appid)) {
      const flagged = await flag('merchant_mismatch', '商户号或应用与本店不符，未记为已支付', {
        expectedMchid: config.mchid,
        reportedMchid: facts.mchid,
        expectedAppid: apps.join(','),
        reportedAppid: facts.appid,
      });
      return flagged.decision;
    }
    if (facts.totalFen !== order.totalFen) {
      const flagged = await flag('amount_mismatch', `支付金额 ${facts.totalFen} 分与订单应付 ${order.totalFen} 分不符，未记为已支付`, {
        expectedFen: order.totalFen,
        reportedFen: facts.totalFen,
      });
      return flagged.decision;
    }

    if (await paidNow(tx, order, lines, facts, channel, origin)) {
      await recordPaymentEvent(tx, { ...event, outcome: 'applied' });
      return { outcome: 'applied', orderId };
    }

    const late = await flag('late_payment', '订单已关闭或已由其他交易支付，款项将自动退回', { expectedFen: order.totalFen, reportedFen: facts.totalFen });
    if (late.flagId === null) return late.decision;
    const lateRefundId = await recordLatePaymentRefund(tx, {
      flagId: late.flagId,
      transactionId: facts.transactionId,
      amountFen: facts.totalFen,
      at: deps.clock(),
    });
    return { ...late.decision, lateRefundId };
  }

  /**
   * Pays the order when it still can be: unpaid, and its deadline not passed when the money moved
   * (WeChat's success_time; our clock when it is missing or ahead of us). payOrderInTx is the
   * judge; its refusal means the payment came too late.
   */
  async function paidNow(
    tx: Tx,
    order: OrderRow,
    lines: Awaited<ReturnType<typeof lockOrderGoods>>,
    facts: TransactionFacts & { transactionId: string },
    channel: WechatPayChannel,
    origin: ResourceOrigin,
  ): Promise<boolean> {
    if (order.status !== 'pending_payment') return false;
    const now = deps.clock();
    const at = facts.successAt !== null && facts.successAt < now ? facts.successAt : now;
    try {
      await payOrderInTx(tx, { order, lines, channel, transactionId: facts.transactionId, at });
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'INVALID_STATE') {
        logger.info({ orderId: order.id, source: origin.source }, 'payment could not pay the order');
        return false;
      }
      throw error;
    }
  }
}
