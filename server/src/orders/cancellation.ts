import type { Tx } from '@qiaodu/db';
import type { SQL } from 'drizzle-orm';
import { applyStockMovesInBulk } from '../inventory/ledger';
import { lockOrderGoods } from './order-goods';
import { transitionOrder, type OrderMover } from './timeline';

/**
 * Cancels an unpaid order and gives its reserved units back, exactly once: the customer's
 * 取消订单 and the expiry job both come here. Lock order as everywhere: the products and SKUs
 * first (by id), the order row last (its conditional UPDATE in transitionOrder). Payment takes
 * the same locks in the same order, so a payment and an expiry of one order queue up instead
 * of deadlocking, and whichever moves the order second gets INVALID_STATE and changes nothing.
 */
export async function cancelUnpaidOrder(
  tx: Tx,
  input: { orderId: number; transition: 'cancel' | 'expire'; by: OrderMover; at: Date; reason: string; where?: SQL },
): Promise<void> {
  const lines = await lockOrderGoods(tx, input.orderId);
  await transitionOrder(tx, {
    orderId: input.orderId,
    transition: input.transition,
    by: input.by,
    at: input.at,
    note: input.reason,
    set: { cancelledAt: input.at, cancelReason: input.reason },
    where: input.where,
  });
  await applyStockMovesInBulk(
    tx,
    lines.map((line) => ({
      skuId: line.skuId,
      teamId: line.teamId,
      type: 'release' as const,
      quantity: line.quantity,
      orderId: input.orderId,
      actorId: input.by.kind === 'system' ? null : input.by.userId,
    })),
    input.at,
  );
}
