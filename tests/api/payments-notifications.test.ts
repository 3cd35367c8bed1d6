import { randomBytes } from 'node:crypto';
import { schema, type Db } from '@qiaodu/db';
import type { OrderJobResult } from '@qiaodu/server/orders/jobs';
import { latePaymentOutRefundNo } from '@qiaodu/server/payments/late-payment-refunds';
import { MAX_NOTIFICATION_BYTES } from '@qiaodu/server/payments/notification-routes';
import { createWeChatPayGateway } from '@qiaodu/server/wechatpay/client';
import type { WeChatPayConfig } from '@qiaodu/server/wechatpay/config';
import { and, asc, count, desc, eq, gte } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderClient, pickup } from '../support/orders';
import { startApp, type RunningApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestMerchant, merchantCertificatePem, merchantConfigFor, startMerchantSimulator } from '../support/wechatpay-merchant';
import type { NotificationTamper, WeChatPayKeyMode, WeChatPaySimulator } from '../support/wechatpay-simulator';

/*
 * POST /api/pay/wechat/notify of the real app over real HTTP (a merchant configured, its
 * WECHATPAY_API_BASE the simulator), a real database, and the WeChat Pay simulator signing and
 * encrypting with keys made for this run, in both of WeChat's key modes.
 */

const { flaggedPaymentRefunds, orderEvents, orders, paymentAttempts, paymentFlags, paymentNotifications, products, skus } = schema;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const digits = (count: number) => Array.from(randomBytes(count), (byte) => String(byte % 10)).join('');
const merchant = createTestMerchant();
const APPID = merchant.appId;
const MP_APPID = merchant.mpAppId;
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** The merchant's config (as in wechatpay-merchant.ts), with a merchant certificate as main.ts reads one. */
function merchantConfig(sim: WeChatPaySimulator, baseUrl: string): WeChatPayConfig {
  return {
    ...merchantConfigFor(merchant, sim, baseUrl),
    merchantCertificatePem: Buffer.from(merchantCertificatePem(merchant)),
  };
}

interface Shop {
  running: RunningApp;
  baseUrl: string;
  notifyUrl: string;
  config: WeChatPayConfig;
  /** The order jobs of the app (expiry, then the payment passes), once. */
  runJobs(): Promise<OrderJobResult>;
  /** Moves the shop's clock (not the simulator's). */
  advance(ms: number): void;
}

/** The real app with a merchant whose WeChat Pay is the simulator; the order jobs run when the test says. */
async function startShop(database: TestDatabase, sim: WeChatPaySimulator): Promise<Shop> {
  let offset = 0;
  let config: WeChatPayConfig | null = null;
  const running = await startApp(database.database, {
    overrides: { clock: () => new Date(Date.now() + offset), orderJobTimer: false },
    overridesFor: (baseUrl) => ({ wechatPay: (config = merchantConfig(sim, baseUrl)) }),
  });
  return {
    running,
    baseUrl: running.baseUrl,
    notifyUrl: `${running.baseUrl}/api/pay/wechat/notify`,
    config: config!,
    runJobs: () => running.built.orderJobs.runOnce(),
    advance: (ms) => void (offset += ms),
  };
}

