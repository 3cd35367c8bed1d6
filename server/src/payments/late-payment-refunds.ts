import { createHash } from 'node:crypto';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { WechatRefundStatus } from '@qiaodu/shared';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { loggableError } from '../http/loggable-error';
import type { OrderDeps } from '../orders/deps';
import { WeChatPayApiError, type WeChatRefund } from '../wechatpay/gateway';
import { parseWechatTime } from '../wechatpay/wechat-time';

const { flaggedPaymentRefunds, paymentFlags } = schema;

/*
 * Money that paid no order (WeChat says it was paid after the order had closed) goes back to the
 * payer automatically. The row is written with the late_payment flag, in the applier's
 * transaction, before WeChat is asked: a crash in between leaves a row the retry pass finds, and
 * the unique out_refund_no makes asking twice the same refund at WeChat.
 */

/**
 * out_refund_no of these refunds: refunds.refund_no starts with RF (after-sales/refund-number.ts),
 * these with LP, so the two never collide in the merchant's one namespace, and a refund
 * notification can tell which table it is about.
 */
export const LATE_PAYMENT_REFUND_PREFIX = 'LP';
/** What the payer sees next to the money coming back (≤ 80 characters). */
export const LATE_PAYMENT_REFUND_REASON = '订单已关闭，付款原路退回';
/** A PROCESSING refund is asked about again after this long without news. */
const PROCESSING_RECHECK_MS = 5 * 60 * 1000;
const PASS_LIMIT = 50;

/** LP + the transaction id (28 digits at WeChat); a hash of it for an id that would not fit. */
export function latePaymentOutRefundNo(transactionId: string): string {
  const clean = transactionId.replace(/[^A-Za-z0-9]/g, '');
  const tail = clean.length >= 4 && clean.length <= 62 ? clean : createHash('sha256').update(transactionId).digest('hex').slice(0, 40);
  return `${LATE_PAYMENT_REFUND_PREFIX}${tail}`;
}

export function isLatePaymentOutRefundNo(outRefundNo: string): boolean {
  return outRefundNo.startsWith(LATE_PAYMENT_REFUND_PREFIX);
}

