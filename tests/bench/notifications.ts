/**
 * WeChat Pay notifications applied per second on PostgreSQL: a real server process
 * (`server/src/main.ts`) configured for a merchant through WECHATPAY_* (keys as files), its
 * WECHATPAY_API_BASE the simulator. Orders are placed and prepaid through the API and paid at the
 * simulator beforehand; the simulator's own deliveries go nowhere (PUBLIC_BASE_URL is
 * unreachable). Then the notifications WeChat would send — signed with the platform key,
 * resource encrypted with the APIv3 key, by the simulator's craftNotification — are made before
 * each timed run and POSTed to /api/pay/wechat/notify by autocannon, `perRound` per run:
 *
 * - unique: one TRANSACTION.SUCCESS per order not yet paid (each pays its order);
 * - resent: WeChat's resend of a notification already applied (same id; answered by the
 *   notification-id lookup, no lock);
 * - same payment, new id: another notification of a payment already applied (found under the
 *   order's lock: the transaction id is already the order's);
 *
 * against a baseline measured in the same run in alternating rounds: the bench's bare Koa
 * hello-world and GET /api/health on the same server. Orders are spread over `products`
 * products: each payment locks its order's goods and adds to the product's sales count, so one
 * product would measure that row lock instead.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { migrateDatabase, openDatabase } from '@qiaodu/db';
import { seedDemoData } from '@qiaodu/db/seed';
import type { PaymentStart } from '@qiaodu/shared';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { authed } from '../support/auth';
import { createCustomers, type TestCustomer } from '../support/customers';
import { teamIdOf } from '../support/inventory';
import { writeMerchantEnv } from '../support/merchant-env';
import { placeOrder } from '../support/order-proofs';
import { pickup, productWithStock } from '../support/orders';
import { startNodeProcess, type Started } from '../support/processes';
import { getJson } from '../support/test-app';
import { createTestMerchant, startMerchantSimulator } from '../support/wechatpay-merchant';
import type { CraftedNotification } from '../support/wechatpay-simulator';
import { measure, type LoadOptions, type LoadResult } from './load';

export interface NotificationsBench {
  orders: number;
  products: number;
  perRound: number;
  bare: LoadResult;
  health: LoadResult;
  unique: LoadResult;
  resent: LoadResult;
  newId: LoadResult;
  books: {
    /** Orders paid by the unique runs, and 'pay' steps / applied log rows for them (all must match). */
    paidOrders: number;
    payEvents: number;
    appliedRows: number;
    duplicateRows: number;
    rejectedRows: number;
    consistent: boolean;
  };
}

interface PaidAtWeChat {
  orderId: number;
  orderNo: string;
}

const UNREACHABLE = 'http://127.0.0.1:9';

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

/** POSTs every notification once, `connections` at a time; req/s over the whole run; non2xx = answers other than 204. */
async function postAll(name: string, url: string, notifications: readonly CraftedNotification[], connections: number): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: Math.min(connections, notifications.length),
    amount: notifications.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const notification = notifications[next++ % notifications.length]!;
          return { ...request, method: 'POST', headers: { ...notification.headers }, body: notification.body };
        },
      },
    ],
  });
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  const requestsPerSec = Math.round(result.requests.total / seconds);
  const not204 = result.requests.total - (result.statusCodeStats?.['204']?.count ?? 0);
  return {
    name,
    requestsPerSec,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // errors counts connection errors, timeouts included: requests that got no status at all.
    non2xx: Math.max(0, not204 - result.errors),
    errors: result.errors,
    rounds: [requestsPerSec],
  };
}

function medianRun(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return {
    ...middle,
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    rounds: runs.map((run) => run.requestsPerSec),
  };
}