describe.each<WeChatPayKeyMode>(['public_key', 'platform_certificate'])('WeChat Pay notifications (%s mode)', (mode) => {
  let database: TestDatabase;
  let sim: WeChatPaySimulator;
  let shop: Shop;
  let db: Db;
  let skuId: number;
  const client = orderClient(() => shop.baseUrl);

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startMerchantSimulator(merchant, { mode, notifyRetryDelaysMs: [30, 30] });
    shop = await startShop(database, sim);
    db = database.database.db;
    // A SKU anyone may buy many of, so every test can place its own order.
    const [sku] = await db
      .select({ id: skus.id })
      .from(skus)
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(products.status, 'on_sale'), gte(skus.stockAvailable, 40)))
      .orderBy(desc(skus.stockAvailable), asc(skus.id))
      .limit(1);
    skuId = sku!.id;
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    await shop?.running.stop();
    await database?.dispose();
  });

  /**
   * A pickup order of one unit, placed and given a prepay id through the API (POST /pay), or, with
   * `deadNotifyUrl`, through a gateway whose notify URL reaches nobody (WeChat cannot tell the shop).
   */
  async function unpaidOrder(channel: 'miniprogram' | 'jsapi' = 'miniprogram', options: { deadNotifyUrl?: boolean } = {}) {
    const placed = await client.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup });
    const [row] = await db.select().from(orders).where(eq(orders.id, placed.id));
    if (!options.deadNotifyUrl) {
      const started = await client.pay('customer', placed.id, channel);
      expect(started.status).toBe(200);
    } else {
      const gateway = createWeChatPayGateway({ ...shop.config, notifyUrl: 'http://127.0.0.1:9/api/pay/wechat/notify' }, { logger, timeoutMs: 2_000 });
      const appId = channel === 'miniprogram' ? APPID : MP_APPID;
      const payerOpenid = `o${hex(14)}`;
      const { prepayId } = await gateway.jsapiPrepay({
        appId,
        description: '测试商品',
        outTradeNo: row!.orderNo,
        timeExpire: row!.expiresAt,
        totalFen: row!.totalFen,
        payerOpenid,
      });
      await gateway.close();
      await db.insert(paymentAttempts).values({ orderId: row!.id, channel, appId, payerOpenid, prepayId, prepayExpiresAt: row!.expiresAt });
    }
    const [attempt] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.orderId, placed.id));
    return { ...row!, openid: attempt!.payerOpenid };
  }

  /** What WeChat would send once the trade is paid: the simulator's resource, made SUCCESS. */
  function paidResource(outTradeNo: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const resource = sim.transactionResource(outTradeNo);
    const amount = resource.amount as { total: number };
    return {
      ...resource,
      transaction_id: `4200${digits(24)}`,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      success_time: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00',
      amount: { ...amount, payer_total: amount.total },
      ...overrides,
    };
  }

  const orderRow = async (id: number) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;
  const payEvents = async (id: number) =>
    (await db.select({ n: count() }).from(orderEvents).where(and(eq(orderEvents.orderId, id), eq(orderEvents.action, 'pay'))))[0]!.n;
  const logOf = (outTradeNo: string) =>
    db.select().from(paymentNotifications).where(eq(paymentNotifications.outTradeNo, outTradeNo)).orderBy(asc(paymentNotifications.id));
  const flagsOf = (transactionId: string) => db.select().from(paymentFlags).where(eq(paymentFlags.transactionId, transactionId));

  it('should mark the order paid when WeChat notifies the payment, and answer 204 with no body', async () => {
    const order = await unpaidOrder('miniprogram');
    const delivery = sim.pay(order.orderNo, { openid: order.openid });
    await delivery.done;

    expect(delivery.acknowledged).toBe(true);
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ status: 204, responseBody: '' });
    const paid = await orderRow(order.id);
    const trade = sim.trade(order.orderNo)!;
    expect(paid).toMatchObject({ status: 'paid', paidFen: order.totalFen, transactionId: trade.transactionId, paymentChannel: 'miniprogram' });
    expect(paid.pickupCode).toMatch(/^[0-9]{6}$/);
    expect(await payEvents(order.id)).toBe(1);
    const log = await logOf(order.orderNo);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      kind: 'transaction',
      source: 'notification',
      outcome: 'applied',
      notificationId: delivery.id,
      eventType: 'TRANSACTION.SUCCESS',
      transactionId: trade.transactionId,
      wechatState: 'SUCCESS',
      amountTotalFen: order.totalFen,
      wechatpaySerial: sim.platformKeyId,
      orderId: order.id,
    });
    // No personal data in the log: not the payer's openid.
    expect(JSON.stringify(log)).not.toContain(order.openid);
  });

  it('should apply the same notification sent 10 times at once exactly once, and acknowledge every one', async () => {
    const order = await unpaidOrder('jsapi');
    const notification = sim.craftNotification({ resource: paidResource(order.orderNo) });
    const answers = await Promise.all(Array.from({ length: 10 }, () => sim.sendNotification(shop.notifyUrl, notification)));

    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(204));
    expect(await payEvents(order.id)).toBe(1);
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid', paymentChannel: 'jsapi' });
    const outcomes = (await logOf(order.orderNo)).map((row) => row.outcome).sort();
    expect(outcomes).toEqual(['applied', ...Array(9).fill('duplicate')]);

    // And again later, one by one: still acknowledged, still one payment.
    expect(await sim.sendNotification(shop.notifyUrl, notification)).toEqual({ status: 204, body: '' });
    expect(await payEvents(order.id)).toBe(1);
  });

  it('should acknowledge a second notification of an already applied transaction (another notification id) as a duplicate', async () => {
    const order = await unpaidOrder();
    const resource = paidResource(order.orderNo);
    expect((await sim.sendNotification(shop.notifyUrl, sim.craftNotification({ resource }))).status).toBe(204);
    expect((await sim.sendNotification(shop.notifyUrl, sim.craftNotification({ resource }))).status).toBe(204);
    expect(await payEvents(order.id)).toBe(1);
    expect((await logOf(order.orderNo)).map((row) => row.outcome)).toEqual(['applied', 'duplicate']);
  });

  const REFUSED: [NotificationTamper, string][] = [
    ['body', '签名验证失败'],
    ['signing-key', '签名验证失败'],
    ['ciphertext', '解密失败'],
    ['tag', '解密失败'],
    ['aad', '解密失败'],
    ['key', '解密失败'],
    ['timestamp', '时间戳超出5分钟'],
    ['serial', '未知的平台证书序列号'],
    ['signtest', '探测签名'],
  ];

  it.each(REFUSED)('should refuse a notification with a tampered %s (%s), log why, and change nothing', async (tamper, reason) => {
    const order = await unpaidOrder();
    const notification = sim.craftNotification({ resource: paidResource(order.orderNo), tamper });
    const answer = await sim.sendNotification(shop.notifyUrl, notification);

    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    const body = JSON.parse(answer.body) as { code: string; message: string };
    expect(body.code).toBe('FAIL');
    expect(body.message).toContain(reason);

    expect(await orderRow(order.id)).toMatchObject({ status: 'pending_payment', paidFen: 0, transactionId: null });
    expect(await payEvents(order.id)).toBe(0);
    const [logged] = await db.select().from(paymentNotifications).where(eq(paymentNotifications.notificationId, notification.id));
    expect(logged).toMatchObject({ outcome: 'rejected', kind: 'transaction', orderId: null, transactionId: null });
    expect(logged!.reason).toContain(reason);
    // Refused before decryption: the resource's contents never reach the log.
    expect(logged!.outTradeNo).toBeNull();

    // The genuine notification still goes through afterwards: a forged one cannot block it.
    const genuine = sim.craftNotification({ resource: paidResource(order.orderNo), id: notification.id });
    expect((await sim.sendNotification(shop.notifyUrl, genuine)).status).toBe(204);
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid' });
  });

  it('should refuse a payment notification sent to the refund endpoint', async () => {
    const order = await unpaidOrder();
    const notification = sim.craftNotification({ resource: paidResource(order.orderNo) });
    const answer = await sim.sendNotification(`${shop.baseUrl}/api/pay/wechat/refund-notify`, notification);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'FAIL' });
    expect(await orderRow(order.id)).toMatchObject({ status: 'pending_payment' });
  });

  it('should refuse an oversized body with 413 FAIL', async () => {
    const response = await fetch(shop.notifyUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'x', padding: 'x'.repeat(MAX_NOTIFICATION_BYTES) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: 'FAIL', message: '通知内容过大' });
  });

  it('should not mark an order paid when the amount differs, and flag it for staff', async () => {
    const order = await unpaidOrder();
    const resource = paidResource(order.orderNo, { amount: { total: order.totalFen - 1, payer_total: order.totalFen - 1, currency: 'CNY' } });
    const notification = sim.craftNotification({ resource });
    expect(await sim.sendNotification(shop.notifyUrl, notification)).toEqual({ status: 204, body: '' });
    // WeChat resends: still one flag, and the resend is a duplicate.
    expect((await sim.sendNotification(shop.notifyUrl, notification)).status).toBe(204);

    expect(await orderRow(order.id)).toMatchObject({ status: 'pending_payment', paidFen: 0, transactionId: null });
    const flags = await flagsOf(resource.transaction_id as string);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'amount_mismatch', orderId: order.id, amountFen: order.totalFen - 1, resolvedAt: null });
    expect(flags[0]!.details).toMatchObject({ expectedFen: order.totalFen, reportedFen: order.totalFen - 1 });
    expect((await logOf(order.orderNo)).map((row) => row.outcome)).toEqual(['flagged', 'duplicate']);
  });

  it('should acknowledge a notification of a trade that is not paid, and change nothing', async () => {
    const order = await unpaidOrder();
    const notification = sim.craftNotification({ resource: sim.transactionResource(order.orderNo) });
    expect(await sim.sendNotification(shop.notifyUrl, notification)).toEqual({ status: 204, body: '' });
    expect((await sim.sendNotification(shop.notifyUrl, notification)).status).toBe(204);
    expect(await orderRow(order.id)).toMatchObject({ status: 'pending_payment', paidFen: 0 });
    const log = await logOf(order.orderNo);
    expect(log.map((row) => [row.outcome, row.wechatState])).toEqual([
      ['applied', 'NOTPAY'],
      ['duplicate', 'NOTPAY'],
    ]);
    expect(log[0]!.reason).toContain('无需变更');
  });

  it('should not mark an order paid for another merchant or app, and flag it', async () => {
    const order = await unpaidOrder();
    const resource = paidResource(order.orderNo, { appid: `wx${hex(8)}` });
    expect((await sim.sendNotification(shop.notifyUrl, sim.craftNotification({ resource }))).status).toBe(204);
    expect(await orderRow(order.id)).toMatchObject({ status: 'pending_payment' });
    expect(await flagsOf(resource.transaction_id as string)).toMatchObject([{ kind: 'merchant_mismatch', orderId: order.id }]);
  });

  it('should refuse and log a payment of an order the shop does not know, and flag the money', async () => {
    const order = await unpaidOrder();
    const unknownNo = `QD${Date.now()}UNKNOWN`;
    const resource = paidResource(order.orderNo, { out_trade_no: unknownNo });
    const answer = await sim.sendNotification(shop.notifyUrl, sim.craftNotification({ resource }));

    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'FAIL' });
    const log = await logOf(unknownNo);
    expect(log).toMatchObject([{ outcome: 'rejected', orderId: null, transactionId: resource.transaction_id }]);
    expect(log[0]!.reason).toContain('未知订单');
    expect(await flagsOf(resource.transaction_id as string)).toMatchObject([{ kind: 'unknown_order', orderId: null, outTradeNo: unknownNo }]);
    // WeChat resends: logged again, still one flag.
    expect((await sim.sendNotification(shop.notifyUrl, sim.craftNotification({ resource }))).status).toBe(404);
    expect(await flagsOf(resource.transaction_id as string)).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ status: 'pending_payment' });
  });

  it('should refund a payment that arrives after the order expired, automatically', async () => {
    const order = await unpaidOrder();
    // The deadline passed a minute ago (the expiry job has not swept it yet); the customer's
    // payment sheet was still open and WeChat took the money.
    await db.update(orders).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(orders.id, order.id));
    const delivery = sim.pay(order.orderNo, { openid: order.openid, ignoreTimeExpire: true });
    await delivery.done;
    expect(delivery.acknowledged).toBe(true);

    const transactionId = sim.trade(order.orderNo)!.transactionId!;
    const outRefundNo = latePaymentOutRefundNo(transactionId);
    await vi.waitFor(() => expect(sim.refund(outRefundNo)).toMatchObject({ status: 'PROCESSING', refundFen: order.totalFen, transactionId }), {
      timeout: 5_000,
    });
    expect(await orderRow(order.id)).toMatchObject({ status: 'pending_payment', paidFen: 0, transactionId: null });
    expect(await flagsOf(transactionId)).toMatchObject([{ kind: 'late_payment', orderId: order.id, amountFen: order.totalFen }]);
    await vi.waitFor(
      async () =>
        expect((await db.select().from(flaggedPaymentRefunds).where(eq(flaggedPaymentRefunds.transactionId, transactionId)))[0]).toMatchObject({
          outRefundNo,
          wechatStatus: 'PROCESSING',
          attempts: 1,
        }),
      { timeout: 5_000 },
    );

    // WeChat settles it and says so on the refund endpoint: the late-payment refund is done.
    const settled = sim.refundOutcome(outRefundNo, 'SUCCESS')!;
    await settled.done;
    expect(settled.acknowledged).toBe(true);
    const [refund] = await db.select().from(flaggedPaymentRefunds).where(eq(flaggedPaymentRefunds.transactionId, transactionId));
    expect(refund).toMatchObject({ wechatStatus: 'SUCCESS' });
    expect(refund!.succeededAt).not.toBeNull();
    // The expiry job then cancels the order as usual.
    await shop.runJobs();
    expect(await orderRow(order.id)).toMatchObject({ status: 'cancelled' });
  });

  it('should close the trade of an expired order once, and refund a payment that raced the close', async () => {
    // An order that simply expires: its trade is closed at WeChat, once.
    const quiet = await unpaidOrder();
    await db.update(orders).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(orders.id, quiet.id));
    // An order paid at WeChat whose notification never reaches the shop, then expired by the
    // shop: closing its trade finds it paid.
    const raced = await unpaidOrder('miniprogram', { deadNotifyUrl: true });
    await db.update(orders).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(orders.id, raced.id));
    const lost = sim.pay(raced.orderNo, { openid: raced.openid, ignoreTimeExpire: true });
    await lost.done;
    expect(lost.acknowledged).toBe(false);

    const result = await shop.runJobs();
    expect(result.expired).toBeGreaterThanOrEqual(2);
    expect(sim.trade(quiet.orderNo)!.state).toBe('CLOSED');
    const closes = (no: string) => sim.requests.filter((request) => request.path === `/v3/pay/transactions/out-trade-no/${no}/close`).length;
    expect(closes(quiet.orderNo)).toBe(1);

    const transactionId = sim.trade(raced.orderNo)!.transactionId!;
    expect(await orderRow(raced.id)).toMatchObject({ status: 'cancelled', paidFen: 0 });
    expect(await flagsOf(transactionId)).toMatchObject([{ kind: 'late_payment', orderId: raced.id }]);
    expect((await logOf(raced.orderNo)).at(-1)).toMatchObject({ source: 'query', outcome: 'flagged', notificationId: null });
    await vi.waitFor(() => expect(sim.refund(latePaymentOutRefundNo(transactionId))).toBeDefined(), { timeout: 5_000 });

    // The next pass closes nothing again.
    await shop.runJobs();
    expect(closes(quiet.orderNo)).toBe(1);
    expect(closes(raced.orderNo)).toBe(1);
  });

  it('should retry a late-payment refund WeChat could not take, with the same refund number', async () => {
    const order = await unpaidOrder();
    await db.update(orders).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(orders.id, order.id));
    sim.setFailure({ kind: 'error', status: 500, code: 'SYSTEM_ERROR', message: '系统繁忙' }, { method: 'POST', pathPrefix: '/v3/refund/' });
    try {
      const delivery = sim.pay(order.orderNo, { openid: order.openid, ignoreTimeExpire: true });
      await delivery.done;
      const transactionId = sim.trade(order.orderNo)!.transactionId!;
      const refundRow = async () => (await db.select().from(flaggedPaymentRefunds).where(eq(flaggedPaymentRefunds.transactionId, transactionId)))[0];
      await vi.waitFor(async () => expect(await refundRow()).toMatchObject({ wechatStatus: null, attempts: 1 }), { timeout: 5_000 });
      expect((await refundRow())!.lastError).toContain('SYSTEM_ERROR');

      // Too soon: not retried yet.
      await shop.runJobs();
      expect(await refundRow()).toMatchObject({ attempts: 1 });
      sim.setFailure(null);
      shop.advance(2 * 60_000);
      const result = await shop.runJobs();
      expect(result.latePaymentRefunds).toBeGreaterThanOrEqual(1);
      expect(await refundRow()).toMatchObject({ wechatStatus: 'PROCESSING', attempts: 2, lastError: null });
      expect(sim.refund(latePaymentOutRefundNo(transactionId))).toMatchObject({ refundFen: order.totalFen });
    } finally {
      sim.setFailure(null);
      shop.advance(-2 * 60_000);
    }
  });
});

