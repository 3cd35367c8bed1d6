import { schema } from '@qiaodu/db';
import { ERROR_CODES, ORDER_LINE_QUANTITY_MAX, ORDER_LINES_MAX, type PlaceOrderBody } from '@qiaodu/shared';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { authed, personaClient } from '../support/auth';
import { manualClock } from '../support/clock';
import { createBareProduct, ledgerProblems, teamIdOf, userIdOf } from '../support/inventory';
import { freshKey, orderBooks, placeOrder, receiveStock, stockOf } from '../support/order-proofs';
import { getJson, type JsonResponse } from '../support/test-app';

/**
 * 提交订单 with everything a broken client, a curious customer or an old page could send. Each
 * is refused with a 4xx, an error code and a message in Chinese, and leaves the books exactly as
 * they were: no order row, no reservation, no stock moved. Runs on PGlite and on PostgreSQL.
 */
const clock = manualClock();
const fixture = useSeededApp({ overrides: { clock: clock.now, orderJobTimer: false } });
const client = personaClient(() => fixture.app.baseUrl);
const db = () => fixture.testDb.database.db;

const ids = { team: 0, sku: 0, small: 0, offShelf: 0, draft: 0, ownAddress: 0, othersAddress: 0 };
const allSkus = () => [ids.sku, ids.small, ids.offShelf, ids.draft];

beforeAll(async () => {
  ids.team = await teamIdOf(db(), 'tiantian-yunying-1');
  const onSale = await createBareProduct(db(), ids.team, { skuCount: 2 });
  [ids.sku, ids.small] = onSale.skuIds as [number, number];
  await receiveStock(fixture.app.baseUrl, ids.team, ids.sku, 20);
  await receiveStock(fixture.app.baseUrl, ids.team, ids.small, 5);
  // Taken off the shelf by its team after stock came in: it has stock, and still may not be sold.
  const offShelf = await createBareProduct(db(), ids.team);
  ids.offShelf = offShelf.skuIds[0]!;
  await receiveStock(fixture.app.baseUrl, ids.team, ids.offShelf, 5);
  const off = await client.send('student-tiantian', 'POST', `/api/console/teams/${ids.team}/products/${offShelf.productId}/off-shelf`);
  expect(off.status, JSON.stringify(off.body)).toBe(200);
  const draft = await createBareProduct(db(), ids.team, { status: 'draft' });
  ids.draft = draft.skuIds[0]!;
  const { addresses } = schema;
  ids.ownAddress = (await db().select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, await userIdOf(db(), 'customer'))))[0]!.id;
  ids.othersAddress = (await db().select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, await userIdOf(db(), 'customer-2'))))[0]!.id;
});

type Sent = JsonResponse<{ error?: { code: string; message: string; details?: unknown } }>;

async function asCustomer(body: unknown, key: string | null = freshKey('bad')): Promise<Sent> {
  return placeOrder(fixture.app.baseUrl, await client.tokenOf('customer'), body, key) as Promise<Sent>;
}

/** A clear refusal: the status and code expected, a message in Chinese, and the books untouched. */
async function expectRefused(send: () => Promise<Sent>, status: number, code: string, context: string): Promise<Sent> {
  const before = await orderBooks(db(), allSkus());
  const res = await send();
  expect(res.status, `${context}: ${JSON.stringify(res.body)}`).toBe(status);
  expect(res.body.error?.code, context).toBe(code);
  expect(ERROR_CODES, context).toContain(res.body.error?.code);
  expect(res.body.error?.message, context).toMatch(/[\u4e00-\u9fa5]/);
  expect(await orderBooks(db(), allSkus()), context).toEqual(before);
  return res;
}

const line = (quantity: unknown, skuId: unknown = ids.sku) => ({ skuId, quantity });
const pickup = (...items: unknown[]) => ({ items, delivery: { method: 'pickup' } });

