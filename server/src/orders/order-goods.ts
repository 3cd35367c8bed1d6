import { schema, type Tx } from '@qiaodu/db';
import { eq } from 'drizzle-orm';
import { lockSkusForMoves } from '../inventory/ledger';

const { orderItems } = schema;

/**
 * An order's lines, with the ledger's locks on their products and SKUs taken (by id), as every
 * move of an order's goods or money needs before it touches the order row: payment, cancel
 * and expiry then queue on the same locks instead of deadlocking. Lines never change once
 * placed, so reading them before the locks is safe.
 */
export async function lockOrderGoods(tx: Tx, orderId: number) {
  const lines = await tx
    .select({ skuId: orderItems.skuId, teamId: orderItems.teamId, quantity: orderItems.quantity })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId));
  await lockSkusForMoves(
    tx,
    lines.map((line) => line.skuId),
  );
  return lines;
}
