import { schema } from '@qiaodu/db';
import { createWeChatPayGateway } from '@qiaodu/server/wechatpay/client';
import type { OrderDetail } from '@qiaodu/shared';
import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaClient } from '../support/auth';
import { teamIdOf } from '../support/inventory';
import { stockOf } from '../support/order-proofs';
import { orderClient, pickup, productWithStock } from '../support/orders';
import { refundClient } from '../support/refunds';
import { startApp, type RunningApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestMerchant, merchantConfigFor, startMerchantSimulator, UNREACHABLE_NOTIFY_BASE } from '../support/wechatpay-merchant';
import type { WeChatPaySimulator } from '../support/wechatpay-simulator';

/*
 * Review findings of the WeChat Pay issue, each over real HTTP, a real database and the WeChat
 * Pay simulator. `deaf` is a merchant shop whose notify address WeChat cannot reach (every
 * notification is missed), with a clock the tests move; `demo` is a shop without a merchant.
 */

const { flaggedPaymentRefunds, orderEvents, orders, paymentAttempts, paymentFlags, paymentNotifications } = schema;

const MINUTE = 60_000;
const merchant = createTestMerchant();
let testDb: TestDatabase;
let sim: WeChatPaySimulator;
let deaf: RunningApp;
let skuId: number;
/** How far the deaf shop's clock runs ahead of real time. */
let offset = 0;

const db = () => testDb.database.db;
const atDeaf = orderClient(() => deaf.baseUrl, personaClient(() => deaf.baseUrl));

beforeAll(async () => {
  testDb = await createTestDatabase();
  sim = await startMerchantSimulator(merchant);
  deaf = await startApp(testDb.database, {
    overrides: {
      clock: () => new Date(Date.now() + offset),
      orderJobTimer: false,
      wechatPay: merchantConfigFor(merchant, sim, UNREACHABLE_NOTIFY_BASE),
    },
  });
  skuId = (await productWithStock(db(), 'tiantian-yunying-1', { stock: 500, priceFen: 1234 })).skuIds[0]!;
});
afterAll(async () => {
  await deaf?.stop();
  await sim?.close();
  await testDb?.dispose();
});

const place = (): Promise<OrderDetail> => atDeaf.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup });
const calls = (path: string) => sim.requests.filter((request) => request.path === path);
const closes = (orderNo: string) => calls(`/v3/pay/transactions/out-trade-no/${orderNo}/close`).length;
const tradeQueries = (orderNo: string) => calls(`/v3/pay/transactions/out-trade-no/${orderNo}`).length;
const jsapiCalls = (orderNo: string) =>
  calls('/v3/pay/transactions/jsapi').filter((request) => (JSON.parse(request.body) as { out_trade_no: string }).out_trade_no === orderNo);
const touchedAtWeChat = (orderNo: string) => sim.requests.some((request) => request.url.includes(orderNo) || request.body.includes(orderNo));

async function orderRow(id: number) {
  const [row] = await db().select().from(orders).where(eq(orders.id, id));
  return row!;
}

/** Runs the order jobs with the shop's clock past every deadline of the orders placed so far. */
async function runJobsAfterDeadline() {
  offset = 31 * MINUTE;
  try {
    return await deaf.built.orderJobs.runOnce();
  } finally {
    offset = 0;
  }
}

/** The customer pays at WeChat, in time; the notification never reaches the shop. */
async function payMissed(order: OrderDetail, channel: 'jsapi' | 'miniprogram' = 'jsapi') {
  expect((await atDeaf.pay('customer', order.id, channel)).status).toBe(200);
  const delivery = sim.pay(order.orderNo);
  await delivery.done;
  expect(delivery.acknowledged).toBe(false);
  expect((await orderRow(order.id)).status).toBe('pending_payment');
  return sim.trade(order.orderNo)!.transactionId!;
}

