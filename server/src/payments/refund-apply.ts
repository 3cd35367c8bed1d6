import { schema, type Tx } from '@qiaodu/db';
import { formatFen, WECHAT_REFUND_STATUSES, type RefundStatus, type WechatRefundStatus } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import { settleRefundInTx } from '../after-sales/settle';
import { executionOf } from '../after-sales/wechat-executor';
import { parseWechatOutRefundNo } from '../after-sales/wechat-refund-no';
import { violatedUniqueConstraint } from '../console/unique-violation';
import type { OrderDeps } from '../orders/deps';
import { applyLatePaymentRefundState, isLatePaymentOutRefundNo } from './late-payment-refunds';
import type { ApplyOutcome, ResourceApplier } from './notification-types';
import { duplicateOfProcessedNotification, originColumns, recordPaymentEvent, rejectResource, type PaymentEvent } from './payment-log';
import { parseWechatTime } from '../wechatpay/wechat-time';

const { flaggedPaymentRefunds, orders, paymentFlags, refunds } = schema;

/** What the shop reads of a REFUND.* resource or a refund query answer; the rest (user_received_account…) is ignored. */
interface RefundFacts {
  /** Notifications carry it; the query answer does not. */
  mchid: string | null;
  outRefundNo: string;
  /** WeChat's refund_id. */
  wechatRefundId: string | null;
  status: WechatRefundStatus;
  refundFen: number | null;
  totalFen: number | null;
  outTradeNo: string | null;
  transactionId: string | null;
  successAt: Date | null;
}

/** A concurrent delivery of the same refund state committed first: this one is its duplicate. */
const DUPLICATE_CONSTRAINTS = new Set(['payment_notifications_applied_refund_state_key', 'payment_notifications_processed_id_key']);

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const fen = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null);

/** Notifications say refund_status, the refunds API and its query say status: either is read. */
function readRefund(resource: unknown): RefundFacts | null {
  if (typeof resource !== 'object' || resource === null) return null;
  const r = resource as Record<string, unknown>;
  const outRefundNo = str(r.out_refund_no);
  const status = str(r.refund_status) ?? str(r.status);
  if (!outRefundNo || !status || !(WECHAT_REFUND_STATUSES as readonly string[]).includes(status)) return null;
  const amount = typeof r.amount === 'object' && r.amount !== null ? (r.amount as Record<string, unknown>) : {};
  return {
    mchid: str(r.mchid),
    outRefundNo,
    wechatRefundId: str(r.refund_id),
    status: status as WechatRefundStatus,
    refundFen: fen(amount.refund),
    totalFen: fen(amount.total),
    outTradeNo: str(r.out_trade_no),
    transactionId: str(r.transaction_id),
    successAt: parseWechatTime(r.success_time),
  };
}

type Decision = { outcome: 'applied' | 'duplicate'; reason?: string } | { outcome: 'flagged'; reason: string };

/**
 * Applies a verified refund result (a REFUND.SUCCESS / ABNORMAL / CLOSED notification, or the
 * answer of our own query, source 'query') exactly once. The out_refund_no names either one of
 * our refunds (refunds.refund_no, or a later attempt of it: after-sales/wechat-refund-no.ts) or a
 * late payment's refund (LP…, late-payment-refunds.ts).
 *
 * A refund moves through settleRefundInTx, which moves only an `approved` refund, and its log row
 * is written in the same transaction: a resent notification, or one racing the executor's own
 * answer or the sync pass, finds the refund already moved and is logged as a duplicate; the
 * partial unique index on (out_refund_no, wechat_state) of applied rows backs that.
 *
 * Genuine results the shop cannot take as they are (another merchant, an amount or trade that is
 * not the refund's) are 'flagged': acknowledged, logged with the reason for staff (支付记录), and
 * the refund left as it was. Safer than rejecting them: the money at WeChat is what it is, and a
 * FAIL would only make WeChat resend the same thing for a day; safer than applying them: the
 * books never record an amount that is not the refund's. An out_refund_no we do not know is
 * rejected (404) and logged.
 */
