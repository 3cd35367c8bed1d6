import { schema } from '@qiaodu/db';
import type { PaymentStart } from '@qiaodu/shared';
import { latePaymentOutRefundNo } from '@qiaodu/server/payments/late-payment-refunds';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed } from '../support/auth';
import { createCustomers, type TestCustomer } from '../support/customers';
import { ledgerProblems, teamIdOf } from '../support/inventory';
import { ledgerSumOf, placeOrder, stockOf } from '../support/order-proofs';
import { pickup, productWithStock } from '../support/orders';
import { getJson, startApp, type RunningApp } from '../support/test-app';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database';
import { createTestMerchant, merchantConfigFor, startMerchantSimulator, UNREACHABLE_NOTIFY_BASE } from '../support/wechatpay-merchant';
import type { CraftedNotification, WeChatPaySimulator } from '../support/wechatpay-simulator';

/*
 * PostgreSQL only: two API instances (two connection pools, as two processes behind a load
 * balancer) on one database take WeChat Pay notifications for the same merchant. WeChat resends
 * what it thinks was not acknowledged, and its resends can land on either instance at once; each
 * payment must move its order once. The simulator's own delivery goes nowhere (the notify URL it
 * was given is unreachable): the test sends the signed, encrypted notifications itself, to both.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const { flaggedPaymentRefunds, orderEvents, orders, paymentFlags, paymentNotifications, products, skus } = schema;

let testDb: TestDatabase;
let sim: WeChatPaySimulator;
let a: RunningApp;
let b: RunningApp;
let buyers: TestCustomer[];
let teamId: number;
const merchant = createTestMerchant();

beforeAll(async () => {
  testDb = await createTestDatabase();
  sim = await startMerchantSimulator(merchant, { notifyRetryDelaysMs: [], notifyTimeoutMs: 5_000 });
  // Both instances tell WeChat a notify URL nobody listens at: only the test's sends arrive.
  const overrides = { orderJobTimer: false, wechatPay: merchantConfigFor(merchant, sim, UNREACHABLE_NOTIFY_BASE) } as const;
  a = await startApp(testDb.database, { overrides });
  b = await startApp(await testDb.openAnother(), { overrides });
  buyers = await createCustomers(testDb.database.db, 60, '支付');
  teamId = await teamIdOf(testDb.database.db, 'tiantian-yunying-1');
});
afterAll(async () => {
  await sim?.close();
  await a?.stop();
  await b?.stop();
  await testDb?.dispose();
});

const db = () => testDb.database.db;
const notifyUrl = (app: RunningApp) => `${app.baseUrl}/api/pay/wechat/notify`;

/**
 * A pickup order of one unit of `skuId` by `buyer`, its JSAPI prepay made through `app`, and paid
 * at WeChat (the simulator) — the notification not delivered yet.
 */
async function paidAtWeChat(app: RunningApp, buyer: TestCustomer, skuId: number, options: { expiredFirst?: boolean } = {}) {
  const placed = await placeOrder(app.baseUrl, buyer.token, { items: [{ skuId, quantity: 1 }], delivery: pickup });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  const orderId = placed.body.id;
  const started = await getJson<PaymentStart>(`${app.baseUrl}/api/orders/${orderId}/pay`, { method: 'POST', ...authed(buyer.token, { channel: 'jsapi' }) });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const orderNo = started.body.orderNo;
  if (options.expiredFirst) await db().update(orders).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(orders.id, orderId));
  void sim.pay(orderNo, { ignoreTimeExpire: options.expiredFirst === true });
  const transactionId = sim.trade(orderNo)!.transactionId!;
  return { orderId, orderNo, transactionId, totalFen: started.body.totalFen };
}

/** WeChat's notification of the trade now: signed by the platform key, encrypted with the APIv3 key. */
const notificationOf = (orderNo: string, id?: string): CraftedNotification =>
  sim.craftNotification({ resource: sim.transactionResource(orderNo), ...(id === undefined ? {} : { id }) });

