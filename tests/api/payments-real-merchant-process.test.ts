import { verify } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthOptions, MeResponse, OrderDetail, PaymentStart, ProductDetail, ProductListResponse } from '@qiaodu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaClient } from '../support/auth';
import { writeMerchantEnv, type MerchantEnv } from '../support/merchant-env';
import { orderClient, pickup } from '../support/orders';
import { freePort, startNodeProcess, type Started } from '../support/processes';
import { refundClient } from '../support/refunds';
import { getJson } from '../support/test-app';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database';
import { createTestMerchant, startMerchantSimulator, type TestMerchant } from '../support/wechatpay-merchant';
import type { NotificationDelivery, WeChatPayKeyMode, WeChatPaySimulator } from '../support/wechatpay-simulator';

/*
 * The shop as an operator runs it: `server/src/main.ts` in its own process, configured only
 * through its environment (WECHATPAY_*, PUBLIC_BASE_URL), with demo login still on. WeChat Pay is
 * the simulator, reached only at WECHATPAY_API_BASE; the simulator reaches the shop only at the
 * notify URLs built from PUBLIC_BASE_URL. Nothing is shared in process: keys are files, every
 * step is HTTP.
 */

const PRODUCT = '敬记 食品级PP保鲜盒 三件套';
const TEAM_STUDENT = 'student-tiantian';

interface Shop {
  merchant: TestMerchant;
  sim: WeChatPaySimulator;
  server: Started;
  files: MerchantEnv;
  database: TestDatabase | null;
  dataDir: string;
  stop(): Promise<void>;
}

