import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  PAYMENT_FLAG_KINDS,
  PAYMENT_NOTIFICATION_KINDS,
  PAYMENT_NOTIFICATION_OUTCOMES,
  PAYMENT_NOTIFICATION_SOURCES,
  WECHAT_PAY_CHANNELS,
  WECHAT_REFUND_STATUSES,
  type PaymentFlagKind,
  type PaymentNotificationKind,
  type PaymentNotificationOutcome,
  type PaymentNotificationSource,
  type WechatPayChannel,
  type WechatRefundStatus,
} from '@qiaodu/shared';
import { users } from './accounts';
import { createdAt, sqlList, updatedAt } from './columns';
import { orders, refunds } from './orders';
import { shifts } from './shifts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A JSAPI prepay id obtained for an order, one per (order, channel, app, payer): paying again
 * from the same place reuses it while it is valid instead of asking WeChat for another. WeChat
 * binds the trade (out_trade_no = the order number) to the app and openid of its first prepay and
 * refuses a prepay for it from another app or payer, so an order has in practice one app and
 * payer: paying elsewhere is answered "finish paying where you started" (payments/pay-service.ts).
 * The openid is kept because the prepay id is bound to it; it is already on the payer's
 * wechat_identities row.
 */
export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    channel: text('channel').$type<WechatPayChannel>().notNull(),
    appId: text('app_id').notNull(),
    payerOpenid: text('payer_openid').notNull(),
    prepayId: text('prepay_id').notNull(),
    /**
     * When the prepay id stops being usable: WeChat keeps one for 2 hours, and the order's own
     * time_expire may come first. A new prepay id replaces the old one on this row.
     */
    prepayExpiresAt: at('prepay_expires_at').notNull(),
    /**
     * When the trade (out_trade_no = the order number, shared by all of the order's attempts) was
     * closed at WeChat after the order was cancelled unpaid: set on every attempt of the order
     * once WeChat has answered, so the job closes each trade once (payments/trade-close.ts).
     */
    tradeClosedAt: at('trade_closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payment_attempts_order_payer_key').on(t.orderId, t.channel, t.appId, t.payerOpenid),
    // The trade-close job scans only attempts whose trade is still open at WeChat.
    index('payment_attempts_open_trade_idx').on(t.orderId).where(sql`${t.tradeClosedAt} is null`),
    check('payment_attempts_channel_check', sql`${t.channel} in (${sqlList(WECHAT_PAY_CHANNELS)})`),
    check('payment_attempts_prepay_id_not_blank', sql`length(btrim(${t.prepayId})) > 0`),
  ],
);

