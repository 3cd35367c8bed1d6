import { schema, type Db, type Tx } from '@qiaodu/db';
import type { PaymentNotificationKind, PaymentNotificationOutcome, PaymentNotificationSource } from '@qiaodu/shared';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { ApplyOutcome, ResourceOrigin } from './notification-types';

const { paymentNotifications } = schema;

/**
 * One entry of the payment event log (payment_notifications): what the intake refused, and what
 * each applier decided. Only identifiers, states, amounts and times: never the raw body, the
 * ciphertext, the signature, the payer's openid or the refund's receiving account (the table's
 * comment says why).
 */
export interface PaymentEvent {
  kind: PaymentNotificationKind;
  source: PaymentNotificationSource;
  outcome: PaymentNotificationOutcome;
  /** Required for rejected and flagged (zh-CN, for staff). */
  reason?: string | null;
  notificationId?: string | null;
  eventType?: string | null;
  receivedAt: Date;
  wechatpaySerial?: string | null;
  wechatpayTimestamp?: number | null;
  outTradeNo?: string | null;
  outRefundNo?: string | null;
  transactionId?: string | null;
  wechatRefundId?: string | null;
  wechatState?: string | null;
  amountTotalFen?: number | null;
  amountRefundFen?: number | null;
  wechatSuccessAt?: Date | null;
  orderId?: number | null;
  refundId?: number | null;
}

/** Identifiers from outside are at most this long here (WeChat's own are ≤ 64). */
const MAX_ID_CHARS = 64;
const MAX_REASON_CHARS = 300;

/** Shortens text that may come from an unverified request, so a forged body cannot bloat the log. */
function clip(value: string | null | undefined, max: number = MAX_ID_CHARS): string | null {
  if (value === null || value === undefined) return null;
  const chars = [...value];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
}

function fenOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= 2_147_483_647 ? value : null;
}

/**
 * Writes one payment event log row and answers its id, in the caller's transaction when given one
 * (an applier writes its row next to its effect, so the partial unique indexes on the notification
 * id, the transaction id and the refund's state make the effect exactly-once). A unique violation
 * is the caller's to handle: it means a concurrent delivery of the same thing won.
 */
export async function recordPaymentEvent(db: Db | Tx, event: PaymentEvent): Promise<number> {
  const [row] = await db
    .insert(paymentNotifications)
    .values({
      kind: event.kind,
      source: event.source,
      outcome: event.outcome,
      reason: clip(event.reason, MAX_REASON_CHARS),
      notificationId: clip(event.notificationId),
      eventType: clip(event.eventType),
      receivedAt: event.receivedAt,
      wechatpaySerial: clip(event.wechatpaySerial),
      wechatpayTimestamp: event.wechatpayTimestamp ?? null,
      outTradeNo: clip(event.outTradeNo),
      outRefundNo: clip(event.outRefundNo),
      transactionId: clip(event.transactionId),
      wechatRefundId: clip(event.wechatRefundId),
      wechatState: clip(event.wechatState, 32),
      amountTotalFen: fenOrNull(event.amountTotalFen),
      amountRefundFen: fenOrNull(event.amountRefundFen),
      wechatSuccessAt: event.wechatSuccessAt ?? null,
      orderId: event.orderId ?? null,
      refundId: event.refundId ?? null,
    })
    .returning({ id: paymentNotifications.id });
  return row!.id;
}

/** Logs a resource an applier refuses (the event's outcome becomes 'rejected') and answers the refusal. */
export async function rejectResource(db: Db, event: PaymentEvent, reason: string, httpStatus: number): Promise<ApplyOutcome> {
  await recordPaymentEvent(db, { ...event, outcome: 'rejected', reason });
  return { outcome: 'rejected', reason, httpStatus };
}

/**
 * When a log row already processed the event's notification id (applied or flagged), logs this
 * delivery as its duplicate, with that row's order and refund, and answers 'duplicate'; null for a
 * notification not processed yet, and for our own query answers (no notification id).
 */
export async function duplicateOfProcessedNotification(db: Db, event: PaymentEvent): Promise<ApplyOutcome | null> {
  const notificationId = event.notificationId ?? null;
  if (notificationId === null) return null;
  const [previous] = await db
    .select({ orderId: paymentNotifications.orderId, refundId: paymentNotifications.refundId })
    .from(paymentNotifications)
    .where(
      and(
        eq(paymentNotifications.notificationId, notificationId),
        isNotNull(paymentNotifications.notificationId),
        inArray(paymentNotifications.outcome, ['applied', 'flagged']),
      ),
    )
    .limit(1);
  if (!previous) return null;
  await recordPaymentEvent(db, { ...event, outcome: 'duplicate', reason: '该通知已处理过', orderId: previous.orderId, refundId: previous.refundId });
  return { outcome: 'duplicate', orderId: previous.orderId };
}

/** The log columns a verified resource's origin fills (source, notification id, event type, headers, time). */
export function originColumns(origin: ResourceOrigin): Pick<
  PaymentEvent,
  'source' | 'notificationId' | 'eventType' | 'wechatpaySerial' | 'wechatpayTimestamp' | 'receivedAt'
> {
  return {
    source: origin.source,
    notificationId: origin.notificationId,
    eventType: origin.eventType,
    wechatpaySerial: origin.serial,
    wechatpayTimestamp: origin.timestamp,
    receivedAt: origin.receivedAt,
  };
}
