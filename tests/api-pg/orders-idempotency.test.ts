import { schema } from '@qiaodu/db';
import type { PlaceOrderBody } from '@qiaodu/shared';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSecondApp, useSeededApp } from '../support/app-fixture';
import { createCustomers } from '../support/customers';
import { createBareProduct, ledgerProblems, teamIdOf } from '../support/inventory';
import { freshKey, orderBooks, placeOrder, receiveStock, stockOf } from '../support/order-proofs';
import { TEST_DATABASE_URL } from '../support/test-database';

/**
 * PostgreSQL only: a phone on a bad network sends 提交订单 again and again with the same
 * Idempotency-Key, the copies arriving at the same moment at two API instances (each with its
 * own connection pool, as two server processes). One order, one reservation, and every copy is
 * answered with that same order.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const second = useSecondApp(fixture);

describe('Idempotency-Key under parallel retries on PostgreSQL', () => {
  it('should create one order for 20 parallel copies of one request, and answer every copy with it', async () => {
    const teamId = await teamIdOf(db(), 'tiantian-yunying-1');
    const { skuIds } = await createBareProduct(db(), teamId, { skuCount: 2 });
    const [a, b] = skuIds as [number, number];
    await receiveStock(fixture.app.baseUrl, teamId, a, 10);
    await receiveStock(fixture.app.baseUrl, teamId, b, 10);
    const [buyer] = await createCustomers(db(), 1, '重试');
    const body: PlaceOrderBody = {
      items: [
        { skuId: a, quantity: 2 },
        { skuId: b, quantity: 3 },
      ],
      delivery: { method: 'express', addressId: buyer!.addressId },
      remark: '请尽快发货',
    };
    const key = freshKey('retry');
    const apps = [fixture.app.baseUrl, second().baseUrl];

    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => placeOrder(apps[i % 2]!, buyer!.token, body, key)));

    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(201));
    const ids = new Set(answers.map((res) => res.body.id));
    expect(ids.size).toBe(1);
    expect(new Set(answers.map((res) => res.body.orderNo)).size).toBe(1);
    // All but the copy that created it say they are replays.
    expect(answers.filter((res) => res.headers.get('idempotent-replayed') === 'true').length).toBe(19);

    const { orders, stockMovements } = schema;
    const rows = await db().select({ id: orders.id }).from(orders).where(and(eq(orders.customerId, buyer!.userId), eq(orders.idempotencyKey, key)));
    expect(rows.map((row) => row.id)).toEqual([...ids]);
    expect((await db().select({ id: orders.id }).from(orders).where(eq(orders.customerId, buyer!.userId))).length).toBe(1);
    expect(await stockOf(db(), [a, b])).toEqual({ [a]: 8, [b]: 7 });
    const reserves = await db()
      .select({ skuId: stockMovements.skuId, quantity: stockMovements.quantity })
      .from(stockMovements)
      .where(and(eq(stockMovements.orderId, [...ids][0]!), eq(stockMovements.type, 'reserve')));
    expect(reserves.sort((x, y) => x.skuId - y.skuId)).toEqual([
      { skuId: a, quantity: -2 },
      { skuId: b, quantity: -3 },
    ]);
    expect(await ledgerProblems(db(), teamId)).toEqual([]);

    // The same key with another request is refused and changes nothing.
    const before = await orderBooks(db(), [a, b]);
    const reused = await placeOrder(second().baseUrl, buyer!.token, { ...body, items: [{ skuId: a, quantity: 1 }] }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await orderBooks(db(), [a, b])).toEqual(before);
  });

  it('should keep keys per customer: two customers may use the same key for their own orders', async () => {
    const teamId = await teamIdOf(db(), 'tiantian-yunying-1');
    const { skuIds } = await createBareProduct(db(), teamId);
    const skuId = skuIds[0]!;
    await receiveStock(fixture.app.baseUrl, teamId, skuId, 5);
    const buyers = await createCustomers(db(), 2, '同键');
    const key = freshKey('shared');
    const body: PlaceOrderBody = { items: [{ skuId, quantity: 1 }], delivery: { method: 'pickup' } };
    const [first, other] = await Promise.all(buyers.map((buyer, i) => placeOrder([fixture.app.baseUrl, second().baseUrl][i]!, buyer.token, body, key)));
    expect([first!.status, other!.status]).toEqual([201, 201]);
    expect(first!.body.id).not.toBe(other!.body.id);
    expect(await stockOf(db(), [skuId])).toEqual({ [skuId]: 3 });
  });
});
