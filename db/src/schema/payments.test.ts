import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTempDatabase, violatedConstraint as violated } from '../testing/temp-database';
import { orders } from './orders';
import { flaggedPaymentRefunds, paymentAttempts, paymentFlags, paymentNotifications } from './payments';

const temp = useTempDatabase('payments');


let orderCount = 0;
async function anOrder(): Promise<number> {
  orderCount += 1;
  const [row] = await temp.database.db
    .insert(orders)
    .values({
      orderNo: `PAYTEST${orderCount}`,
      idempotencyKey: `key-${orderCount}`,
      requestHash: 'hash',
      deliveryMethod: 'pickup',
      itemsFen: 100,
      shippingFen: 0,
      totalFen: 100,
      expiresAt: new Date(Date.now() + 15 * 60_000),
    })
    .returning({ id: orders.id });
  return row!.id;
}

describe('payment tables', () => {
  it('should keep one prepay id per order, channel, app and payer, replaced in place', async () => {
    const { db } = temp.database;
    const orderId = await anOrder();
    const attempt = { orderId, channel: 'miniprogram' as const, appId: 'wxapp', payerOpenid: 'openid-1' };
    const soon = new Date(Date.now() + 60_000);
    await db.insert(paymentAttempts).values({ ...attempt, prepayId: 'wx-prepay-1', prepayExpiresAt: soon });
    expect(await violated(db.insert(paymentAttempts).values({ ...attempt, prepayId: 'wx-prepay-2', prepayExpiresAt: soon }))).toBe(
      'payment_attempts_order_payer_key',
    );
    await db
      .insert(paymentAttempts)
      .values({ ...attempt, prepayId: 'wx-prepay-2', prepayExpiresAt: soon })
      .onConflictDoUpdate({
        target: [paymentAttempts.orderId, paymentAttempts.channel, paymentAttempts.appId, paymentAttempts.payerOpenid],
        set: { prepayId: sql`excluded.prepay_id` },
      });
    await db.insert(paymentAttempts).values({ ...attempt, channel: 'jsapi', appId: 'wxmp', payerOpenid: 'openid-2', prepayId: 'wx-prepay-3', prepayExpiresAt: soon });
    const rows = await db.select({ prepayId: paymentAttempts.prepayId }).from(paymentAttempts).where(sql`${paymentAttempts.orderId} = ${orderId}`);
    expect(rows.map((row) => row.prepayId).sort()).toEqual(['wx-prepay-2', 'wx-prepay-3']);
  });

  it('should process a notification id once while logging every rejected or duplicate delivery of it', async () => {
    const { db } = temp.database;
    const orderId = await anOrder();
    const delivery = { kind: 'transaction' as const, notificationId: 'notif-1', eventType: 'TRANSACTION.SUCCESS', transactionId: 'tx-1', orderId };
    await db.insert(paymentNotifications).values({ ...delivery, outcome: 'rejected', reason: '签名验证失败' });
    await db.insert(paymentNotifications).values({ ...delivery, outcome: 'rejected', reason: '签名验证失败' });
    await db.insert(paymentNotifications).values({ ...delivery, outcome: 'applied' });
    await db.insert(paymentNotifications).values({ ...delivery, outcome: 'duplicate' });
    await db.insert(paymentNotifications).values({ ...delivery, outcome: 'duplicate' });
    expect(await violated(db.insert(paymentNotifications).values({ ...delivery, outcome: 'applied' }))).toBe('payment_notifications_processed_id_key');
    expect(await violated(db.insert(paymentNotifications).values({ ...delivery, outcome: 'flagged', reason: '金额不符' }))).toBe(
      'payment_notifications_processed_id_key',
    );
    // The same payment found by our own query (no notification id) cannot be applied again either.
    expect(await violated(db.insert(paymentNotifications).values({ kind: 'transaction', source: 'query', transactionId: 'tx-1', orderId, outcome: 'applied' }))).toBe(
      'payment_notifications_applied_transaction_key',
    );
  });

  it('should let a refund reach each WeChat state once', async () => {
    const { db } = temp.database;
    const refund = { kind: 'refund' as const, outRefundNo: 'R20261129000001', transactionId: 'tx-r', outcome: 'applied' as const };
    await db.insert(paymentNotifications).values({ ...refund, notificationId: 'n-abnormal', wechatState: 'ABNORMAL' });
    await db.insert(paymentNotifications).values({ ...refund, notificationId: 'n-success', wechatState: 'SUCCESS' });
    expect(await violated(db.insert(paymentNotifications).values({ ...refund, source: 'query', wechatState: 'SUCCESS' }))).toBe(
      'payment_notifications_applied_refund_state_key',
    );
  });

  it('should refuse a rejected or flagged entry without its reason, and unknown outcomes', async () => {
    const { db } = temp.database;
    expect(await violated(db.insert(paymentNotifications).values({ kind: 'transaction', outcome: 'rejected' }))).toBe('payment_notifications_reason_given');
    expect(await violated(db.insert(paymentNotifications).values({ kind: 'transaction', outcome: 'flagged' }))).toBe('payment_notifications_reason_given');
    expect(
      await violated(db.insert(paymentNotifications).values({ kind: 'transaction', outcome: 'ignored' as 'applied' })),
    ).toBe('payment_notifications_outcome_check');
  });

  it('should flag a transaction once per kind, and refund a late payment once', async () => {
    const { db } = temp.database;
    const orderId = await anOrder();
    const [flag] = await db
      .insert(paymentFlags)
      .values({ kind: 'late_payment', orderId, transactionId: 'tx-late', amountFen: 100, details: { orderStatus: 'cancelled' } })
      .returning({ id: paymentFlags.id });
    expect(await violated(db.insert(paymentFlags).values({ kind: 'late_payment', orderId, transactionId: 'tx-late' }))).toBe('payment_flags_transaction_kind_key');
    expect(await violated(db.insert(paymentFlags).values({ kind: 'amount_mismatch', transactionId: 'tx-x' }))).toBe('payment_flags_order_known');
    expect(await violated(db.insert(paymentFlags).values({ kind: 'unknown_order', orderId, transactionId: 'tx-y' }))).toBe('payment_flags_order_known');
    await db.insert(paymentFlags).values({ kind: 'unknown_order', transactionId: 'tx-y', outTradeNo: 'NOSUCHORDER' });

    const [mismatch] = await db
      .insert(paymentFlags)
      .values({ kind: 'amount_mismatch', orderId, transactionId: 'tx-late', amountFen: 100, details: { expectedFen: 90, reportedFen: 100 } })
      .returning({ id: paymentFlags.id });
    const refund = { transactionId: 'tx-late', amountFen: 100, reason: '订单已超时关闭，自动退款' };
    await db.insert(flaggedPaymentRefunds).values({ ...refund, flagId: flag!.id, outRefundNo: 'LATE-tx-late-1' });
    // Two flags on one payment still return its money once.
    expect(await violated(db.insert(flaggedPaymentRefunds).values({ ...refund, flagId: mismatch!.id, outRefundNo: 'LATE-tx-late-2' }))).toBe(
      'flagged_payment_refunds_transaction_key',
    );
    expect(
      await violated(db.insert(flaggedPaymentRefunds).values({ ...refund, flagId: mismatch!.id, transactionId: 'tx-other', wechatStatus: 'DONE' as 'SUCCESS', outRefundNo: 'LATE-tx-other' })),
    ).toBe('flagged_payment_refunds_status_check');
  });
});
