import { schema } from '@qiaodu/db';
import type { TeamOrderQueue } from '@qiaodu/shared';
import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';

const { orderItems, orderParcels, orders } = schema;

/**
 * The team's parcel still holds goods to hand over: some unit of its items is not refunded.
 * A parcel whose every unit was refunded has nothing to ship or prepare, so it neither waits
 * in a queue nor holds the order back from shipped / ready / completed.
 */
export const parcelHasGoods = sql`exists (select 1 from ${orderItems}
  where ${orderItems.orderId} = ${orderParcels.orderId} and ${orderItems.teamId} = ${orderParcels.teamId}
  and ${orderItems.quantity} > ${orderItems.refundedQuantity})`;

const express = eq(orders.deliveryMethod, 'express');
const pickup = eq(orders.deliveryMethod, 'pickup');

/**
 * Which of the team's orders each console queue holds (the team's parcel joined to its order).
 * Every queue is also limited to paid orders: a team does not pack what is not paid.
 */
export const QUEUE_CONDITIONS: Record<TeamOrderQueue, SQL> = {
  to_ship: and(express, inArray(orders.status, ['paid', 'partially_shipped']), isNull(orderParcels.shippedAt), parcelHasGoods)!,
  to_prepare: and(pickup, eq(orders.status, 'paid'), isNull(orderParcels.readyAt), parcelHasGoods)!,
  awaiting_pickup: and(pickup, inArray(orders.status, ['paid', 'ready_for_pickup']), isNotNull(orderParcels.readyAt), isNull(orderParcels.pickedUpAt), parcelHasGoods)!,
  shipped: and(express, isNotNull(orderParcels.shippedAt), inArray(orders.status, ['partially_shipped', 'shipped']))!,
  done: or(eq(orders.status, 'completed'), eq(orders.status, 'cancelled'))!,
  all: sql`true`,
};

/** Work queues serve the longest-waiting customer first; the rest show the latest first. */
export const OLDEST_FIRST_QUEUES: readonly TeamOrderQueue[] = ['to_ship', 'to_prepare'];

/** The team's parcels of paid orders (unpaid and never-paid cancelled orders never show). */
export function teamPaidParcels(teamId: number): SQL {
  return and(eq(orderParcels.teamId, teamId), isNotNull(orders.paidAt))!;
}