/** The simulator, the merchant's files, and the real server pointed at both; PGlite in a temp dir, or TEST_DATABASE_URL. */
async function startShop(mode: WeChatPayKeyMode): Promise<Shop> {
  const merchant = createTestMerchant();
  const sim = await startMerchantSimulator(merchant, { mode, notifyRetryDelaysMs: [100, 200, 400] });
  // The port is chosen first: the notify URLs WeChat is told must point at it.
  const port = await freePort();
  const files = await writeMerchantEnv(merchant, sim, `http://127.0.0.1:${port}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'qiaodu-merchant-shop-'));
  const database = TEST_DATABASE_URL ? await createTestDatabase() : null;
  const raw = database?.database.raw;
  let server: Started;
  try {
    server = await startNodeProcess(
      'server/src/main.ts',
      {
        ...files.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: raw?.kind === 'postgres' ? raw.url : '',
        STOREFRONT_DIST: 'none',
        LOG_LEVEL: 'warn',
        // Demo login stays on (no WECHAT_APPID): the personas log in and pay under a synthetic openid.
        WECHAT_APPID: '',
        WECHAT_SECRET: '',
        WECHAT_MP_APPID: '',
        WECHAT_MP_SECRET: '',
        LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        NODE_ENV: 'test',
      },
      '/api/health',
    );
  } catch (error) {
    await sim.close();
    await files.dispose();
    await database?.dispose();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    merchant,
    sim,
    server,
    files,
    database,
    dataDir,
    async stop() {
      await sim.close();
      await server.stop();
      await files.dispose();
      await database?.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The seeded product's first SKU in stock, read through the catalog API like any shopper. */
async function skuOf(baseUrl: string): Promise<{ skuId: number; priceFen: number }> {
  const list = await getJson<ProductListResponse>(`${baseUrl}/api/products?q=${encodeURIComponent(PRODUCT)}`);
  expect(list.status).toBe(200);
  const product = list.body.items.find((item) => item.title === PRODUCT);
  if (!product) throw new Error(`${PRODUCT} is not in the catalog`);
  const detail = await getJson<ProductDetail>(`${baseUrl}/api/products/${product.id}`);
  const sku = detail.body.skus.find((candidate) => candidate.stockAvailable >= 2);
  if (!sku) throw new Error(`${PRODUCT} has no SKU in stock`);
  return { skuId: sku.id, priceFen: sku.priceFen };
}

async function acknowledged(delivery: NotificationDelivery | null): Promise<NotificationDelivery> {
  if (!delivery) throw new Error('the simulator sent no notification');
  await delivery.done;
  return delivery;
}

/** paySign as wx.requestPayment / getBrandWCPayRequest check it: the merchant's key over four lines. */
function paySignValid(start: PaymentStart, merchant: TestMerchant): boolean {
  const { appId, timeStamp, nonceStr, package: pkg, paySign } = start.params;
  const message = `${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`;
  return verify('sha256', Buffer.from(message, 'utf8'), merchant.publicKey, Buffer.from(paySign, 'base64'));
}

/**
 * Places a pickup order of one unit and pays it in the WeChat browser's way (jsapi): the prepay at
 * the simulator, the customer pays there, TRANSACTION.SUCCESS comes over HTTP to the notify URL.
 */
async function buyAndPay(shop: Shop, orders: ReturnType<typeof orderClient>, userId: () => Promise<number>) {
  const { merchant, sim, server } = shop;
  const { skuId, priceFen } = await skuOf(server.baseUrl);
  const placed = await orders.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup });
  expect(placed).toMatchObject({ status: 'pending_payment', totalFen: priceFen });

  const started = await orders.pay('customer', placed.id, 'jsapi');
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  expect(started.body).toMatchObject({ mode: 'wechat', channel: 'jsapi', simulated: false, orderNo: placed.orderNo, totalFen: priceFen });
  // jsapi pays under the official account; the signature is the merchant's and nobody else's.
  expect(started.body.params).toMatchObject({ appId: merchant.mpAppId, signType: 'RSA' });
  expect(started.body.params.package).toMatch(/^prepay_id=wx\w+$/);
  expect(paySignValid(started.body, merchant)).toBe(true);
  expect(paySignValid({ ...started.body, params: { ...started.body.params, nonceStr: `${started.body.params.nonceStr}x` } }, merchant)).toBe(false);

  // The simulator got a signed JSAPI prepay with our notify URL and the demo payer's synthetic openid.
  const trade = sim.trade(placed.orderNo);
  expect(trade).toMatchObject({
    appid: merchant.mpAppId,
    mchid: merchant.mchid,
    totalFen: priceFen,
    state: 'NOTPAY',
    openid: `demo_openid_${await userId()}`,
    notifyUrl: `${shop.files.env.PUBLIC_BASE_URL}/api/pay/wechat/notify`,
  });
  expect(started.body.params.package).toBe(`prepay_id=${trade!.prepayId}`);

  const delivery = await acknowledged(sim.pay(placed.orderNo));
  expect(delivery.acknowledged).toBe(true);
  expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([204]);
  // The notification paid it: the order reads paid without the shop having asked WeChat.
  const queried = () => sim.requests.filter((request) => request.path.startsWith('/v3/pay/transactions/out-trade-no/')).length;
  const queriesBefore = queried();
  const paid = await orders.getOk('customer', placed.id);
  expect(paid.status).toBe('paid');
  expect(queried()).toBe(queriesBefore);

  const state = await orders.paymentState('customer', placed.id);
  expect(state.status).toBe(200);
  expect(state.body).toMatchObject({ paid: true, status: 'paid', paidFen: priceFen, channel: 'jsapi', simulated: false });
  return paid;
}

function clients(baseUrl: () => string) {
  const client = personaClient(baseUrl);
  const orders = orderClient(baseUrl, client);
  const refunds = refundClient(baseUrl, client);
  const userId = async () => {
    const me = await client.send<MeResponse>('customer', 'GET', '/api/me');
    if (me.status !== 200) throw new Error(`GET /api/me: ${me.status}`);
    return me.body.user.id;
  };
  return { client, orders, refunds, userId };
}

describe('a real server process configured for a WeChat Pay merchant (public-key mode)', () => {
  let shop: Shop;
  const { orders, refunds, userId } = clients(() => shop.server.baseUrl);

  beforeAll(async () => {
    shop = await startShop('public_key');
  });
  afterAll(async () => {
    await shop?.stop();
  });

  it('should say it takes real WeChat payments while demo login stays on', async () => {
    const options = await getJson<AuthOptions>(`${shop.server.baseUrl}/api/auth/options`);
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({ payment: 'wechat', demo: true });
  });

  it('should pay an order through the simulator and its notification over HTTP, then refund it through the refunds API and REFUND.SUCCESS', async () => {
    const { sim } = shop;
    const paid = await buyAndPay(shop, orders, userId);
    const line = paid.items[0]!;

    // The customer asks for the money back; the team that sold it agrees.
    const asked = await refunds.requestOk('customer', paid.id, { items: [{ orderItemId: line.id, quantity: 1 }], reason: '买重复了，申请退款' });
    expect(asked.status).toBe('requested');
    const approved = await refunds.approveOk(TEAM_STUDENT, line.team.id, asked.id);
    expect(approved.status).toBe('approved');

    // The shop called POST /v3/refund/domestic/refunds, signed, with its refund notify URL.
    const atWeChat = sim.refund(asked.refundNo);
    expect(atWeChat).toMatchObject({
      status: 'PROCESSING',
      outTradeNo: paid.orderNo,
      refundFen: paid.totalFen,
      totalFen: paid.totalFen,
      notifyUrl: `${shop.files.env.PUBLIC_BASE_URL}/api/pay/wechat/refund-notify`,
    });
    const call = sim.requests.find((request) => request.path === '/v3/refund/domestic/refunds' && request.body.includes(asked.refundNo));
    expect(call?.status).toBe(200);
    expect(JSON.parse(call!.body)).toMatchObject({ out_refund_no: asked.refundNo, amount: { refund: paid.totalFen, total: paid.totalFen, currency: 'CNY' } });
    expect((await refunds.get('customer', asked.id)).body.status).toBe('approved');

    // WeChat settles it and says so over HTTP; the refund and the order follow.
    const delivery = await acknowledged(sim.refundOutcome(asked.refundNo, 'SUCCESS'));
    expect(delivery.eventType).toBe('REFUND.SUCCESS');
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([204]);
    const refund = await refunds.get('customer', asked.id);
    expect(refund.status).toBe(200);
    expect(refund.body.status).toBe('refunded');
    const after: OrderDetail = await orders.getOk('customer', paid.id);
    expect(after.refundedFen).toBe(paid.totalFen);
    expect(after.status).toBe('cancelled');
  });

  it('should refuse a forged notification and a replayed one changes nothing', async () => {
    const { sim } = shop;
    const notifyUrl = `${shop.files.env.PUBLIC_BASE_URL}/api/pay/wechat/notify`;
    const paid = await buyAndPay(shop, orders, userId);
    const first = sim.notifications.find((delivery) => (delivery.resource as { out_trade_no?: string }).out_trade_no === paid.orderNo)!;
    // The exact bytes again (WeChat resends unacknowledged ones), freshly signed: acknowledged, nothing moves.
    const replay = await sim.sendNotification(notifyUrl, sim.craftNotification({ resource: first.resource, id: first.id }));
    expect(replay.status).toBe(204);
    const forged = await sim.sendNotification(notifyUrl, sim.craftNotification({ resource: first.resource, tamper: 'signing-key' }));
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body)).toMatchObject({ code: 'FAIL' });
    const after = await orders.getOk('customer', paid.id);
    expect(after.status).toBe('paid');
    expect(after.timeline.filter((entry) => entry.action === 'pay')).toHaveLength(1);
  });
});

describe('a real server process configured for a WeChat Pay merchant (platform-certificate mode)', () => {
  let shop: Shop;
  const { orders, userId } = clients(() => shop.server.baseUrl);

  beforeAll(async () => {
    shop = await startShop('platform_certificate');
  });
  afterAll(async () => {
    await shop?.stop();
  });

  it('should read the serial from the merchant certificate, fetch the platform certificate, and apply a payment', async () => {
    expect(shop.files.env.WECHATPAY_MERCHANT_SERIAL).toBeUndefined();
    expect(shop.files.env.WECHATPAY_PUBLIC_KEY).toBeUndefined();
    await buyAndPay(shop, orders, userId);
    // The notification was verified with the platform certificate the shop downloaded from /v3/certificates.
    const fetched = shop.sim.requests.filter((request) => request.path === '/v3/certificates');
    expect(fetched.length).toBeGreaterThanOrEqual(1);
    expect(fetched.every((request) => request.status === 200)).toBe(true);
    const authorization = String(fetched[0]!.headers.authorization);
    expect(authorization).toContain(`serial_no="${shop.merchant.serial}"`);
  });
});