/** Sends every notification at once, alternating between the two instances; answers the statuses (and says why on a failure). */
async function sendAll(notifications: readonly CraftedNotification[]): Promise<(number | null)[]> {
  const answers = await Promise.all(
    notifications.map((notification, i) =>
      // No answer within WeChat's 5 s counts as a failure (status null), as WeChat counts it.
      sim.sendNotification(notifyUrl(i % 2 === 0 ? a : b), notification).catch((error: unknown) => ({ status: null, body: String(error) })),
    ),
  );
  const refused = answers.filter((answer) => answer.status !== 204);
  if (refused.length > 0) {
    const why = [...new Set(refused.map((answer) => `${answer.status} ${answer.body}`))].join('; ');
    console.warn(`${answers.length - refused.length} of ${answers.length} notifications acknowledged; refused: ${why}`);
  }
  return answers.map((answer) => answer.status);
}

async function logOf(orderIds: readonly number[]) {
  return db()
    .select({ orderId: paymentNotifications.orderId, outcome: paymentNotifications.outcome, transactionId: paymentNotifications.transactionId })
    .from(paymentNotifications)
    .where(and(inArray(paymentNotifications.orderId, [...orderIds]), eq(paymentNotifications.kind, 'transaction')));
}

async function payStepsOf(orderIds: readonly number[]) {
  return db()
    .select({ orderId: orderEvents.orderId, n: count() })
    .from(orderEvents)
    .where(and(inArray(orderEvents.orderId, [...orderIds]), eq(orderEvents.action, 'pay')))
    .groupBy(orderEvents.orderId);
}

