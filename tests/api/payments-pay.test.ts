import { verify } from 'node:crypto';
import { schema } from '@qiaodu/db';
import { DEMO_APPID } from '@qiaodu/server/wechatpay/demo-mode';
import type { OrderDetail, PaymentStart, PaymentState, WeChatPayParams } from '@qiaodu/shared';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaClient } from '../support/auth';
import { userIdOf } from '../support/inventory';
import { orderClient, pickup, productWithStock } from '../support/orders';
import { startApp, type RunningApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestMerchant, merchantConfigFor, startMerchantApp, startMerchantSimulator, UNREACHABLE_NOTIFY_BASE } from '../support/wechatpay-merchant';
import type { WeChatPaySimulator } from '../support/wechatpay-simulator';

/*
 * Paying an order over real HTTP: the app talks to the WeChat Pay simulator only through its API
 * base and receives its notifications on the real notify endpoint. Three shops on one database:
 * `shop` (a merchant, notified), `deaf` (the same merchant, whose notify address WeChat cannot
 * reach: every notification is missed) and `demo` (no merchant: the built-in simulator and the
 * 模拟支付 sheet). All log customers in as demo personas.
 */

const { orders, paymentAttempts, paymentNotifications, wechatIdentities } = schema;

const merchant = createTestMerchant();
let testDb: TestDatabase;
let sim: WeChatPaySimulator;
let shop: RunningApp;
let deaf: RunningApp;
let demo: RunningApp;
let skuId: number;

const db = () => testDb.database.db;
const atShop = orderClient(() => shop.baseUrl, personaClient(() => shop.baseUrl));
const atDeaf = orderClient(() => deaf.baseUrl, personaClient(() => deaf.baseUrl));
const atDemo = orderClient(() => demo.baseUrl, personaClient(() => demo.baseUrl));

beforeAll(async () => {
  testDb = await createTestDatabase();
  sim = await startMerchantSimulator(merchant);
  shop = await startMerchantApp(testDb.database, merchant, sim);
  deaf = await startApp(testDb.database, { overrides: { orderJobTimer: false, wechatPay: merchantConfigFor(merchant, sim, UNREACHABLE_NOTIFY_BASE) } });
  demo = await startApp(testDb.database, { overrides: { orderJobTimer: false } });
  skuId = (await productWithStock(db(), 'tiantian-yunying-1', { stock: 500, priceFen: 1234 })).skuIds[0]!;
});
afterAll(async () => {
  for (const app of [shop, deaf, demo]) await app?.stop();
  await sim?.close();
  await testDb?.dispose();
});

type Client = ReturnType<typeof orderClient>;
const placeAt = (client: Client, quantity = 1, persona = 'customer'): Promise<OrderDetail> =>
  client.placeOk(persona, { items: [{ skuId, quantity }], delivery: pickup });

/** The jsapi prepay calls the simulator received for an order, their bodies parsed. */
const jsapiCalls = (orderNo: string) =>
  sim.requests
    .filter((request) => request.path === '/v3/pay/transactions/jsapi')
    .map((request) => JSON.parse(request.body) as Record<string, unknown>)
    .filter((body) => body.out_trade_no === orderNo);
const tradeQueries = (orderNo: string) => sim.requests.filter((request) => request.path === `/v3/pay/transactions/out-trade-no/${orderNo}`);

/** What wx.requestPayment checks: the merchant's RSA-SHA256 over appId\ntimeStamp\nnonceStr\npackage\n. */
const paySignVerifies = (params: WeChatPayParams) =>
  verify(
    'sha256',
    Buffer.from(`${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`, 'utf8'),
    merchant.publicKey,
    Buffer.from(params.paySign, 'base64'),
  );

async function orderRow(id: number) {
  const [row] = await db().select().from(orders).where(eq(orders.id, id));
  return row!;
}

async function eventsOf(orderId: number) {
  return db()
    .select({ source: paymentNotifications.source, outcome: paymentNotifications.outcome, transactionId: paymentNotifications.transactionId })
    .from(paymentNotifications)
    .where(eq(paymentNotifications.orderId, orderId))
    .orderBy(asc(paymentNotifications.id));
}

/** Moves the order's deadline into the past, as time would (the expiry job has not run). */
async function expire(orderId: number) {
  await db()
    .update(orders)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(orders.id, orderId));
}

