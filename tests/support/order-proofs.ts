import { schema, type Db } from '@qiaodu/db';
import type { OrderDetail, PlaceOrderBody } from '@qiaodu/shared';
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import { authed, loginAs, type Answer } from './auth';
import { getJson, type JsonResponse } from './test-app';

const { orderEvents, orderItems, orderParcels, orders, skus, stockMovements } = schema;

let keySeq = 0;
/** An Idempotency-Key no other request of this process used. */
export function freshKey(prefix = 'k'): string {
  keySeq += 1;
  return `${prefix}-${process.pid}-${keySeq}-${Math.random().toString(36).slice(2, 10)}`;
}

/** POST /api/orders as the holder of `token`; `key: null` sends no Idempotency-Key at all. */
export function placeOrder(
  baseUrl: string,
  token: string,
  body: unknown,
  key: string | null = freshKey(),
): Promise<JsonResponse<Answer<OrderDetail>>> {
  const init = authed(token, body);
  const headers = { ...(init.headers as Record<string, string>), ...(key === null ? {} : { 'idempotency-key': key }) };
  return getJson<Answer<OrderDetail>>(`${baseUrl}/api/orders`, { ...init, method: 'POST', headers });
}

/** One unit of each SKU, collected at the campus pickup point. */
export function pickupOf(...skuIds: number[]): PlaceOrderBody {
  return { items: skuIds.map((skuId) => ({ skuId, quantity: 1 })), delivery: { method: 'pickup' } };
}

/** Books stock in through the console as a team member (a `receive` ledger row). */
export async function receiveStock(baseUrl: string, teamId: number, skuId: number, quantity: number, persona = 'student-tiantian'): Promise<void> {
  const token = await loginAs(baseUrl, persona);
  const res = await getJson(`${baseUrl}/api/console/teams/${teamId}/stock/receipts`, {
    method: 'POST',
    ...authed(token, { skuId, quantity, unitCostFen: 500 }),
  });
  if (res.status !== 201) throw new Error(`stock receipt: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Available stock of each SKU, by id. */
export async function stockOf(db: Db, skuIds: readonly number[]): Promise<Record<number, number>> {
  const rows = await db.select({ id: skus.id, stock: skus.stockAvailable }).from(skus).where(inArray(skus.id, [...skuIds])).orderBy(asc(skus.id));
  return Object.fromEntries(rows.map((row) => [row.id, row.stock]));
}

/** Sum of each SKU's ledger rows, by id (must equal its available stock). */
export async function ledgerSumOf(db: Db, skuIds: readonly number[]): Promise<Record<number, number>> {
  const rows = await db
    .select({ id: stockMovements.skuId, total: sql<number>`coalesce(sum(${stockMovements.quantity}), 0)::int` })
    .from(stockMovements)
    .where(inArray(stockMovements.skuId, [...skuIds]))
    .groupBy(stockMovements.skuId);
  const sums = Object.fromEntries(skuIds.map((id) => [id, 0]));
  for (const row of rows) sums[row.id] = row.total;
  return sums;
}

/**
 * Everything an order request could write, as plain numbers: row counts of the order tables and
 * the ledger, and each SKU's stock and sales. A refused request must leave it exactly as it was.
 */
export async function orderBooks(db: Db, skuIds: readonly number[]): Promise<string> {
  const tables = { orders, orderItems, orderParcels, orderEvents, stockMovements };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) counts[name] = (await db.select({ n: count() }).from(table))[0]!.n;
  const skuRows = skuIds.length
    ? await db
        .select({ id: skus.id, stock: skus.stockAvailable, sales: skus.salesCount })
        .from(skus)
        .where(inArray(skus.id, [...skuIds]))
        .orderBy(asc(skus.id))
    : [];
  const statuses = await db.select({ status: orders.status, n: count() }).from(orders).groupBy(orders.status).orderBy(asc(orders.status));
  return JSON.stringify({ counts, skus: skuRows, statuses });
}

/** The order rows of one customer. */
export async function ordersOf(db: Db, customerId: number) {
  return db.select().from(orders).where(eq(orders.customerId, customerId)).orderBy(asc(orders.id));
}
