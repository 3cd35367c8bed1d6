import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { refundSummariesOfOrder } from '../after-sales/refund-summaries';
import type { OrderBundle } from './order-mapper';

const { orders, orderItems, orderParcels, orderEvents, refunds, refundItems, teams, users } = schema;

/** Refunds that still hold their units: asked for, being paid out, or failed and retryable. */
export const OPEN_REFUND_STATUSES = ['requested', 'approved', 'failed'] as const;

type OrderRow = typeof orders.$inferSelect;

/**
 * Reads orders into bundles for the mapper. `full` adds what only the detail shows (parcels,
 * timeline, refunds); summaries of a list page get items and open refund units only. Every
 * part is one query for all the orders asked for.
 */
export async function readOrderBundles(db: Db | Tx, rows: readonly OrderRow[], options: { full: boolean }): Promise<OrderBundle[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [items, openUnits, parcels, events] = await Promise.all([
    db
      .select({ item: orderItems, teamName: teams.name })
      .from(orderItems)
      .innerJoin(teams, eq(teams.id, orderItems.teamId))
      .where(inArray(orderItems.orderId, ids))
      .orderBy(asc(orderItems.id)),
    db
      .select({ orderItemId: refundItems.orderItemId, units: sql<number>`sum(${refundItems.quantity})::integer` })
      .from(refundItems)
      .innerJoin(refunds, eq(refunds.id, refundItems.refundId))
      .where(and(inArray(refunds.orderId, ids), inArray(refunds.status, [...OPEN_REFUND_STATUSES])))
      .groupBy(refundItems.orderItemId),
    options.full
      ? db
          .select({ parcel: orderParcels, teamName: teams.name })
          .from(orderParcels)
          .innerJoin(teams, eq(teams.id, orderParcels.teamId))
          .where(inArray(orderParcels.orderId, ids))
          .orderBy(asc(orderParcels.teamId))
      : Promise.resolve([]),
    options.full
      ? db
          .select({ event: orderEvents, staffName: users.displayName, teamName: teams.name })
          .from(orderEvents)
          .leftJoin(users, eq(users.id, orderEvents.actorId))
          .leftJoin(teams, eq(teams.id, orderEvents.teamId))
          .where(inArray(orderEvents.orderId, ids))
          .orderBy(asc(orderEvents.id))
      : Promise.resolve([]),
  ]);
  const refundLists = options.full ? await Promise.all(ids.map((id) => refundSummariesOfOrder(db, id))) : ids.map(() => []);
  const units = new Map(openUnits.map((row) => [row.orderItemId, row.units]));
  return rows.map((order, index) => {
    const own = items.filter((row) => row.item.orderId === order.id);
    return {
      order,
      items: own.map((row) => ({ ...row.item, teamName: row.teamName })),
      parcels: parcels.filter((row) => row.parcel.orderId === order.id).map((row) => ({ ...row.parcel, teamName: row.teamName })),
      events: events
        .filter((row) => row.event.orderId === order.id)
        .map((row) => ({ ...row.event, staffName: row.staffName, teamName: row.teamName })),
      openRefundUnits: new Map(own.filter((row) => units.has(row.item.id)).map((row) => [row.item.id, units.get(row.item.id)!])),
      refunds: refundLists[index]!,
    };
  });
}

/** The caller's own order, or null (another customer's order is as good as absent). */
export async function findOwnOrder(db: Db | Tx, customerId: number, orderId: number): Promise<OrderRow | null> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)));
  return row ?? null;
}
