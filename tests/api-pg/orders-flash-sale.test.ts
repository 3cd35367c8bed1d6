import { schema } from '@qiaodu/db';
import type { PlaceOrderBody } from '@qiaodu/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSecondApp, useSeededApp } from '../support/app-fixture';
import { createCustomers } from '../support/customers';
import { createBareProduct, ledgerProblems, teamIdOf } from '../support/inventory';
import { ledgerSumOf, placeOrder, receiveStock, stockOf } from '../support/order-proofs';
import { TEST_DATABASE_URL } from '../support/test-database';

/**
 * PostgreSQL only: the 端午节 flash sale. 300 different customers press 提交订单 for one SKU
 * with 50 units at the same moment, through two API instances with their own connection
 * pools (as two server processes behind the load balancer). Exactly 50 get an order; the rest
 * are told it is sold out; the ledger shows 50 reservations of one unit each, chained 49…0.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const second = useSecondApp(fixture);

const BUYERS = 300;
const UNITS = 50;

describe('flash sale on one SKU on PostgreSQL', () => {
  it('should sell exactly the stock to 300 simultaneous buyers and refuse the rest with OUT_OF_STOCK', async () => {
    const teamId = await teamIdOf(db(), 'tiantian-yunying-1');
    const { skuIds } = await createBareProduct(db(), teamId, { title: '端午节限量粽子礼盒' });
    const skuId = skuIds[0]!;
    await receiveStock(fixture.app.baseUrl, teamId, skuId, UNITS);
    const buyers = await createCustomers(db(), BUYERS);

    // Half ship by express to their own address, half collect at the pickup point.
    const bodyOf = (i: number): PlaceOrderBody => ({
      items: [{ skuId, quantity: 1 }],
      delivery: i % 2 === 0 ? { method: 'express', addressId: buyers[i]!.addressId } : { method: 'pickup' },
    });
    const apps = [fixture.app.baseUrl, second().baseUrl];
    const answers = await Promise.all(buyers.map((buyer, i) => placeOrder(apps[i % 2]!, buyer.token, bodyOf(i))));

    const unexpected = answers.filter((res) => res.status !== 201 && !(res.status === 409 && res.body.error?.code === 'OUT_OF_STOCK'));
    expect(unexpected.map((res) => [res.status, res.body])).toEqual([]);
    const won = answers.filter((res) => res.status === 201);
    const lost = answers.filter((res) => res.status === 409);
    expect(won.length).toBe(UNITS);
    expect(lost.length).toBe(BUYERS - UNITS);
    // The refusal says which SKU and how many are left.
    for (const res of lost) {
      expect(res.body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body.error?.details).toEqual({ skus: [{ skuId, requested: 1, available: 0 }] });
    }
    for (const res of won) {
      expect(res.body.status).toBe('pending_payment');
      expect(res.body.items.map((item) => [item.skuId, item.quantity])).toEqual([[skuId, 1]]);
    }

    // The books: no stock left, the ledger sums to it, 50 reservations of −1 for 50 orders.
    expect(await stockOf(db(), [skuId])).toEqual({ [skuId]: 0 });
    expect(await ledgerSumOf(db(), [skuId])).toEqual({ [skuId]: 0 });
    const { stockMovements, orders, orderItems } = schema;
    const reserves = await db()
      .select({ quantity: stockMovements.quantity, balanceAfter: stockMovements.balanceAfter, orderId: stockMovements.orderId })
      .from(stockMovements)
      .where(and(eq(stockMovements.skuId, skuId), eq(stockMovements.type, 'reserve')))
      .orderBy(asc(stockMovements.id));
    expect(reserves.length).toBe(UNITS);
    expect(reserves.every((row) => row.quantity === -1)).toBe(true);
    expect(reserves.map((row) => row.balanceAfter)).toEqual(Array.from({ length: UNITS }, (_, i) => UNITS - 1 - i));
    const reservedFor = reserves.map((row) => row.orderId);
    expect(new Set(reservedFor).size).toBe(UNITS);
    expect(reservedFor.filter((id) => id === null)).toEqual([]);
    expect(new Set(reservedFor)).toEqual(new Set(won.map((res) => res.body.id)));

    // One order per winning buyer, each with the one line; nobody else has an order row.
    const placed = await db()
      .select({ id: orders.id, customerId: orders.customerId, status: orders.status })
      .from(orders)
      .where(inArray(orders.customerId, buyers.map((buyer) => buyer.userId)));
    expect(placed.length).toBe(UNITS);
    expect(new Set(placed.map((row) => row.customerId)).size).toBe(UNITS);
    expect(placed.every((row) => row.status === 'pending_payment')).toBe(true);
    const lines = await db().select({ orderId: orderItems.orderId, quantity: orderItems.quantity }).from(orderItems).where(eq(orderItems.skuId, skuId));
    expect(lines.length).toBe(UNITS);
    expect(lines.every((line) => line.quantity === 1)).toBe(true);
    expect(await ledgerProblems(db(), teamId)).toEqual([]);
  });
});
