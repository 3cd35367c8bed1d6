import { schema, type Tx } from '@qiaodu/db';
import type { DeliveryMethod, OrderStatus } from '@qiaodu/shared';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { transitionOrder } from '../orders/timeline';
import { countParcelsAwaiting, type ParcelStep } from './repository';
import { parcelHasGoods } from './queues';

const { orderParcels } = schema;

/**
 * Parcels whose goods are all refunded hold nothing back (countParcelsAwaiting skips them), but
 * a team step is what moves the order: if a refund takes back the goods of the last parcel the
 * order was waiting for after the others had shipped, been prepared or handed over, no team
 * step is left to take and the order would wait for ever (partially_shipped never auto-completes).
 * The settling refund takes that step for them, as the server, under the order's row lock.
 *
 * Nothing moves when no goods are left at all in an order that had none leave yet: a paid
 * order is not "shipped" or "ready" with nothing in it (the full refund closes those).
 */
const NEXT: Partial<Record<OrderStatus, { step: ParcelStep; transition: 'ship_rest' | 'ready_for_pickup' | 'pick_up'; needs: 'taken' | 'goods' }>> = {
  // Something shipped already (that is what partially_shipped means).
  partially_shipped: { step: 'shipped', transition: 'ship_rest', needs: 'taken' },
  // Ready only with goods to hand over.
  paid: { step: 'ready', transition: 'ready_for_pickup', needs: 'goods' },
  // Completed only when some goods were handed over.
  ready_for_pickup: { step: 'pickedUp', transition: 'pick_up', needs: 'taken' },
};

const STEP_COLUMNS = { shipped: orderParcels.shippedAt, ready: orderParcels.readyAt, pickedUp: orderParcels.pickedUpAt } as const;

export async function advancePastRefundedParcels(
  tx: Tx,
  order: { id: number; status: OrderStatus; deliveryMethod: DeliveryMethod },
  now: Date,
): Promise<void> {
  const next = NEXT[order.status];
  if (!next) return;
  if (next.step === 'shipped' ? order.deliveryMethod !== 'express' : order.deliveryMethod !== 'pickup') return;
  if ((await countParcelsAwaiting(tx, order.id, next.step)) > 0) return;
  const needed = next.needs === 'goods' ? parcelHasGoods : isNotNull(STEP_COLUMNS[next.step]);
  const [some] = await tx
    .select({ n: sql<number>`count(*)::integer` })
    .from(orderParcels)
    .where(and(eq(orderParcels.orderId, order.id), needed));
  if (!some || some.n === 0) return;
  const note = '其余商品已全部退款';
  const set = next.transition === 'ship_rest' ? { shippedAt: now } : next.transition === 'pick_up' ? { completedAt: now } : undefined;
  await transitionOrder(tx, { orderId: order.id, transition: next.transition, by: { kind: 'system', note }, at: now, note, set });
}