describe('POST /api/orders/:id/pay with a merchant configured', () => {
  it('should answer WeChat’s pay parameters for the order’s total from the database, signed by the merchant', async () => {
    const order = await placeAt(atShop, 2);
    const customerId = await userIdOf(db(), 'customer');
    const res = await atShop.pay('customer', order.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const start = res.body as PaymentStart;
    expect(start).toMatchObject({ mode: 'wechat', channel: 'jsapi', simulated: false, orderId: order.id, orderNo: order.orderNo, totalFen: order.totalFen });
    expect(Date.parse(start.expiresAt)).toBe(Date.parse(order.expiresAt!));
    // In the WeChat browser the official account's app pays.
    expect(start.params).toMatchObject({ appId: merchant.mpAppId, signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx\w+$/) });
    expect(start.params.timeStamp).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(start.params.timeStamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(paySignVerifies(start.params)).toBe(true);
    expect(paySignVerifies({ ...start.params, package: 'prepay_id=wx_someone_else' })).toBe(false);

    const [call, ...more] = jsapiCalls(order.orderNo);
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      appid: merchant.mpAppId,
      mchid: merchant.mchid,
      description: `侨都职教商城-${order.items[0]!.title}等2件`,
      notify_url: `${shop.baseUrl}/api/pay/wechat/notify`,
      amount: { total: order.totalFen },
      // A demo persona never logged in with WeChat: a demo-login shop pays under a stable made-up openid.
      payer: { openid: `demo_openid_${customerId}` },
    });
    // WeChat's time_expire has whole seconds: cut down, so WeChat never takes money after our deadline.
    expect(Date.parse(call!.time_expire as string)).toBe(Math.floor(Date.parse(order.expiresAt!) / 1000) * 1000);
    expect(start.params.package).toBe(`prepay_id=${sim.trade(order.orderNo)!.prepayId}`);
  });

  it('should reuse a still-valid prepay id instead of asking WeChat again, and pay a mini-program order in its own app', async () => {
    const order = await placeAt(atShop);
    const first = (await atShop.pay('customer', order.id)).body as PaymentStart;
    const second = (await atShop.pay('customer', order.id)).body as PaymentStart;
    expect(second.params.package).toBe(first.params.package);
    expect(paySignVerifies(second.params)).toBe(true);
    expect(jsapiCalls(order.orderNo)).toHaveLength(1);
    const [attempt] = await db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
    expect(attempt).toMatchObject({ channel: 'jsapi', appId: merchant.mpAppId, prepayId: first.params.package.slice('prepay_id='.length) });
    // Good for WeChat's two hours, or until the order's own deadline if that comes first.
    expect(attempt!.prepayExpiresAt.getTime()).toBe(Date.parse(order.expiresAt!));

    const other = await placeAt(atShop);
    const mini = await atShop.pay('customer', other.id, 'miniprogram');
    expect(mini.body).toMatchObject({ channel: 'miniprogram', params: { appId: merchant.appId } });
    expect(paySignVerifies((mini.body as PaymentStart).params)).toBe(true);
    expect(jsapiCalls(other.orderNo).map((call) => call.appid)).toEqual([merchant.appId]);
  });

  it('should refuse a cancelled, expired or paid order with 409 without calling WeChat', async () => {
    const cancelled = await placeAt(atShop);
    expect((await atShop.cancel('customer', cancelled.id)).status).toBe(200);
    const expired = await placeAt(atShop);
    await expire(expired.id);
    const paid = await placeAt(atShop);
    expect((await atShop.pay('customer', paid.id)).status).toBe(200);
    await sim.pay(paid.orderNo).done;
    expect((await orderRow(paid.id)).status).toBe('paid');

    for (const [order, message] of [
      [cancelled, '订单已取消'],
      [expired, '订单已超时关闭'],
      [paid, '订单已支付'],
    ] as const) {
      const res = await atShop.pay('customer', order.id);
      expect([res.status, res.body.error?.code, res.body.error?.message], order.orderNo).toEqual([409, 'INVALID_STATE', message]);
    }
    expect(jsapiCalls(cancelled.orderNo)).toEqual([]);
    expect(jsapiCalls(expired.orderNo)).toEqual([]);
    expect(jsapiCalls(paid.orderNo)).toHaveLength(1);
  });

  it('should not let a customer pay, read or simulate someone else’s order', async () => {
    const order = await placeAt(atShop);
    for (const [client, method, path, body] of [
      [atShop, 'POST', `/api/orders/${order.id}/pay`, { channel: 'jsapi' }],
      [atShop, 'GET', `/api/orders/${order.id}/payment`, undefined],
      [atDemo, 'POST', `/api/pay/simulator/orders/${order.id}`, { outcome: 'pay' }],
      [atShop, 'POST', '/api/orders/99999999/pay', { channel: 'jsapi' }],
    ] as const) {
      const res = await client.send('customer-2', method, path, body);
      expect([res.status, res.body.error?.code], path).toEqual([404, 'ORDER_NOT_FOUND']);
    }
    expect(jsapiCalls(order.orderNo)).toEqual([]);
    expect((await orderRow(order.id)).status).toBe('pending_payment');
  });

  it('should answer 503 or 502 when WeChat fails or refuses, never 500, and pay once WeChat answers again', async () => {
    const order = await placeAt(atShop);
    const jsapi = { pathPrefix: '/v3/pay/transactions/jsapi' };
    const cases = [
      [{ kind: 'error', status: 500, code: 'SYSTEM_ERROR' }, 503, 'PAYMENT_PROVIDER_UNAVAILABLE'],
      [{ kind: 'error', status: 429, code: 'FREQUENCY_LIMITED' }, 503, 'PAYMENT_PROVIDER_UNAVAILABLE'],
      [{ kind: 'reset' }, 503, 'PAYMENT_PROVIDER_UNAVAILABLE'],
      [{ kind: 'error', status: 400, code: 'PARAM_ERROR' }, 502, 'PAYMENT_PROVIDER_REFUSED'],
      // An answer not signed by WeChat is never trusted, even when it carries a prepay id.
      [{ kind: 'bad-response-signature' }, 502, 'PAYMENT_PROVIDER_REFUSED'],
    ] as const;
    for (const [failure, status, code] of cases) {
      sim.failNext(failure, jsapi);
      const res = await atShop.pay('customer', order.id);
      expect([res.status, res.body.error?.code], failure.kind).toEqual([status, code]);
      expect(res.body.error?.message).toMatch(/微信支付/);
    }
    expect(await db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id))).toEqual([]);
    const res = await atShop.pay('customer', order.id);
    expect(res.status).toBe(200);
    expect(paySignVerifies((res.body as PaymentStart).params)).toBe(true);
  });

  it('should take the payment WeChat already has when asked to pay again (ORDERPAID), and answer 409', async () => {
    const order = await placeAt(atDeaf);
    expect((await atDeaf.pay('customer', order.id)).status).toBe(200);
    const delivery = sim.pay(order.orderNo);
    await delivery.done;
    expect(delivery.acknowledged).toBe(false);
    expect((await orderRow(order.id)).status).toBe('pending_payment');

    // From the mini-program this time: a new prepay, which WeChat refuses because it was paid.
    const res = await atDeaf.pay('customer', order.id, 'miniprogram');
    expect([res.status, res.body.error?.code, res.body.error?.message]).toEqual([409, 'INVALID_STATE', '订单已支付']);
    const row = await orderRow(order.id);
    expect({ status: row.status, transactionId: row.transactionId, paidFen: row.paidFen }).toEqual({
      status: 'paid',
      transactionId: sim.trade(order.orderNo)!.transactionId,
      paidFen: order.totalFen,
    });
    expect(await eventsOf(order.id)).toEqual([{ source: 'query', outcome: 'applied', transactionId: row.transactionId }]);
  });

  it('should need the customer’s WeChat identity in a shop with WeChat login', async () => {
    const wechatShop = await startApp(testDb.database, {
      overrides: {
        orderJobTimer: false,
        wechat: { apiBase: 'http://127.0.0.1:9', miniProgram: { appId: merchant.appId, secret: 'not-used-by-this-test' }, officialAccount: null },
        wechatPay: merchantConfigFor(merchant, sim, UNREACHABLE_NOTIFY_BASE),
      },
    });
    try {
      const order = await placeAt(atShop);
      // The token comes from the demo shop's login; the WeChat shop accepts it (same sessions table).
      const token = await personaClient(() => shop.baseUrl).tokenOf('customer');
      const pay = (channel: string) =>
        fetch(`${wechatShop.baseUrl}/api/orders/${order.id}/pay`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ channel }),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as Partial<PaymentStart> & { error?: { code: string } } }));
      expect((await pay('miniprogram')).body.error?.code).toBe('WECHAT_IDENTITY_REQUIRED');

      const customerId = await userIdOf(db(), 'customer');
      const openid = `o_test_${order.orderNo}`;
      await db().insert(wechatIdentities).values({ userId: customerId, appId: merchant.appId, openid });
      try {
        const paid = await pay('miniprogram');
        expect(paid.status).toBe(200);
        expect(paid.body.params?.appId).toBe(merchant.appId);
        expect(jsapiCalls(order.orderNo).map((call) => call.payer)).toEqual([{ openid }]);
        // Known in the mini-program only: the official account's openid is another one.
        expect((await pay('jsapi')).body.error?.code).toBe('WECHAT_IDENTITY_REQUIRED');
      } finally {
        await db()
          .delete(wechatIdentities)
          .where(and(eq(wechatIdentities.userId, customerId), eq(wechatIdentities.openid, openid)));
      }
    } finally {
      await wechatShop.stop();
    }
  });
});