describe('the expiry job and a payment whose notification has not arrived', () => {
  it('should pay an order paid in time instead of cancelling and refunding it', async () => {
    const order = await place();
    const transactionId = await payMissed(order);

    await runJobsAfterDeadline();
    const row = await orderRow(order.id);
    expect({ status: row.status, transactionId: row.transactionId, paidFen: row.paidFen, cancelledAt: row.cancelledAt }).toEqual({
      status: 'paid',
      transactionId,
      paidFen: order.totalFen,
      cancelledAt: null,
    });
    expect(await db().select().from(paymentFlags).where(eq(paymentFlags.orderId, order.id))).toEqual([]);
    expect(await db().select().from(flaggedPaymentRefunds).where(eq(flaggedPaymentRefunds.transactionId, transactionId))).toEqual([]);
    expect(calls('/v3/refund/domestic/refunds')).toEqual([]);
    const events = await db().select({ action: orderEvents.action }).from(orderEvents).where(eq(orderEvents.orderId, order.id)).orderBy(asc(orderEvents.id));
    expect(events.map((event) => event.action)).toEqual(['placed', 'pay']);
    const log = await db()
      .select({ source: paymentNotifications.source, outcome: paymentNotifications.outcome })
      .from(paymentNotifications)
      .where(eq(paymentNotifications.orderId, order.id));
    expect(log).toEqual([{ source: 'query', outcome: 'applied' }]);

    // WeChat was asked once (close → paid, then the query); later passes leave the paid order alone.
    expect(closes(order.orderNo)).toBe(1);
    await runJobsAfterDeadline();
    expect(closes(order.orderNo)).toBe(1);
    expect(tradeQueries(order.orderNo)).toBe(1);
  });

  it('should expire an unpaid order with a trade once WeChat closed it, exactly once, and one without a trade without asking WeChat', async () => {
    const started = await place();
    expect((await atDeaf.pay('customer', started.id)).status).toBe(200);
    const untouched = await place();
    const stockBefore = (await stockOf(db(), [skuId]))[skuId]!;

    await runJobsAfterDeadline();
    for (const order of [started, untouched]) expect((await orderRow(order.id)).status, order.orderNo).toBe('cancelled');
    expect((await stockOf(db(), [skuId]))[skuId]).toBe(stockBefore + 2);
    expect(sim.trade(started.orderNo)!.state).toBe('CLOSED');
    expect(closes(started.orderNo)).toBe(1);
    const attempts = await db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, started.id));
    expect(attempts.map((attempt) => attempt.tradeClosedAt)).toEqual([expect.any(Date)]);
    expect(touchedAtWeChat(untouched.orderNo)).toBe(false);

    // The close pass for cancelled orders does not close it again, nor does the next pass.
    await runJobsAfterDeadline();
    expect(closes(started.orderNo)).toBe(1);
    expect(await db().select().from(paymentFlags).where(eq(paymentFlags.orderId, started.id))).toEqual([]);
  });

  it('should leave an order with a trade pending while WeChat cannot be reached, and expire it once WeChat answers', async () => {
    const first = await place();
    const second = await place();
    for (const order of [first, second]) expect((await atDeaf.pay('customer', order.id)).status).toBe(200);
    const untouched = await place();

    sim.setFailure({ kind: 'error', status: 500, code: 'SYSTEM_ERROR', message: '系统繁忙' }, { pathPrefix: '/v3/pay/transactions/out-trade-no/' });
    try {
      await runJobsAfterDeadline();
    } finally {
      sim.setFailure(null);
    }
    expect((await orderRow(first.id)).status).toBe('pending_payment');
    expect((await orderRow(second.id)).status).toBe('pending_payment');
    // Without a trade there is nothing to ask WeChat: it expires as ever.
    expect((await orderRow(untouched.id)).status).toBe('cancelled');
    // Once WeChat failed, the pass stops asking it: one failed close, not one per order.
    expect(closes(first.orderNo) + closes(second.orderNo)).toBe(1);

    await runJobsAfterDeadline();
    for (const order of [first, second]) {
      expect((await orderRow(order.id)).status, order.orderNo).toBe('cancelled');
      expect(sim.trade(order.orderNo)!.state).toBe('CLOSED');
    }
    expect(closes(first.orderNo) + closes(second.orderNo)).toBe(3);
  });
});