export async function benchmarkNotifications(options: {
  adminUrl: string;
  load: LoadOptions;
  warmupSec: number;
  rounds: number;
  /** Notifications per timed run (unique ones need that many fresh orders per round). */
  perRound: number;
  products: number;
}): Promise<NotificationsBench> {
  const { rounds, perRound } = options;
  const orderCount = perRound * (rounds + 1); // one extra batch to warm up with
  const name = `qiaodu_bench_pay_${Date.now()}`;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(options.adminUrl, name);
  const started: Started[] = [];
  const merchant = createTestMerchant();
  const sim = await startMerchantSimulator(merchant, { notifyRetryDelaysMs: [] });
  const files = await writeMerchantEnv(merchant, sim, UNREACHABLE);
  const database = await openDatabase({ databaseUrl: url, dataDir: tmpdir() });
  try {
    await migrateDatabase(database);
    await seedDemoData(database.db);
    const db = database.db;
    const teamId = await teamIdOf(db, 'tiantian-yunying-1');
    const skuIds: number[] = [];
    for (let i = 0; i < options.products; i++) {
      const product = await productWithStock(db, teamId, { stock: Math.ceil(orderCount / options.products) + 10, priceFen: 1000 + i });
      skuIds.push(product.skuIds[0]!);
    }
    const buyers: TestCustomer[] = await createCustomers(db, 200, '压测支付');

    const bare = await startNodeProcess('tests/bench/bare-koa.ts', {}, '/');
    started.push(bare);
    const server = await startNodeProcess(
      'server/src/main.ts',
      { ...files.env, DATABASE_URL: url, LOG_LEVEL: 'error', DEMO_SEED: 'false', STOREFRONT_DIST: 'none', ORDER_PAY_TIMEOUT_MINUTES: '120' },
      '/api/health',
    );
    started.push(server);
    const notifyUrl = `${server.baseUrl}/api/pay/wechat/notify`;

    // The orders, placed and prepaid through the API, then paid at WeChat (whose notification is lost).
    const orders: PaidAtWeChat[] = await pooled(Array.from({ length: orderCount }, (_, i) => i), 16, async (i) => {
      const buyer = buyers[i % buyers.length]!;
      const placed = await placeOrder(server.baseUrl, buyer.token, { items: [{ skuId: skuIds[i % skuIds.length]!, quantity: 1 }], delivery: pickup });
      if (placed.status !== 201) throw new Error(`placing order ${i}: ${placed.status} ${JSON.stringify(placed.body)}`);
      const pay = await getJson<PaymentStart>(`${server.baseUrl}/api/orders/${placed.body.id}/pay`, {
        method: 'POST',
        ...authed(buyer.token, { channel: i % 2 === 0 ? 'jsapi' : 'miniprogram' }),
      });
      if (pay.status !== 200) throw new Error(`prepay of order ${i}: ${pay.status} ${JSON.stringify(pay.body)}`);
      sim.pay(pay.body.orderNo);
      return { orderId: placed.body.id, orderNo: pay.body.orderNo };
    });
    await sim.settled();

    const batches = Array.from({ length: rounds + 1 }, (_, r) => orders.slice(r * perRound, (r + 1) * perRound));
    /** The notifications applied so far (the id each was applied under), to resend. */
    const applied: { orderNo: string; id: string }[] = [];
    const craftUnique = (batch: readonly PaidAtWeChat[]) =>
      batch.map((order) => sim.craftNotification({ resource: sim.transactionResource(order.orderNo) }));
    const craftResent = () =>
      Array.from({ length: perRound }, (_, i) => applied[i % applied.length]!).map(({ orderNo, id }) =>
        sim.craftNotification({ resource: sim.transactionResource(orderNo), id }),
      );
    const craftNewId = () =>
      Array.from({ length: perRound }, (_, i) => applied[(i * 7) % applied.length]!).map(({ orderNo }) =>
        sim.craftNotification({ resource: sim.transactionResource(orderNo), id: randomUUID() }),
      );
    const remember = (batch: readonly PaidAtWeChat[], sent: readonly CraftedNotification[]) =>
      batch.forEach((order, i) => applied.push({ orderNo: order.orderNo, id: sent[i]!.id }));

    const load = options.load;
    const health = `${server.baseUrl}/api/health`;
    // Warm up: every path once at a small scale, the baselines for warmupSec.
    const warm = craftUnique(batches[0]!);
    await postAll('warm-up unique', notifyUrl, warm, load.connections);
    remember(batches[0]!, warm);
    await postAll('warm-up resent', notifyUrl, craftResent(), load.connections);
    await postAll('warm-up new id', notifyUrl, craftNewId(), load.connections);
    await measure('warm-up bare', `${bare.baseUrl}/`, { ...load, durationSec: options.warmupSec });
    await measure('warm-up health', health, { ...load, durationSec: options.warmupSec });

    const runs = { bare: [] as LoadResult[], health: [] as LoadResult[], unique: [] as LoadResult[], resent: [] as LoadResult[], newId: [] as LoadResult[] };
    for (let round = 1; round <= rounds; round++) {
      runs.bare.push(await measure('bare Koa hello-world', `${bare.baseUrl}/`, load));
      runs.health.push(await measure('GET /api/health', health, load));
      // Signed just before the run (WeChat's 5-minute window), outside the timing.
      const unique = craftUnique(batches[round]!);
      runs.unique.push(await postAll('notify: unique (pays an order)', notifyUrl, unique, load.connections));
      remember(batches[round]!, unique);
      const resent = craftResent();
      runs.resent.push(await postAll('notify: resent (same id)', notifyUrl, resent, load.connections));
      const newId = craftNewId();
      runs.newId.push(await postAll('notify: same payment, new id', notifyUrl, newId, load.connections));
    }

    // The books: every order paid once, by one applied notification.
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const ids = orders.map((order) => order.orderId);
      const [check] = await sql<{ paid: number; pays: number; applied: number; duplicate: number; rejected: number }[]>`
        select
          (select count(*)::int from orders where id = any(${ids}) and status = 'paid') as paid,
          (select count(*)::int from order_events where order_id = any(${ids}) and action = 'pay') as pays,
          (select count(*)::int from payment_notifications where kind = 'transaction' and outcome = 'applied' and order_id = any(${ids})) as applied,
          (select count(*)::int from payment_notifications where kind = 'transaction' and outcome = 'duplicate') as duplicate,
          (select count(*)::int from payment_notifications where kind = 'transaction' and outcome = 'rejected') as rejected`;
      const c = check!;
      return {
        orders: orderCount,
        products: options.products,
        perRound,
        bare: medianRun(runs.bare),
        health: medianRun(runs.health),
        unique: medianRun(runs.unique),
        resent: medianRun(runs.resent),
        newId: medianRun(runs.newId),
        books: {
          paidOrders: c.paid,
          payEvents: c.pays,
          appliedRows: c.applied,
          duplicateRows: c.duplicate,
          rejectedRows: c.rejected,
          consistent: c.paid === orderCount && c.pays === orderCount && c.applied === orderCount,
        },
      };
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await Promise.all(started.map((process) => process.stop()));
    await database.close();
    await sim.close();
    await files.dispose();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}