/**
 * The payment event log: every notification received on the notify endpoints (accepted or
 * rejected, with the reason) and every result of our own query of WeChat that was applied.
 *
 * Kept only what the accounts and an investigation need: the identifiers, state, amounts and
 * WeChat's payment time, and the signature headers' serial and timestamp. Deliberately NOT
 * stored: the raw body and the encrypted resource (ciphertext, nonce, associated_data), the
 * signature and nonce headers, the decrypted resource as a whole, the payer's openid, and the
 * refund's user_received_account (the payer's bank and card tail). Every value here comes
 * from outside: the writer shortens text it stores from an unverified request.
 *
 * Exactly once: a notification id is processed (applied or flagged) at most once, a
 * transaction pays an order at most once, and a refund reaches each WeChat state at most
 * once; deliveries after that are logged as duplicates (WeChat resends until acknowledged).
 * These partial unique indexes back the order/refund row lock the applier takes. Rejected
 * deliveries stay outside them, so a forged request carrying a real notification id cannot
 * block the genuine one.
 */
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<PaymentNotificationKind>().notNull(),
    source: text('source').$type<PaymentNotificationSource>().notNull().default('notification'),
    /** The notification's `id`; null for query results and bodies that could not be parsed. */
    notificationId: text('notification_id'),
    /** TRANSACTION.SUCCESS, REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED… */
    eventType: text('event_type'),
    receivedAt: at('received_at').notNull().defaultNow(),
    outcome: text('outcome').$type<PaymentNotificationOutcome>().notNull(),
    /** Why it was rejected, flagged or seen as a duplicate (zh-CN, for staff). */
    reason: text('reason'),
    /** The Wechatpay-Serial and Wechatpay-Timestamp headers (which key, and how fresh). */
    wechatpaySerial: text('wechatpay_serial'),
    wechatpayTimestamp: bigint('wechatpay_timestamp', { mode: 'number' }),
    outTradeNo: text('out_trade_no'),
    outRefundNo: text('out_refund_no'),
    transactionId: text('transaction_id'),
    /** WeChat's refund_id (not ours: that is refund_id below). */
    wechatRefundId: text('wechat_refund_id'),
    /** trade_state for a payment, refund_status for a refund, as WeChat reported it. */
    wechatState: text('wechat_state'),
    /** amount.total (what the payment was), and for a refund amount.refund, in fen. */
    amountTotalFen: integer('amount_total_fen'),
    amountRefundFen: integer('amount_refund_fen'),
    /** success_time: when WeChat says the money moved. */
    wechatSuccessAt: at('wechat_success_at'),
    orderId: integer('order_id').references(() => orders.id, { onDelete: 'restrict' }),
    refundId: integer('refund_id').references(() => refunds.id, { onDelete: 'restrict' }),
  },
  (t) => [
    uniqueIndex('payment_notifications_processed_id_key')
      .on(t.notificationId)
      .where(sql`${t.notificationId} is not null and ${t.outcome} in ('applied', 'flagged')`),
    uniqueIndex('payment_notifications_applied_transaction_key')
      .on(t.transactionId)
      .where(sql`${t.kind} = 'transaction' and ${t.outcome} = 'applied' and ${t.transactionId} is not null`),
    uniqueIndex('payment_notifications_applied_refund_state_key')
      .on(t.outRefundNo, t.wechatState)
      .where(sql`${t.kind} = 'refund' and ${t.outcome} = 'applied' and ${t.outRefundNo} is not null`),
    index('payment_notifications_received_idx').on(t.receivedAt),
    index('payment_notifications_order_idx').on(t.orderId, t.id),
    index('payment_notifications_refund_idx').on(t.refundId, t.id),
    index('payment_notifications_transaction_idx').on(t.transactionId),
    check('payment_notifications_kind_check', sql`${t.kind} in (${sqlList(PAYMENT_NOTIFICATION_KINDS)})`),
    check('payment_notifications_source_check', sql`${t.source} in (${sqlList(PAYMENT_NOTIFICATION_SOURCES)})`),
    check('payment_notifications_outcome_check', sql`${t.outcome} in (${sqlList(PAYMENT_NOTIFICATION_OUTCOMES)})`),
    check('payment_notifications_reason_given', sql`${t.outcome} not in ('rejected', 'flagged') or ${t.reason} is not null`),
  ],
);

/**
 * What a flag records beyond its columns: what the shop expected and what WeChat reported
 * (amount in fen, mchid, appid, trade_state), for staff to compare. No personal data.
 */
export interface PaymentFlagDetails {
  expectedFen?: number;
  reportedFen?: number;
  expectedMchid?: string;
  reportedMchid?: string;
  expectedAppid?: string;
  reportedAppid?: string;
  orderStatus?: string;
  tradeState?: string;
}

/**
 * Genuine money (a verified, decrypted notification or query result) that could not be applied
 * as it is: the amount or merchant does not match the order, the order had already closed
 * (the payment is refunded automatically: flagged_payment_refunds), or no order has that
 * out_trade_no. Never marks an order paid; a teacher or admin looks at each and resolves it.
 * One flag per transaction and kind, however often WeChat resends.
 */