/** Writes the refund of a late payment (once per transaction) and answers its id. */
export async function recordLatePaymentRefund(tx: Tx, input: { flagId: number; transactionId: string; amountFen: number; at: Date }): Promise<number> {
  const [inserted] = await tx
    .insert(flaggedPaymentRefunds)
    .values({
      flagId: input.flagId,
      transactionId: input.transactionId,
      outRefundNo: latePaymentOutRefundNo(input.transactionId),
      amountFen: input.amountFen,
      reason: LATE_PAYMENT_REFUND_REASON,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .onConflictDoNothing()
    .returning({ id: flaggedPaymentRefunds.id });
  if (inserted) return inserted.id;
  const [existing] = await tx
    .select({ id: flaggedPaymentRefunds.id })
    .from(flaggedPaymentRefunds)
    .where(eq(flaggedPaymentRefunds.transactionId, input.transactionId));
  if (!existing) throw new Error(`late payment refund of ${input.transactionId} vanished`);
  return existing.id;
}

/** A state may replace these: nothing sent yet, still processing, or abnormal (staff may get it through at WeChat). */
const OPEN_STATES: readonly WechatRefundStatus[] = ['PROCESSING', 'ABNORMAL'];

/**
 * Stores what WeChat says about a late-payment refund (the refunds API's answer, its query, or a
 * REFUND.* notification): the refund notification applier calls this for LP… refund numbers.
 * Answers 'unknown' when no such refund is ours, 'unchanged' when that state is already stored or
 * the refund is finished.
 */
export async function applyLatePaymentRefundState(
  db: Db | Tx,
  input: { outRefundNo: string; status: WechatRefundStatus; wechatRefundId: string | null; successAt: Date | null; at: Date },
): Promise<'updated' | 'unchanged' | 'unknown'> {
  const [updated] = await db
    .update(flaggedPaymentRefunds)
    .set({
      wechatStatus: input.status,
      wechatRefundId: sql`coalesce(${input.wechatRefundId}, ${flaggedPaymentRefunds.wechatRefundId})`,
      succeededAt: input.status === 'SUCCESS' ? (input.successAt ?? input.at) : null,
      lastError: null,
      updatedAt: input.at,
    })
    .where(
      and(
        eq(flaggedPaymentRefunds.outRefundNo, input.outRefundNo),
        or(isNull(flaggedPaymentRefunds.wechatStatus), inArray(flaggedPaymentRefunds.wechatStatus, [...OPEN_STATES])),
        sql`${flaggedPaymentRefunds.wechatStatus} is distinct from ${input.status}`,
      ),
    )
    .returning({ id: flaggedPaymentRefunds.id });
  if (updated) return 'updated';
  const [known] = await db
    .select({ id: flaggedPaymentRefunds.id })
    .from(flaggedPaymentRefunds)
    .where(eq(flaggedPaymentRefunds.outRefundNo, input.outRefundNo));
  return known ? 'unchanged' : 'unknown';
}

function stateOf(refund: WeChatRefund, at: Date) {
  return {
    outRefundNo: refund.out_refund_no,
    status: refund.status,
    wechatRefundId: refund.refund_id ?? null,
    successAt: parseWechatTime(refund.success_time),
    at,
  };
}

/** What went wrong, for staff: WeChat's code and message, never a request or a key. */
function describeFailure(error: unknown): string {
  if (error instanceof WeChatPayApiError) return `${error.code}：${error.message}`.slice(0, 300);
  return error instanceof Error ? error.message.slice(0, 300) : '未知错误';
}

/**
 * Asks WeChat to return the money of one late payment (or again, with the same out_refund_no,
 * when the last try failed). Never throws: a failure is kept on the row for the retry pass.
 * Answers whether WeChat accepted it.
 */
export async function submitLatePaymentRefund(deps: OrderDeps, refundRowId: number): Promise<boolean> {
  const gateway = deps.wechatPay;
  if (!gateway) return false;
  try {
    const [row] = await deps.db
      .select({
        outRefundNo: flaggedPaymentRefunds.outRefundNo,
        transactionId: flaggedPaymentRefunds.transactionId,
        amountFen: flaggedPaymentRefunds.amountFen,
        reason: flaggedPaymentRefunds.reason,
        wechatStatus: flaggedPaymentRefunds.wechatStatus,
        outTradeNo: paymentFlags.outTradeNo,
      })
      .from(flaggedPaymentRefunds)
      .innerJoin(paymentFlags, eq(paymentFlags.id, flaggedPaymentRefunds.flagId))
      .where(eq(flaggedPaymentRefunds.id, refundRowId));
    if (!row || row.wechatStatus !== null) return false;
    try {
      const refund = await gateway.createRefund({
        outRefundNo: row.outRefundNo,
        transactionId: row.transactionId,
        outTradeNo: row.outTradeNo ?? '',
        refundFen: row.amountFen,
        totalFen: row.amountFen,
        reason: row.reason,
      });
      await deps.db
        .update(flaggedPaymentRefunds)
        .set({ attempts: sql`${flaggedPaymentRefunds.attempts} + 1` })
        .where(eq(flaggedPaymentRefunds.id, refundRowId));
      await applyLatePaymentRefundState(deps.db, stateOf(refund, deps.clock()));
      deps.logger.info({ outRefundNo: row.outRefundNo, status: refund.status }, 'late payment refund accepted by WeChat Pay');
      return true;
    } catch (error) {
      deps.logger.warn({ err: loggableError(error), outRefundNo: row.outRefundNo }, 'late payment refund failed; the retry pass tries again');
      await deps.db
        .update(flaggedPaymentRefunds)
        .set({ attempts: sql`${flaggedPaymentRefunds.attempts} + 1`, lastError: describeFailure(error), updatedAt: deps.clock() })
        .where(and(eq(flaggedPaymentRefunds.id, refundRowId), isNull(flaggedPaymentRefunds.wechatStatus)));
      return false;
    }
  } catch (error) {
    deps.logger.error({ err: loggableError(error), refundRowId }, 'late payment refund could not be recorded');
    return false;
  }
}

/** Asks WeChat about a refund still PROCESSING; a refund WeChat does not know is sent again. */
async function recheckLatePaymentRefund(deps: OrderDeps, row: { id: number; outRefundNo: string }, now: Date): Promise<boolean> {
  const gateway = deps.wechatPay;
  if (!gateway) return false;
  try {
    const refund = await gateway.queryRefund(row.outRefundNo);
    if (refund === null) {
      await deps.db
        .update(flaggedPaymentRefunds)
        .set({ wechatStatus: null, lastError: '微信支付查无此退款，将重新发起', updatedAt: now })
        .where(and(eq(flaggedPaymentRefunds.id, row.id), eq(flaggedPaymentRefunds.wechatStatus, 'PROCESSING')));
      return submitLatePaymentRefund(deps, row.id);
    }
    const result = await applyLatePaymentRefundState(deps.db, stateOf(refund, now));
    // Still processing: checked again after PROCESSING_RECHECK_MS, not on every tick.
    if (result !== 'updated') {
      await deps.db.update(flaggedPaymentRefunds).set({ updatedAt: now }).where(eq(flaggedPaymentRefunds.id, row.id));
    }
    return result === 'updated';
  } catch (error) {
    deps.logger.warn({ err: loggableError(error), outRefundNo: row.outRefundNo }, 'late payment refund query failed; tried again next pass');
    await deps.db
      .update(flaggedPaymentRefunds)
      .set({ lastError: describeFailure(error), updatedAt: now })
      .where(eq(flaggedPaymentRefunds.id, row.id));
    return false;
  }
}

/**
 * The retry pass: late-payment refunds WeChat has not accepted yet (a failed or never-made call)
 * are sent again, and those PROCESSING for a while are asked about. Bounded per pass; one bad row
 * does not stop the others. Answers how many moved.
 */
export async function retryLatePaymentRefunds(deps: OrderDeps, now: Date): Promise<number> {
  const rows = await deps.db
    .select({ id: flaggedPaymentRefunds.id, outRefundNo: flaggedPaymentRefunds.outRefundNo, wechatStatus: flaggedPaymentRefunds.wechatStatus })
    .from(flaggedPaymentRefunds)
    .where(
      or(
        // Not accepted yet: a minute after the last try (or after it was written, when the
        // immediate call never happened), then a minute longer per failed try, up to an hour.
        and(
          isNull(flaggedPaymentRefunds.wechatStatus),
          sql`${flaggedPaymentRefunds.updatedAt} + make_interval(mins => least(greatest(${flaggedPaymentRefunds.attempts}, 1), 60)) <= ${now.toISOString()}::timestamptz`,
        ),
        and(
          eq(flaggedPaymentRefunds.wechatStatus, 'PROCESSING'),
          lte(flaggedPaymentRefunds.updatedAt, new Date(now.getTime() - PROCESSING_RECHECK_MS)),
        ),
      ),
    )
    .orderBy(asc(flaggedPaymentRefunds.createdAt))
    .limit(PASS_LIMIT);
  let moved = 0;
  for (const row of rows) {
    const done = row.wechatStatus === null ? await submitLatePaymentRefund(deps, row.id) : await recheckLatePaymentRefund(deps, row, now);
    if (done) moved += 1;
  }
  return moved;
}