describe('GET /api/orders/:id/payment', () => {
  it('should report the payment once its notification was applied, without asking WeChat', async () => {
    const order = await placeAt(atShop);
    expect((await atShop.paymentState('customer', order.id)).body).toMatchObject({ status: 'pending_payment', paid: false, payable: true, message: '等待支付' });
    expect((await atShop.pay('customer', order.id)).status).toBe(200);
    const delivery = sim.pay(order.orderNo);
    await delivery.done;
    expect(delivery.acknowledged).toBe(true);

    const state = (await atShop.paymentState('customer', order.id)).body as PaymentState;
    expect(state).toMatchObject({
      orderId: order.id,
      orderNo: order.orderNo,
      status: 'paid',
      paid: true,
      paidFen: order.totalFen,
      totalFen: order.totalFen,
      channel: 'jsapi',
      tradeState: null,
      message: '支付成功',
      simulated: false,
      payable: false,
    });
    expect(state.paidAt).not.toBeNull();
    expect(tradeQueries(order.orderNo)).toEqual([]);
    expect(await eventsOf(order.id)).toEqual([{ source: 'notification', outcome: 'applied', transactionId: sim.trade(order.orderNo)!.transactionId }]);
  });

  it('should recover a missed notification by asking WeChat, once', async () => {
    const order = await placeAt(atDeaf);
    expect((await atDeaf.pay('customer', order.id)).status).toBe(200);
    const delivery = sim.pay(order.orderNo);
    await delivery.done;
    expect(delivery.acknowledged).toBe(false);
    expect(delivery.attempts.length).toBeGreaterThan(1);
    expect((await orderRow(order.id)).status).toBe('pending_payment');

    const state = (await atDeaf.paymentState('customer', order.id)).body as PaymentState;
    expect(state).toMatchObject({ status: 'paid', paid: true, tradeState: 'SUCCESS', message: '支付成功', payable: false, channel: 'jsapi' });
    const row = await orderRow(order.id);
    expect([row.status, row.transactionId]).toEqual(['paid', sim.trade(order.orderNo)!.transactionId]);
    expect(await eventsOf(order.id)).toEqual([{ source: 'query', outcome: 'applied', transactionId: row.transactionId }]);

    // Paid now: nothing more to ask.
    expect((await atDeaf.paymentState('customer', order.id)).body).toMatchObject({ paid: true, tradeState: null });
    expect(tradeQueries(order.orderNo)).toHaveLength(1);
  });

  it('should say a failed payment may be paid again, ask WeChat at most every two seconds, and stay calm when WeChat cannot be asked', async () => {
    const order = await placeAt(atShop);
    expect((await atShop.pay('customer', order.id)).status).toBe(200);
    sim.fail(order.orderNo);
    const failed = (await atShop.paymentState('customer', order.id)).body;
    expect(failed).toMatchObject({ status: 'pending_payment', paid: false, tradeState: 'PAYERROR', message: '支付失败，请重新支付', payable: true });
    // The order page polls: the next read within the interval does not ask again.
    expect((await atShop.paymentState('customer', order.id)).body).toMatchObject({ tradeState: null, message: '等待支付', payable: true });
    expect(tradeQueries(order.orderNo)).toHaveLength(1);

    const other = await placeAt(atShop);
    expect((await atShop.pay('customer', other.id)).status).toBe(200);
    sim.failNext({ kind: 'error', status: 500, code: 'SYSTEM_ERROR' }, { pathPrefix: '/v3/pay/transactions/out-trade-no/' });
    const unknown = await atShop.paymentState('customer', other.id);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ status: 'pending_payment', tradeState: null, message: '等待支付' });

    // Never started paying: there is nothing to ask WeChat about.
    const untouched = await placeAt(atShop);
    expect((await atShop.paymentState('customer', untouched.id)).body).toMatchObject({ tradeState: null, payable: true });
    expect(tradeQueries(untouched.orderNo)).toEqual([]);
  });

  it('should tell a cancelled order from an expired one', async () => {
    const cancelled = await placeAt(atShop);
    await atShop.cancel('customer', cancelled.id);
    expect((await atShop.paymentState('customer', cancelled.id)).body).toMatchObject({ status: 'cancelled', paid: false, payable: false, message: '订单已取消' });
    const expired = await placeAt(atShop);
    await expire(expired.id);
    expect((await atShop.paymentState('customer', expired.id)).body).toMatchObject({
      status: 'pending_payment',
      paid: false,
      payable: false,
      message: '订单已超时关闭',
    });
  });
});

