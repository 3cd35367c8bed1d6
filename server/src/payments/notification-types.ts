import type { PaymentNotificationSource } from '@qiaodu/shared';

/*
 * The contract between the notification intake (notification-intake.ts: raw bytes, signature,
 * timestamp window, serial, decryption, the 204 / {code:'FAIL'} answer) and what applies a
 * decrypted resource (transaction-apply.ts for payments, refund-apply.ts for refunds). The same
 * appliers take the results of our own queries of WeChat (source 'query'), so a missed
 * notification and a delivered one go through one set of exactly-once rules.
 */

/** Where a verified resource came from; written to its payment_notifications row. */
export interface ResourceOrigin {
  source: PaymentNotificationSource;
  /** The notification's id (null for a query result). */
  notificationId: string | null;
  /** TRANSACTION.SUCCESS, REFUND.SUCCESS, REFUND.ABNORMAL, REFUND.CLOSED (null for a query result). */
  eventType: string | null;
  /** Wechatpay-Serial and Wechatpay-Timestamp of the notification (null for a query result). */
  serial: string | null;
  timestamp: number | null;
  receivedAt: Date;
}

/**
 * What an applier decided. 'applied' | 'duplicate' | 'flagged' are acknowledged to WeChat (204):
 * the resource was genuine and is recorded, and resending it would change nothing. 'rejected'
 * answers FAIL with `httpStatus` so WeChat resends (e.g. the order is unknown to us yet, or
 * our database failed) — `reason` is Chinese, for the log and the FAIL message.
 */
export type ApplyOutcome =
  | { outcome: 'applied' | 'duplicate'; orderId: number | null }
  | { outcome: 'flagged'; orderId: number | null; reason: string }
  | { outcome: 'rejected'; reason: string; httpStatus: number };

/** Each applier writes its own payment_notifications row in the same transaction as its effect. */
export type ResourceApplier = (resource: unknown, origin: ResourceOrigin) => Promise<ApplyOutcome>;