describe('paying in the other app once a payment was started', () => {
  it('should send the customer back to where the payment was started, without a second prepay', async () => {
    const inMini = await place();
    expect((await atDeaf.pay('customer', inMini.id, 'miniprogram')).status).toBe(200);
    const fromBrowser = await atDeaf.pay('customer', inMini.id, 'jsapi');
    expect([fromBrowser.status, fromBrowser.body.error?.code, fromBrowser.body.error?.message]).toEqual([
      409,
      'INVALID_STATE',
      '该订单已在小程序中发起支付，请回到小程序完成支付',
    ]);
    expect(jsapiCalls(inMini.orderNo)).toHaveLength(1);
    // Back in the mini-program the prepay is still there.
    expect((await atDeaf.pay('customer', inMini.id, 'miniprogram')).status).toBe(200);

    const inBrowser = await place();
    expect((await atDeaf.pay('customer', inBrowser.id, 'jsapi')).status).toBe(200);
    const fromMini = await atDeaf.pay('customer', inBrowser.id, 'miniprogram');
    expect([fromMini.status, fromMini.body.error?.code, fromMini.body.error?.message]).toEqual([
      409,
      'INVALID_STATE',
      '该订单已在微信浏览器中发起支付，请在微信中打开商城完成支付',
    ]);
    expect(jsapiCalls(inBrowser.orderNo)).toHaveLength(1);
  });

  it('should answer 409 with the same advice when WeChat refuses the repeated order number (INVALID_REQUEST)', async () => {
    const order = await place();
    expect((await atDeaf.pay('customer', order.id, 'miniprogram')).status).toBe(200);
    // The mini-program's prepay id ran out; WeChat still binds the order number to it.
    await db()
      .update(paymentAttempts)
      .set({ prepayExpiresAt: new Date(Date.now() - MINUTE) })
      .where(eq(paymentAttempts.orderId, order.id));
    const res = await atDeaf.pay('customer', order.id, 'jsapi');
    expect([res.status, res.body.error?.code, res.body.error?.message]).toEqual([409, 'INVALID_STATE', '该订单已在小程序中发起支付，请回到小程序完成支付']);
    // WeChat was asked, and refused as WeChat does.
    expect(jsapiCalls(order.orderNo)).toHaveLength(2);
    expect(sim.trade(order.orderNo)!.appid).toBe(merchant.appId);
  });
});

describe('an order of 0 fen', () => {
  it('should be refused at placement, taking no stock, while free goods with a shipping fee may be ordered', async () => {
    const free = (await productWithStock(db(), 'tiantian-yunying-1', { stock: 10, priceFen: 0 })).skuIds[0]!;
    const before = await stockOf(db(), [free]);
    const res = await atDeaf.place('customer', { items: [{ skuId: free, quantity: 2 }], delivery: pickup });
    expect([res.status, res.body.error?.code, res.body.error?.message]).toEqual([422, 'ORDER_AMOUNT_ZERO', '订单金额为 0 元，无法下单支付']);
    expect(await stockOf(db(), [free])).toEqual(before);

    const shipped = await atDeaf.placeOk('customer', {
      items: [{ skuId: free, quantity: 1 }],
      delivery: { method: 'express', addressId: await atDeaf.addressOf('customer') },
    });
    expect(shipped.totalFen).toBeGreaterThan(0);
  });

  it('should not be sent to WeChat by pay (an order of 0 fen made before the rule)', async () => {
    const order = await place();
    await db().update(orders).set({ itemsFen: 0, totalFen: 0 }).where(eq(orders.id, order.id));
    const res = await atDeaf.pay('customer', order.id);
    expect([res.status, res.body.error?.code, res.body.error?.message]).toEqual([409, 'INVALID_STATE', '订单金额为 0 元，无法支付']);
    expect(jsapiCalls(order.orderNo)).toEqual([]);
  });
});