describe('the 模拟支付 sheet (a demo shop without a merchant)', () => {
  it('should fail and then pay through the built-in simulator, whose notification pays the order', async () => {
    const order = await placeAt(atDemo);
    const start = await atDemo.pay('customer', order.id);
    expect(start.body).toMatchObject({ mode: 'wechat', simulated: true, totalFen: order.totalFen, params: { signType: 'RSA' } });

    const failed = await atDemo.simulate('customer', order.id, 'fail');
    expect(failed.body).toMatchObject({ status: 'pending_payment', paid: false, tradeState: 'PAYERROR', message: '支付失败，请重新支付', simulated: true, payable: true });
    // 重新支付 reuses the prepay id; failing it again is no error.
    expect((await atDemo.pay('customer', order.id)).body).toMatchObject({ params: { package: (start.body as PaymentStart).params.package } });
    expect((await atDemo.simulate('customer', order.id, 'fail')).body).toMatchObject({ status: 'pending_payment', tradeState: 'PAYERROR' });
    const paid = await atDemo.simulate('customer', order.id, 'pay');
    expect(paid.body).toMatchObject({ status: 'paid', paid: true, message: '支付成功', simulated: true, payable: false });
    const row = await orderRow(order.id);
    expect([row.status, row.paymentChannel, row.transactionId]).toEqual(['paid', 'jsapi', expect.stringMatching(/^4200\d{24}$/)]);
    expect(await eventsOf(order.id)).toContainEqual({ source: 'notification', outcome: 'applied', transactionId: row.transactionId });

    const again = await atDemo.simulate('customer', order.id, 'pay');
    expect([again.status, again.body.error?.code, again.body.error?.message]).toEqual([409, 'INVALID_STATE', '订单已支付']);
    expect((await atDemo.simulate('customer', order.id, 'nonsense' as 'pay')).status).toBe(400);
  });

  it('should start over when the simulator forgot the trade (the server restarted)', async () => {
    // Prepay ids kept from before a restart: the new simulator has never heard of them.
    const stale = async (orderId: number) =>
      db()
        .insert(paymentAttempts)
        .values({ orderId, channel: 'jsapi', appId: DEMO_APPID, payerOpenid: `demo_openid_${await userIdOf(db(), 'customer')}`, prepayId: 'wx_stale_prepay', prepayExpiresAt: new Date(Date.now() + 3_600_000) });

    const order = await placeAt(atDemo);
    await stale(order.id);
    const unknown = await atDemo.simulate('customer', order.id, 'pay');
    expect([unknown.status, unknown.body.error?.code]).toEqual([409, 'SIMULATED_TRADE_UNKNOWN']);
    expect(await db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, order.id))).toEqual([]);
    const fresh = (await atDemo.pay('customer', order.id)).body as PaymentStart;
    expect(fresh.params.package).not.toBe('prepay_id=wx_stale_prepay');
    expect((await atDemo.simulate('customer', order.id, 'pay')).body).toMatchObject({ paid: true });

    // Paying straight away also asks for a new prepay id rather than handing out a dead one.
    const other = await placeAt(atDemo);
    await stale(other.id);
    const renewed = (await atDemo.pay('customer', other.id)).body as PaymentStart;
    expect(renewed.params.package).not.toBe('prepay_id=wx_stale_prepay');
    expect((await atDemo.simulate('customer', other.id, 'pay')).body).toMatchObject({ paid: true });
  });

  it('should not exist in a shop with a merchant', async () => {
    const order = await placeAt(atShop);
    const res = await atShop.simulate('customer', order.id, 'pay');
    expect([res.status, res.body.error?.code]).toEqual([409, 'PAYMENT_UNAVAILABLE']);
  });
});
