import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';

const { orders, orderItems } = schema;

/**
 * Units of each product this customer has bought or holds in unpaid orders (cancelled orders
 * and refunded units do not count): what 限购 compares against.
 */
export async function purchasedUnits(db: Db | Tx, customerId: number, productIds: readonly number[]): Promise<Map<number, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .select({ productId: orderItems.productId, units: sql<number>`sum(${orderItems.quantity} - ${orderItems.refundedQuantity})::integer` })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orders.customerId, customerId), ne(orders.status, 'cancelled'), inArray(orderItems.productId, [...new Set(productIds)])))
    .groupBy(orderItems.productId);
  return new Map(rows.map((row) => [row.productId, row.units]));
}