describe('GET /api/orders/:id/payment of a pending order whose payment was flagged', () => {
  it('should not ask WeChat again on every poll', async () => {
    const order = await place();
    // A prepay for another amount than the order's (as a tampered client might get one): the
    // payment is genuine money but does not match, so it is flagged and the order stays unpaid.
    const gateway = createWeChatPayGateway(merchantConfigFor(merchant, sim, UNREACHABLE_NOTIFY_BASE), { logger: pino({ level: 'silent' }) });
    const openid = `o_mismatch_${order.orderNo}`;
    try {
      const { prepayId } = await gateway.jsapiPrepay({
        appId: merchant.appId,
        description: '测试商品',
        outTradeNo: order.orderNo,
        timeExpire: new Date(order.expiresAt!),
        totalFen: order.totalFen + 1,
        payerOpenid: openid,
      });
      await db()
        .insert(paymentAttempts)
        .values({ orderId: order.id, channel: 'miniprogram', appId: merchant.appId, payerOpenid: openid, prepayId, prepayExpiresAt: new Date(order.expiresAt!) });
    } finally {
      await gateway.close();
    }
    const delivery = sim.pay(order.orderNo);
    await delivery.done;
    expect(delivery.acknowledged).toBe(false);

    expect((await atDeaf.paymentState('customer', order.id)).body).toMatchObject({ status: 'pending_payment', paid: false });
    const flagged = () =>
      db()
        .select({ id: paymentNotifications.id })
        .from(paymentNotifications)
        .where(and(eq(paymentNotifications.orderId, order.id), eq(paymentNotifications.outcome, 'flagged')));
    expect(await flagged()).toHaveLength(1);
    expect(tradeQueries(order.orderNo)).toBe(1);

    // Past the query interval, the order page polls again: WeChat's word is known, nothing to ask.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await atDeaf.paymentState('customer', order.id)).body).toMatchObject({ status: 'pending_payment', paid: false });
    expect(tradeQueries(order.orderNo)).toBe(1);
    const log = await db().select({ id: paymentNotifications.id }).from(paymentNotifications).where(eq(paymentNotifications.orderId, order.id));
    expect(log).toHaveLength(1);
  });
});

describe('the notify endpoint in other letter cases', () => {
  it('should read the raw body of /API/Pay/WeChat/Notify too (the router matches any case)', async () => {
    const order = await place();
    const transactionId = await payMissed(order);
    const notification = sim.craftNotification({ resource: sim.transactionResource(order.orderNo) });
    const answer = await sim.sendNotification(`${deaf.baseUrl}/API/Pay/WeChat/Notify`, notification);
    expect(answer.status, answer.body).toBe(204);
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid', transactionId });
  });
});

describe('a refund executor that throws', () => {
  it('should log the error without the values a failed query carries', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) });
    const PERSONAL = '陈晓琳,13912345678';
    const demo = await startApp(testDb.database, {
      overrides: {
        orderJobTimer: false,
        logger,
        refundExecutor: {
          name: 'demo',
          execute: () => Promise.reject(new Error(`Failed query: update "refunds" set "note" = $1\nparams: ${PERSONAL}`)),
        },
      },
    });
    try {
      const client = personaClient(() => demo.baseUrl);
      const shop = orderClient(() => demo.baseUrl, client);
      const refunds = refundClient(() => demo.baseUrl, client);
      const paid = await shop.placePaid('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup });
      const asked = await refunds.requestOk('customer', paid.id, { reason: '不想要了' });
      const decided = await refunds.approveOk('student-tiantian', await teamIdOf(db(), 'tiantian-yunying-1'), asked.id);
      expect(decided.status).toBe('failed');

      const logged = lines.filter((line) => line.includes('refund executor failed'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('params: [withheld]');
      expect(logged[0]).not.toContain('13912345678');
    } finally {
      await demo.stop();
    }
  });
});