describe('WeChat Pay notifications when the shop cannot take them', () => {
  it('should answer 404 FAIL and log it in a shop without a merchant', async () => {
    const database = await createTestDatabase({ seed: false });
    // A real WeChat login and no merchant: the shop takes no payments at all.
    const running = await startApp(database.database, {
      overrides: { wechat: { apiBase: 'http://127.0.0.1:9', miniProgram: { appId: 'wx0123456789abcdef', secret: 'not-used' }, officialAccount: null } },
    });
    try {
      for (const path of ['/api/pay/wechat/notify', '/api/pay/wechat/refund-notify']) {
        const response = await fetch(`${running.baseUrl}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Wechatpay-Serial': 'PUB_KEY_ID_0000' },
          body: JSON.stringify({ id: `n-${hex(4)}`, event_type: 'TRANSACTION.SUCCESS', resource: {} }),
        });
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ code: 'FAIL', message: '本店未开通微信支付' });
      }
      const log = await database.database.db.select().from(paymentNotifications).orderBy(asc(paymentNotifications.id));
      expect(log.map((row) => [row.kind, row.outcome, row.reason])).toEqual([
        ['transaction', 'rejected', '本店未开通微信支付'],
        ['refund', 'rejected', '本店未开通微信支付'],
      ]);
    } finally {
      await running.stop();
      await database.dispose();
    }
  });

  it('should answer 500 FAIL in time when its database fails, so that WeChat sends it again', async () => {
    const database = await createTestDatabase();
    const sim = await startMerchantSimulator(merchant);
    const shop = await startShop(database, sim);
    try {
      const client = orderClient(() => shop.baseUrl);
      const [sku] = await database.database.db
        .select({ id: skus.id })
        .from(skus)
        .innerJoin(products, eq(products.id, skus.productId))
        .where(and(eq(products.status, 'on_sale'), gte(skus.stockAvailable, 1)))
        .limit(1);
      const placed = await client.placeOk('customer', { items: [{ skuId: sku!.id, quantity: 1 }], delivery: pickup });
      expect((await client.pay('customer', placed.id, 'miniprogram')).status).toBe(200);
      const resource = { ...sim.transactionResource(placed.orderNo), trade_state: 'SUCCESS', transaction_id: `4200${digits(24)}` };
      const notification = sim.craftNotification({ resource });

      await database.database.close();
      const started = Date.now();
      const answer = await sim.sendNotification(shop.notifyUrl, notification);
      expect(answer.status).toBe(500);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'FAIL' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await sim.close();
      await shop.running.stop().catch(() => undefined);
      await database.dispose().catch(() => undefined);
    }
  });
});