describe('POST /api/orders refuses bad input and changes nothing', () => {
  it('should refuse quantities that are not a whole number from 1 to 999', async () => {
    const quantities: unknown[] = [0, -1, -999, 1.5, 0.999, 1e9, ORDER_LINE_QUANTITY_MAX + 1, '5', '1', null, 'NaN', true, [], {}, 1e308];
    for (const quantity of quantities) {
      await expectRefused(() => asCustomer(pickup(line(quantity))), 400, 'VALIDATION_FAILED', `quantity ${JSON.stringify(quantity)}`);
    }
    // No quantity at all, and SKU ids that are not ids (a digit string is an id, as in paths).
    await expectRefused(() => asCustomer(pickup({ skuId: ids.sku })), 400, 'VALIDATION_FAILED', 'no quantity');
    for (const skuId of ['abc', '', -1, 0, 1.5, 2 ** 31, null, [ids.sku]]) {
      await expectRefused(() => asCustomer(pickup(line(1, skuId))), 400, 'VALIDATION_FAILED', `skuId ${JSON.stringify(skuId)}`);
    }
  });

  it('should refuse a SKU that appears twice, no items, and more lines than an order holds', async () => {
    await expectRefused(() => asCustomer(pickup(line(1), line(2))), 400, 'VALIDATION_FAILED', 'duplicate SKU');
    await expectRefused(() => asCustomer(pickup(line(1), line(1, ids.small), line(1))), 400, 'VALIDATION_FAILED', 'duplicate SKU apart');
    await expectRefused(() => asCustomer(pickup()), 400, 'VALIDATION_FAILED', 'no items');
    await expectRefused(() => asCustomer({ items: 'all', delivery: { method: 'pickup' } }), 400, 'VALIDATION_FAILED', 'items not a list');
    const thousand = Array.from({ length: 1000 }, (_, i) => line(1, i + 1));
    await expectRefused(() => asCustomer(pickup(...thousand)), 400, 'VALIDATION_FAILED', '1,000 lines');
    const tooMany = Array.from({ length: ORDER_LINES_MAX + 1 }, (_, i) => line(1, i + 1));
    await expectRefused(() => asCustomer(pickup(...tooMany)), 400, 'VALIDATION_FAILED', `${ORDER_LINES_MAX + 1} lines`);
    // 1,000 units of one SKU is over the per-line maximum too.
    await expectRefused(() => asCustomer(pickup(line(1000))), 400, 'VALIDATION_FAILED', '1,000 units');
  });

  it('should refuse prices sent by the client instead of ignoring them silently', async () => {
    await expectRefused(() => asCustomer(pickup({ ...line(1), priceFen: 1 })), 400, 'VALIDATION_FAILED', 'line priceFen');
    await expectRefused(() => asCustomer(pickup({ ...line(1), unitPriceFen: 1 })), 400, 'VALIDATION_FAILED', 'line unitPriceFen');
    await expectRefused(() => asCustomer({ ...pickup(line(1)), totalFen: 1 }), 400, 'VALIDATION_FAILED', 'totalFen');
    await expectRefused(() => asCustomer({ ...pickup(line(1)), shippingFen: 0 }), 400, 'VALIDATION_FAILED', 'shippingFen');
  });

  it('should refuse an unknown delivery method, express without an address and a pickup with one', async () => {
    const deliveries: unknown[] = [
      { method: 'drone' },
      { method: 'express' },
      { method: 'express', addressId: 'home' },
      { method: 'pickup', addressId: ids.ownAddress },
      { method: 'pickup', place: '宿舍楼下' },
      'pickup',
      null,
    ];
    for (const delivery of deliveries) {
      await expectRefused(() => asCustomer({ items: [line(1)], delivery }), 400, 'VALIDATION_FAILED', `delivery ${JSON.stringify(delivery)}`);
    }
    await expectRefused(() => asCustomer({ items: [line(1)] }), 400, 'VALIDATION_FAILED', 'no delivery');
    await expectRefused(() => asCustomer({ ...pickup(line(1)), remark: '备'.repeat(101) }), 400, 'VALIDATION_FAILED', 'remark too long');
  });

  it("should not ship to another customer's address, nor to one that does not exist", async () => {
    const express = (addressId: number): PlaceOrderBody => ({ items: [{ skuId: ids.sku, quantity: 1 }], delivery: { method: 'express', addressId } });
    await expectRefused(() => asCustomer(express(ids.othersAddress)), 404, 'ADDRESS_NOT_FOUND', "another customer's address");
    await expectRefused(() => asCustomer(express(2_000_000_000)), 404, 'ADDRESS_NOT_FOUND', 'no such address');
  });

  it('should refuse SKUs that are not on sale or do not exist, even next to a good line', async () => {
    for (const [skuId, what] of [
      [ids.offShelf, 'off the shelf'],
      [ids.draft, 'a draft'],
      [2_000_000_000, 'no such SKU'],
    ] as const) {
      await expectRefused(() => asCustomer(pickup(line(1, skuId))), 409, 'SKU_UNAVAILABLE', what);
      // The good line is not reserved either: the order is one transaction.
      await expectRefused(() => asCustomer(pickup(line(1), line(1, skuId))), 409, 'SKU_UNAVAILABLE', `${what} after a good line`);
    }
  });

  it('should refuse more than the stock with OUT_OF_STOCK naming the SKU and what is left, reserving nothing', async () => {
    const one = await expectRefused(() => asCustomer(pickup(line(21))), 409, 'OUT_OF_STOCK', 'one line over');
    expect(one.body.error?.details).toEqual({ skus: [{ skuId: ids.sku, requested: 21, available: 20 }] });
    const two = await expectRefused(() => asCustomer(pickup(line(3), line(6, ids.small))), 409, 'OUT_OF_STOCK', 'second line over');
    expect(two.body.error?.details).toEqual({ skus: [{ skuId: ids.small, requested: 6, available: 5 }] });
    expect(await stockOf(db(), [ids.sku, ids.small])).toEqual({ [ids.sku]: 20, [ids.small]: 5 });
  });

  it('should refuse a missing or malformed Idempotency-Key', async () => {
    const body = pickup(line(1));
    await expectRefused(() => asCustomer(body, null), 400, 'IDEMPOTENCY_KEY_REQUIRED', 'no key');
    for (const key of ['', 'short', 'has spaces in it', 'semi;colon-key', 'x'.repeat(65), '../../etc/passwd']) {
      await expectRefused(() => asCustomer(body, key), 400, 'IDEMPOTENCY_KEY_REQUIRED', `key ${JSON.stringify(key)}`);
    }
  });

  it('should refuse paying an order whose payment time ran out, and release it once the job runs', async () => {
    const token = await client.tokenOf('customer');
    const placed = await placeOrder(fixture.app.baseUrl, token, pickup(line(2)));
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(await stockOf(db(), [ids.sku])).toEqual({ [ids.sku]: 18 });

    clock.advance(31 * 60_000);
    const { orderEvents, orders, stockMovements, skus } = schema;
    const [salesBefore] = await db().select({ sales: skus.salesCount }).from(skus).where(eq(skus.id, ids.sku));
    const pay = () =>
      getJson<{ error?: { code: string; message: string } }>(`${fixture.app.baseUrl}/api/orders/${placed.body.id}/pay`, {
        method: 'POST',
        ...authed(token, { channel: 'jsapi' }),
      });
    const res = await pay();
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error?.code).toBe('INVALID_STATE');
    expect(res.body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    // Not paid: no money, no payment step, no sale counted.
    const [order] = await db().select().from(orders).where(eq(orders.id, placed.body.id));
    expect({ status: order!.status === 'paid', paidFen: order!.paidFen, paidAt: order!.paidAt }).toEqual({ status: false, paidFen: 0, paidAt: null });
    expect(await db().select().from(orderEvents).where(and(eq(orderEvents.orderId, placed.body.id), eq(orderEvents.action, 'pay')))).toEqual([]);
    expect((await db().select({ sales: skus.salesCount }).from(skus).where(eq(skus.id, ids.sku)))[0]).toEqual(salesBefore);

    // The expiry job (or the refused payment itself) cancels it and gives the units back, once.
    await fixture.app.built.orderJobs.runOnce();
    await fixture.app.built.orderJobs.runOnce();
    const [after] = await db().select({ status: orders.status }).from(orders).where(eq(orders.id, placed.body.id));
    expect(after!.status).toBe('cancelled');
    const releases = await db()
      .select({ quantity: stockMovements.quantity })
      .from(stockMovements)
      .where(and(eq(stockMovements.orderId, placed.body.id), eq(stockMovements.type, 'release')));
    expect(releases).toEqual([{ quantity: 2 }]);
    expect(await stockOf(db(), [ids.sku])).toEqual({ [ids.sku]: 20 });
    // Paying it now is refused the same way.
    const again = await pay();
    expect([again.status, again.body.error?.code]).toEqual([409, 'INVALID_STATE']);
    expect(await ledgerProblems(db(), ids.team)).toEqual([]);
  });
});