export const paymentFlags = pgTable(
  'payment_flags',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<PaymentFlagKind>().notNull(),
    /** Null only for a payment of an order the shop does not know. */
    orderId: integer('order_id').references(() => orders.id, { onDelete: 'restrict' }),
    transactionId: text('transaction_id').notNull(),
    outTradeNo: text('out_trade_no'),
    /** amount.total as WeChat reported it. */
    amountFen: integer('amount_fen'),
    /** The log entry that raised it. */
    notificationId: bigint('notification_id', { mode: 'number' }).references(() => paymentNotifications.id, { onDelete: 'restrict' }),
    details: jsonb('details').$type<PaymentFlagDetails>().notNull().default({}),
    createdAt: createdAt(),
    resolvedAt: at('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    /** The operations shift the resolver was clocked into; the shifts issue adds the key. */
    resolvedShiftId: integer('resolved_shift_id').references(() => shifts.id, { onDelete: 'restrict' }),
    resolutionNote: text('resolution_note').notNull().default(''),
  },
  (t) => [
    uniqueIndex('payment_flags_transaction_kind_key').on(t.transactionId, t.kind),
    index('payment_flags_open_idx').on(t.createdAt).where(sql`${t.resolvedAt} is null`),
    index('payment_flags_order_idx').on(t.orderId),
    check('payment_flags_kind_check', sql`${t.kind} in (${sqlList(PAYMENT_FLAG_KINDS)})`),
    check('payment_flags_order_known', sql`(${t.kind} = 'unknown_order') = (${t.orderId} is null)`),
    check('payment_flags_resolved_shape', sql`${t.resolvedAt} is not null or (${t.resolvedBy} is null and ${t.resolvedShiftId} is null)`),
  ],
);

/**
 * Money returned for a flagged payment that paid no order (a payment that arrived after the
 * order closed). Written with the flag, in the same transaction, before WeChat is called, so
 * a crash between the two leaves a row the retry job finds; unique per transaction, so a
 * payment is never refunded twice. Separate from `refunds`, which return money of paid orders
 * (orders.refunded_fen ≤ paid_fen) and belong to a team.
 *
 * out_refund_no shares WeChat's namespace with refunds.refund_no under the same merchant: the
 * writer gives these a prefix refund numbers never have.
 */
export const flaggedPaymentRefunds = pgTable(
  'flagged_payment_refunds',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    flagId: integer('flag_id')
      .notNull()
      .references(() => paymentFlags.id, { onDelete: 'restrict' }),
    transactionId: text('transaction_id').notNull(),
    outRefundNo: text('out_refund_no').notNull(),
    /** The whole payment, in fen (amount.refund = amount.total). */
    amountFen: integer('amount_fen').notNull(),
    /** Sent to WeChat; the payer sees it. */
    reason: text('reason').notNull(),
    /** Null until WeChat has accepted the refund request; then its refund_status. */
    wechatStatus: text('wechat_status').$type<WechatRefundStatus>(),
    wechatRefundId: text('wechat_refund_id'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    succeededAt: at('succeeded_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('flagged_payment_refunds_flag_key').on(t.flagId),
    uniqueIndex('flagged_payment_refunds_transaction_key').on(t.transactionId),
    uniqueIndex('flagged_payment_refunds_out_refund_no_key').on(t.outRefundNo),
    // The retry job scans only what is not finished.
    index('flagged_payment_refunds_unsettled_idx')
      .on(t.createdAt)
      .where(sql`${t.wechatStatus} is null or ${t.wechatStatus} = 'PROCESSING'`),
    check('flagged_payment_refunds_status_check', sql`${t.wechatStatus} is null or ${t.wechatStatus} in (${sqlList(WECHAT_REFUND_STATUSES)})`),
    check('flagged_payment_refunds_amount_positive', sql`${t.amountFen} > 0`),
    check('flagged_payment_refunds_out_refund_no_format', sql`${t.outRefundNo} ~ '^[A-Za-z0-9_|*@-]{6,64}$'`),
    check('flagged_payment_refunds_attempts_nonneg', sql`${t.attempts} >= 0`),
  ],
);
