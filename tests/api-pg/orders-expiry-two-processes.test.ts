import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '@qiaodu/db';
import type { PlaceOrderBody } from '@qiaodu/shared';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed } from '../support/auth';
import { createCustomers } from '../support/customers';
import { createBareProduct, ledgerProblems, seededRandom, teamIdOf } from '../support/inventory';
import { ledgerSumOf, placeOrder, receiveStock, stockOf } from '../support/order-proofs';
import { startNodeProcess, type Started } from '../support/processes';
import { getJson } from '../support/test-app';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database';

/**
 * PostgreSQL only: two real server processes (`server/src/main.ts`, as deployed) on one
 * database, each running the expiry job every second. 200 unpaid orders fall due at the same
 * moment; both jobs race for them. Each order must be cancelled once and its stock released
 * once: the ledger has exactly one `release` row per order line, every SKU is back to its
 * stock before the orders, and each order's timeline has one `expire` step.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

let testDb: TestDatabase;
let dataDir: string;
const processes: Started[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'qiaodu-expiry-'));
  const raw = testDb.database.raw;
  if (raw.kind !== 'postgres') throw new Error('expected PostgreSQL');
  const env = {
    DATABASE_URL: raw.url,
    DATA_DIR: dataDir,
    STOREFRONT_DIST: 'none',
    LOG_LEVEL: 'warn',
    // The shortest pay timeout there is; the test makes orders due by moving expires_at instead.
    ORDER_PAY_TIMEOUT_MINUTES: '1',
    ORDER_JOB_INTERVAL_SECONDS: '1',
  };
  for (let i = 0; i < 2; i++) processes.push(await startNodeProcess('server/src/main.ts', env, '/api/health'));
});
afterAll(async () => {
  await Promise.all(processes.map((started) => started.stop()));
  await testDb?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const ORDERS = 200;

describe('order expiry with two server processes on PostgreSQL', () => {
  it('should cancel each due order once and release its stock exactly once', async () => {
    const db = testDb.database.db;
    const [a, b] = processes as [Started, Started];
    const tiantian = await teamIdOf(db, 'tiantian-yunying-1');
    const feiyi = await teamIdOf(db, 'feiyi-wenchuang');
    const first = await createBareProduct(db, tiantian, { skuCount: 2 });
    const other = await createBareProduct(db, feiyi, { skuCount: 2 });
    const skuIds = [...first.skuIds, ...other.skuIds];
    for (const skuId of first.skuIds) await receiveStock(a.baseUrl, tiantian, skuId, 400, 'student-tiantian');
    for (const skuId of other.skuIds) await receiveStock(a.baseUrl, feiyi, skuId, 400, 'student-feiyi');
    const original = await stockOf(db, skuIds);
    const buyers = await createCustomers(db, 20, '超时');

    // 200 orders of one or two lines (some across both teams), placed in process A.
    const random = seededRandom(20260529);
    const bodies: { token: string; body: PlaceOrderBody }[] = Array.from({ length: ORDERS }, (_, i) => {
      const buyer = buyers[i % buyers.length]!;
      const lineCount = random.int(1, 2);
      const chosen = [...skuIds].sort(() => random.next() - 0.5).slice(0, lineCount);
      return {
        token: buyer.token,
        body: {
          items: chosen.map((skuId) => ({ skuId, quantity: random.int(1, 3) })),
          delivery: random.chance(0.5) ? { method: 'express', addressId: buyer.addressId } : { method: 'pickup' },
        },
      };
    });
    const placed: number[] = [];
    for (let start = 0; start < ORDERS; start += 20) {
      const answers = await Promise.all(bodies.slice(start, start + 20).map(({ token, body }) => placeOrder(a.baseUrl, token, body)));
      for (const res of answers) {
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        placed.push(res.body.id);
      }
    }
    const { orderEvents, orderItems, orders, stockMovements } = schema;
    const pending = async () =>
      (await db.select({ n: count() }).from(orders).where(and(inArray(orders.id, placed), eq(orders.status, 'pending_payment'))))[0]!.n;
    expect(await pending()).toBe(ORDERS);
    const reserved = await stockOf(db, skuIds);
    expect(Object.values(reserved).reduce((x, y) => x + y, 0)).toBeLessThan(Object.values(original).reduce((x, y) => x + y, 0));

    // Time moves on: every one of them falls due at once, and both processes' jobs race.
    await db.update(orders).set({ expiresAt: sql`now() - interval '1 second'` }).where(inArray(orders.id, placed));
    const deadline = Date.now() + 60_000;
    while ((await pending()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await pending()).toBe(0);
    // A moment more for a double release (if there were one) to land before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const statuses = await db.select({ status: orders.status, n: count() }).from(orders).where(inArray(orders.id, placed)).groupBy(orders.status);
    expect(statuses).toEqual([{ status: 'cancelled', n: ORDERS }]);

    // Per order line exactly one release row, returning exactly what was reserved.
    const lines = await db
      .select({ orderId: orderItems.orderId, skuId: orderItems.skuId, quantity: orderItems.quantity })
      .from(orderItems)
      .where(inArray(orderItems.orderId, placed))
      .orderBy(asc(orderItems.orderId), asc(orderItems.skuId));
    const releases = await db
      .select({ orderId: stockMovements.orderId, skuId: stockMovements.skuId, quantity: stockMovements.quantity })
      .from(stockMovements)
      .where(and(inArray(stockMovements.orderId, placed), eq(stockMovements.type, 'release')))
      .orderBy(asc(stockMovements.orderId), asc(stockMovements.skuId));
    expect(releases).toEqual(lines);
    const ordersReleased = new Set(releases.map((row) => row.orderId));
    expect(ordersReleased.size).toBe(ORDERS);

    // Every SKU is back where it was before the orders, and its ledger still sums to its stock.
    expect(await stockOf(db, skuIds)).toEqual(original);
    expect(await ledgerSumOf(db, skuIds)).toEqual(original);
    expect(await ledgerProblems(db, tiantian)).toEqual([]);
    expect(await ledgerProblems(db, feiyi)).toEqual([]);

    // One 'expire' step per order in its timeline, by the system, pending_payment → cancelled.
    const expiries = await db
      .select({ orderId: orderEvents.orderId, from: orderEvents.fromStatus, to: orderEvents.toStatus, actorKind: orderEvents.actorKind })
      .from(orderEvents)
      .where(and(inArray(orderEvents.orderId, placed), eq(orderEvents.action, 'expire')));
    expect(expiries.length).toBe(ORDERS);
    expect(new Set(expiries.map((row) => row.orderId)).size).toBe(ORDERS);
    expect(expiries.every((row) => row.from === 'pending_payment' && row.to === 'cancelled' && row.actorKind === 'system')).toBe(true);

    // Paying an expired order is refused in either process, and changes nothing.
    const payer = buyers[0]!;
    const [expired] = await db.select({ id: orders.id }).from(orders).where(and(inArray(orders.id, placed), eq(orders.customerId, payer.userId))).limit(1);
    const paid = await getJson<{ error?: { code: string } }>(`${b.baseUrl}/api/orders/${expired!.id}/pay`, {
      method: 'POST',
      ...authed(payer.token, { channel: 'jsapi' }),
    });
    expect(paid.status).toBe(409);
    expect(paid.body.error?.code).toBe('INVALID_STATE');
    expect(await stockOf(db, skuIds)).toEqual(original);

    // Both processes are still up: neither job died on the race.
    for (const started of processes) expect((await fetch(`${started.baseUrl}/api/health`)).status).toBe(200);
  });
});