export function createRefundApplier(deps: OrderDeps): ResourceApplier {
  const { db, logger } = deps;

  return async (resource, origin) => {
    const config = deps.wechatPay?.config;
    const facts = readRefund(resource);
    const base: PaymentEvent = {
      kind: 'refund',
      ...originColumns(origin),
      outcome: 'rejected',
      outRefundNo: facts?.outRefundNo ?? null,
      outTradeNo: facts?.outTradeNo ?? null,
      transactionId: facts?.transactionId ?? null,
      wechatRefundId: facts?.wechatRefundId ?? null,
      wechatState: facts?.status ?? null,
      amountTotalFen: facts?.totalFen ?? null,
      amountRefundFen: facts?.refundFen ?? null,
      wechatSuccessAt: facts?.successAt ?? null,
    };
    const reject = (reason: string, httpStatus: number, more: Partial<PaymentEvent> = {}): Promise<ApplyOutcome> =>
      rejectResource(db, { ...base, ...more }, reason, httpStatus);

    if (!config) return reject('微信支付未开通', 404);
    if (!facts) return reject('退款结果缺少 out_refund_no 或退款状态', 400);
    if (facts.refundFen === null) return reject('退款结果缺少退款金额 amount.refund', 400);
    const refundFen = facts.refundFen;

    const duplicate = await duplicateOfProcessedNotification(db, base);
    if (duplicate) return duplicate;

    // Our query answers carry no mchid: they came from our own signed call to our merchant.
    const mchidMismatch = origin.source === 'notification' && facts.mchid !== config.mchid;

    if (isLatePaymentOutRefundNo(facts.outRefundNo)) return applyToLatePaymentRefund(facts, refundFen, base, mchidMismatch);

    const { refundNo } = parseWechatOutRefundNo(facts.outRefundNo);
    const [refund] = await db
      .select({
        id: refunds.id,
        orderId: refunds.orderId,
        orderNo: orders.orderNo,
        transactionId: orders.transactionId,
        status: refunds.status,
        amountFen: refunds.amountFen,
        externalRefundId: refunds.externalRefundId,
      })
      .from(refunds)
      .innerJoin(orders, eq(orders.id, refunds.orderId))
      .where(eq(refunds.refundNo, refundNo));
    if (!refund) {
      logger.warn({ outRefundNo: facts.outRefundNo, status: facts.status }, 'WeChat Pay reported a refund the shop does not know');
      return reject('未知退款单：没有这个商户退款单号', 404);
    }
    const event: PaymentEvent = { ...base, orderId: refund.orderId, refundId: refund.id };

    const mismatch = mchidMismatch
      ? '商户号与本店不符，退款单未变更'
      : refundFen !== refund.amountFen
        ? `退款金额 ${formatFen(refundFen)} 与退款单 ${formatFen(refund.amountFen)} 不符，退款单未变更，请核实`
        : (facts.outTradeNo !== null && facts.outTradeNo !== refund.orderNo) ||
            (facts.transactionId !== null && refund.transactionId !== null && facts.transactionId !== refund.transactionId)
          ? '退款所属的交易与退款单的订单不符，退款单未变更，请核实'
          : null;

    let decision: Decision;
    try {
      decision = await db.transaction(async (tx) => {
        const decided: Decision = mismatch ? { outcome: 'flagged', reason: mismatch } : await decide(tx, refund, facts);
        // Our own query that changed nothing is not worth a row on every pass of the sync job.
        if (origin.source === 'notification' || decided.outcome !== 'duplicate') {
          await recordPaymentEvent(tx, { ...event, outcome: decided.outcome, reason: decided.reason ?? null });
        }
        return decided;
      });
    } catch (error) {
      const violated = violatedUniqueConstraint(error);
      if (violated === null || !DUPLICATE_CONSTRAINTS.has(violated)) throw error;
      await recordPaymentEvent(db, { ...event, outcome: 'duplicate', reason: '同一退款结果正在被并发处理' });
      decision = { outcome: 'duplicate' };
    }

    if (decision.outcome === 'flagged') logger.warn({ refundId: refund.id, outRefundNo: facts.outRefundNo, reason: decision.reason }, 'refund result flagged');
    if (decision.outcome === 'applied') logger.info({ refundId: refund.id, status: facts.status, source: origin.source }, 'refund result applied');
    return decision.outcome === 'flagged'
      ? { outcome: 'flagged', orderId: refund.orderId, reason: decision.reason }
      : { outcome: decision.outcome, orderId: refund.orderId };
  };

  /**
   * What WeChat's state means for the refund, inside the transaction that logs it:
   * - SUCCESS: the money went back. An approved refund is settled; so is a failed one (an
   *   ABNORMAL refund the merchant completed at WeChat, or a call that timed out and was carried
   *   out after all): the books must say what WeChat did.
   * - ABNORMAL / CLOSED: an approved refund fails with the reason, unless the result is about an
   *   earlier attempt than the one WeChat is working on now (its refund_id is not the stored one).
   * - PROCESSING (only from a query): WeChat has it; its refund_id is stored if we did not get it.
   */
  async function decide(
    tx: Tx,
    refund: { id: number; status: RefundStatus; externalRefundId: string | null },
    facts: RefundFacts,
  ): Promise<Decision> {
    const now = deps.clock();
    const wechatRefundId = facts.wechatRefundId ?? refund.externalRefundId ?? facts.outRefundNo;
    const execution = executionOf({ status: facts.status, refund_id: wechatRefundId, success_time: facts.successAt?.toISOString() }, deps.clock);
    if (execution.status === 'refunded') {
      if (refund.status !== 'approved' && refund.status !== 'failed') {
        return refund.status === 'refunded'
          ? { outcome: 'duplicate', reason: '退款已记为成功' }
          : { outcome: 'flagged', reason: `退款单状态为 ${refund.status}，未申请退款却收到退款成功，请核实` };
      }
      const moved = await settleRefundInTx(tx, refund.id, execution, now, { reopenFailed: refund.status === 'failed' });
      return moved ? { outcome: 'applied' } : { outcome: 'duplicate', reason: '退款已由其他结果处理' };
    }
    if (refund.status !== 'approved') return { outcome: 'duplicate', reason: '退款单已不在退款中' };
    const current = refund.externalRefundId === null || facts.wechatRefundId === null || facts.wechatRefundId === refund.externalRefundId;
    if (execution.status === 'processing') {
      if (refund.externalRefundId !== null) return { outcome: 'duplicate', reason: '退款处理中' };
      const moved = await settleRefundInTx(tx, refund.id, execution, now);
      return moved ? { outcome: 'applied', reason: '微信支付已受理退款' } : { outcome: 'duplicate' };
    }
    if (!current) return { outcome: 'duplicate', reason: '该结果属于此前一次已结束的退款尝试' };
    const moved = await settleRefundInTx(tx, refund.id, execution, now);
    return moved ? { outcome: 'applied', reason: execution.reason } : { outcome: 'duplicate', reason: '退款单已不在退款中' };
  }

  /**
   * A late payment's refund (flagged_payment_refunds): its WeChat state is stored, once per state.
   * The flag's order is logged with it; there is no refunds row.
   */
  async function applyToLatePaymentRefund(facts: RefundFacts, refundFen: number, base: PaymentEvent, mchidMismatch: boolean): Promise<ApplyOutcome> {
    const [row] = await db
      .select({ amountFen: flaggedPaymentRefunds.amountFen, transactionId: flaggedPaymentRefunds.transactionId, orderId: paymentFlags.orderId })
      .from(flaggedPaymentRefunds)
      .innerJoin(paymentFlags, eq(paymentFlags.id, flaggedPaymentRefunds.flagId))
      .where(eq(flaggedPaymentRefunds.outRefundNo, facts.outRefundNo));
    if (!row) {
      logger.warn({ outRefundNo: facts.outRefundNo, status: facts.status }, 'WeChat Pay reported a late-payment refund the shop does not know');
      await recordPaymentEvent(db, { ...base, reason: '未知退款单：没有这个商户退款单号' });
      return { outcome: 'rejected', reason: '未知退款单：没有这个商户退款单号', httpStatus: 404 };
    }
    const event: PaymentEvent = { ...base, orderId: row.orderId };
    const mismatch = mchidMismatch
      ? '商户号与本店不符，自动退款记录未变更'
      : refundFen !== row.amountFen || (facts.transactionId !== null && facts.transactionId !== row.transactionId)
        ? `退款金额 ${formatFen(refundFen)} 或交易与自动退款记录不符，记录未变更，请核实`
        : null;
    try {
      const outcome = await db.transaction(async (tx) => {
        if (mismatch) {
          await recordPaymentEvent(tx, { ...event, outcome: 'flagged', reason: mismatch });
          return 'flagged' as const;
        }
        const stored = await applyLatePaymentRefundState(tx, {
          outRefundNo: facts.outRefundNo,
          status: facts.status,
          wechatRefundId: facts.wechatRefundId,
          successAt: facts.successAt,
          at: deps.clock(),
        });
        const applied = stored === 'updated';
        await recordPaymentEvent(tx, { ...event, outcome: applied ? 'applied' : 'duplicate', reason: applied ? null : '该退款状态已记录' });
        return applied ? ('applied' as const) : ('duplicate' as const);
      });
      return outcome === 'flagged' ? { outcome, orderId: row.orderId, reason: mismatch ?? '' } : { outcome, orderId: row.orderId };
    } catch (error) {
      const violated = violatedUniqueConstraint(error);
      if (violated === null || !DUPLICATE_CONSTRAINTS.has(violated)) throw error;
      await recordPaymentEvent(db, { ...event, outcome: 'duplicate', reason: '同一退款结果正在被并发处理' });
      return { outcome: 'duplicate', orderId: row.orderId };
    }
  }
}