describe('WeChat Pay notifications on two instances over one PostgreSQL', () => {
  it('should apply the same notification sent 10 times at once to both instances exactly once', async () => {
    const { skuIds } = await productWithStock(db(), teamId, { stock: 20, priceFen: 2300 });
    const order = await paidAtWeChat(a, buyers[0]!, skuIds[0]!);
    const notification = notificationOf(order.orderNo);

    const statuses = await sendAll(Array.from({ length: 10 }, () => notification));
    expect(statuses).toEqual(Array(10).fill(204));

    expect(await payStepsOf([order.orderId])).toEqual([{ orderId: order.orderId, n: 1 }]);
    const [row] = await db().select().from(orders).where(eq(orders.id, order.orderId));
    expect(row).toMatchObject({ status: 'paid', paidFen: order.totalFen, transactionId: order.transactionId, paymentChannel: 'jsapi' });
    const log = await logOf([order.orderId]);
    expect(log.filter((entry) => entry.outcome === 'applied')).toHaveLength(1);
    expect(log.filter((entry) => entry.outcome === 'duplicate')).toHaveLength(9);
    expect(log).toHaveLength(10);
    const [sku] = await db().select({ sales: skus.salesCount }).from(skus).where(eq(skus.id, skuIds[0]!));
    expect(sku!.sales).toBe(1);
  });

  it('should pay 50 orders once each when each one is notified 3 times at once across both instances', async () => {
    const ORDERS = 50;
    const { productId, skuIds } = await productWithStock(db(), teamId, { stock: 200, priceFen: 1200 });
    const skuId = skuIds[0]!;
    const placed: Awaited<ReturnType<typeof paidAtWeChat>>[] = [];
    for (let start = 0; start < ORDERS; start += 10) {
      const batch = buyers.slice(1 + start, 1 + start + 10);
      placed.push(...(await Promise.all(batch.map((buyer, i) => paidAtWeChat(i % 2 === 0 ? a : b, buyer, skuId)))));
    }
    const ids = placed.map((order) => order.orderId);
    const stockBefore = await stockOf(db(), [skuId]);

    // WeChat's resend carries the same id; a second notification of the same payment has its own.
    const notifications = placed.flatMap((order) => {
      const first = notificationOf(order.orderNo);
      return [first, notificationOf(order.orderNo, first.id), notificationOf(order.orderNo)];
    });
    const shuffled = notifications.map((n, i) => ({ n, key: (i * 7919) % notifications.length })).sort((x, y) => x.key - y.key).map(({ n }) => n);
    // 150 at once queue on the product's row lock (every payment adds to its sales count): a
    // notification not answered within the intake's deadline gets a 500 (or no answer in WeChat's
    // 5 s) and WeChat sends it again, as it does here, until each one is acknowledged.
    let pending = shuffled;
    for (let round = 1; pending.length > 0; round++) {
      expect(round, `still unacknowledged after ${round - 1} rounds: ${pending.length}`).toBeLessThanOrEqual(5);
      const statuses = await sendAll(pending);
      expect(statuses.every((status) => status === 204 || status === 500 || status === null)).toBe(true);
      pending = pending.filter((_, i) => statuses[i] !== 204);
    }

    const rows = await db().select({ id: orders.id, status: orders.status, transactionId: orders.transactionId }).from(orders).where(inArray(orders.id, ids));
    expect(rows.filter((row) => row.status === 'paid')).toHaveLength(ORDERS);
    for (const order of placed) expect(rows.find((row) => row.id === order.orderId)?.transactionId).toBe(order.transactionId);
    const steps = await payStepsOf(ids);
    expect(steps).toHaveLength(ORDERS);
    expect(steps.every((step) => step.n === 1)).toBe(true);
    const log = await logOf(ids);
    expect(log.filter((entry) => entry.outcome === 'applied')).toHaveLength(ORDERS);
    expect(new Set(log.filter((entry) => entry.outcome === 'applied').map((entry) => entry.orderId)).size).toBe(ORDERS);
    // Everything else that reached an order was a duplicate (at least the two extra copies of each).
    expect(log.filter((entry) => entry.outcome === 'duplicate').length).toBeGreaterThanOrEqual(ORDERS * 2);
    expect(log.filter((entry) => entry.outcome !== 'applied' && entry.outcome !== 'duplicate')).toEqual([]);

    // Paying moves no stock (it was reserved at placement); sales count each paid unit once.
    expect(await stockOf(db(), [skuId])).toEqual(stockBefore);
    expect(await ledgerSumOf(db(), [skuId])).toEqual(stockBefore);
    expect(await ledgerProblems(db(), teamId)).toEqual([]);
    const [sku] = await db().select({ sales: skus.salesCount }).from(skus).where(eq(skus.id, skuId));
    const [product] = await db().select({ sales: products.salesCount }).from(products).where(eq(products.id, productId));
    expect(sku!.sales).toBe(ORDERS);
    expect(product!.sales).toBe(ORDERS);
  });

  it('should flag a late payment once and refund it once when both instances hear of it at once', async () => {
    const { skuIds } = await productWithStock(db(), teamId, { stock: 20, priceFen: 3100 });
    // The customer's sheet was still open when the order's deadline passed; WeChat took the money.
    const order = await paidAtWeChat(b, buyers[55]!, skuIds[0]!, { expiredFirst: true });
    const first = notificationOf(order.orderNo);
    const copies = [...Array.from({ length: 6 }, () => first), notificationOf(order.orderNo), notificationOf(order.orderNo)];
    const statuses = await sendAll(copies);
    expect(statuses).toEqual(Array(copies.length).fill(204));

    const [row] = await db().select().from(orders).where(eq(orders.id, order.orderId));
    expect(row).toMatchObject({ status: 'pending_payment', paidFen: 0, transactionId: null });
    const flags = await db().select().from(paymentFlags).where(eq(paymentFlags.transactionId, order.transactionId));
    expect(flags).toMatchObject([{ kind: 'late_payment', orderId: order.orderId, amountFen: order.totalFen }]);
    const refunds = await db().select().from(flaggedPaymentRefunds).where(eq(flaggedPaymentRefunds.transactionId, order.transactionId));
    expect(refunds).toHaveLength(1);
    const outRefundNo = latePaymentOutRefundNo(order.transactionId);
    expect(refunds[0]!.outRefundNo).toBe(outRefundNo);
    const log = await logOf([order.orderId]);
    expect(log.filter((entry) => entry.outcome === 'flagged')).toHaveLength(1);
    expect(log.filter((entry) => entry.outcome === 'applied')).toHaveLength(0);
    expect(log.filter((entry) => entry.outcome === 'duplicate')).toHaveLength(copies.length - 1);

    // The refund goes to WeChat after commit, from the one instance that flagged it: once.
    const deadline = Date.now() + 5_000;
    while (!sim.refund(outRefundNo) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.refund(outRefundNo)).toMatchObject({ status: 'PROCESSING', refundFen: order.totalFen, transactionId: order.transactionId });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const refundCalls = sim.requests.filter((request) => request.path === '/v3/refund/domestic/refunds' && request.body.includes(order.transactionId));
    expect(refundCalls).toHaveLength(1);
    expect(sim.trade(order.orderNo)!.state).toBe('SUCCESS');
  });
});
