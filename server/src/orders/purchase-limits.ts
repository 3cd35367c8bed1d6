import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';

const { orders, orderItems } = schema;

/**
 * Units of each product this customer has bought or holds in unpaid orders (cancelled orders
 * and refunded units do not count): what 限购 compares against.
 */
export async function purchasedUnits(db: Db | Tx, customerId: number, productIds: readonly number[]): Promise<Map<number, number>> {
  const units = await purchasedUnitsOfCustomers(db, [customerId], productIds);
  return new Map([...units].map(([key, value]) => [Number(key.split(':')[1]), value]));
}

/**
 * The same for several customers at once (a batch of placements), keyed `customerId:productId`.
 * Read under the products' locks, it cannot miss an order placed concurrently: every placement
 * of these products takes the same locks first.
 */
export async function purchasedUnitsOfCustomers(
  db: Db | Tx,
  customerIds: readonly number[],
  productIds: readonly number[],
): Promise<Map<string, number>> {
  if (customerIds.length === 0 || productIds.length === 0) return new Map();
  const rows = await db
    .select({
      customerId: orders.customerId,
      productId: orderItems.productId,
      units: sql<number>`sum(${orderItems.quantity} - ${orderItems.refundedQuantity})::integer`,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(
      and(
        inArray(orders.customerId, [...new Set(customerIds)]),
        ne(orders.status, 'cancelled'),
        inArray(orderItems.productId, [...new Set(productIds)]),
      ),
    )
    .groupBy(orders.customerId, orderItems.productId);
  return new Map(rows.map((row) => [`${row.customerId}:${row.productId}`, Number(row.units)]));
}
