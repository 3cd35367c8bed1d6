import { schema, type Db, type Tx } from '@qiaodu/db';
import { TEAM_ORDER_QUEUES, type TeamOrderQueue } from '@qiaodu/shared';
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { OPEN_REFUND_STATUSES } from '../orders/order-reader';
import { OLDEST_FIRST_QUEUES, parcelHasGoods, QUEUE_CONDITIONS, teamPaidParcels } from './queues';

const { orderEvents, orderItems, orderParcels, orders, personalDataAccessLog, refundItems, refunds, teams, users } = schema;

type Executor = Db | Tx;

/** What a team's view of an order is built from: the order and the team's parcel. */
const teamOrderColumns = {
  id: orders.id,
  orderNo: orders.orderNo,
  status: orders.status,
  deliveryMethod: orders.deliveryMethod,
  customerId: orders.customerId,
  paidAt: orders.paidAt,
  createdAt: orders.createdAt,
  remark: orders.remark,
  recipientName: orders.recipientName,
  recipientPhone: orders.recipientPhone,
  province: orders.province,
  city: orders.city,
  county: orders.county,
  addressDetail: orders.addressDetail,
  parcelId: orderParcels.id,
  teamId: orderParcels.teamId,
  carrier: orderParcels.carrier,
  trackingNo: orderParcels.trackingNo,
  shippedAt: orderParcels.shippedAt,
  readyAt: orderParcels.readyAt,
  pickedUpAt: orderParcels.pickedUpAt,
  labelPrintedAt: orderParcels.labelPrintedAt,
};

function selectTeamOrders(db: Executor) {
  return db.select(teamOrderColumns).from(orderParcels).innerJoin(orders, eq(orders.id, orderParcels.orderId));
}
export type TeamOrderRow = Awaited<ReturnType<ReturnType<typeof selectTeamOrders>['execute']>>[number];

/** One page of a queue, in the queue's order. */
export function findQueuePage(db: Executor, teamId: number, queue: TeamOrderQueue, page: { limit: number; offset: number }) {
  const order = OLDEST_FIRST_QUEUES.includes(queue) ? [asc(orders.paidAt), asc(orders.id)] : [desc(orders.paidAt), desc(orders.id)];
  return selectTeamOrders(db)
    .where(and(teamPaidParcels(teamId), QUEUE_CONDITIONS[queue]))
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
}

/** How many of the team's orders wait in every queue, in one pass over its parcels. */
export async function countQueues(db: Executor, teamId: number): Promise<Record<TeamOrderQueue, number>> {
  const columns = Object.fromEntries(
    TEAM_ORDER_QUEUES.map((queue) => [queue, sql<number>`(count(*) filter (where ${QUEUE_CONDITIONS[queue]}))::integer`]),
  ) as Record<TeamOrderQueue, ReturnType<typeof sql<number>>>;
  // An aggregate without GROUP BY always answers one row (zeros for a team with no orders).
  const [row] = await db
    .select(columns)
    .from(orderParcels)
    .innerJoin(orders, eq(orders.id, orderParcels.orderId))
    .where(teamPaidParcels(teamId));
  return row!;
}

/** The order as this team sees it, when it holds a parcel of the team and was paid. */
export async function findTeamOrder(db: Executor, teamId: number, orderId: number): Promise<TeamOrderRow | undefined> {
  const [row] = await selectTeamOrders(db).where(and(eq(orders.id, orderId), teamPaidParcels(teamId)));
  return row;
}

/** The team's items of these orders, each with its units in open refund requests. */
export async function findTeamItems(db: Executor, teamId: number, orderIds: readonly number[]) {
  if (orderIds.length === 0) return [];
  const openUnits = db
    .select({
      orderItemId: refundItems.orderItemId,
      units: sql<number>`sum(${refundItems.quantity})::integer`.as('open_units'),
    })
    .from(refundItems)
    .innerJoin(refunds, eq(refunds.id, refundItems.refundId))
    .where(and(eq(refunds.teamId, teamId), inArray(refunds.orderId, [...orderIds]), inArray(refunds.status, [...OPEN_REFUND_STATUSES])))
    .groupBy(refundItems.orderItemId)
    .as('open_units');
  return db
    .select({
      id: orderItems.id,
      orderId: orderItems.orderId,
      skuId: orderItems.skuId,
      productId: orderItems.productId,
      skuCode: orderItems.skuCode,
      title: orderItems.title,
      specs: orderItems.specs,
      image: orderItems.image,
      unitPriceFen: orderItems.unitPriceFen,
      quantity: orderItems.quantity,
      lineFen: orderItems.lineFen,
      refundedQuantity: orderItems.refundedQuantity,
      openRefundQuantity: sql<number>`coalesce(${openUnits.units}, 0)`.mapWith(Number),
    })
    .from(orderItems)
    .leftJoin(openUnits, eq(openUnits.orderItemId, orderItems.id))
    .where(and(eq(orderItems.teamId, teamId), inArray(orderItems.orderId, [...orderIds])))
    .orderBy(asc(orderItems.orderId), asc(orderItems.id));
}
export type TeamItemRow = Awaited<ReturnType<typeof findTeamItems>>[number];

/** Orders (of these) with a refund request of the team still open. */
export async function ordersWithOpenRefunds(db: Executor, teamId: number, orderIds: readonly number[]): Promise<Set<number>> {
  if (orderIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ orderId: refunds.orderId })
    .from(refunds)
    .where(and(eq(refunds.teamId, teamId), inArray(refunds.orderId, [...orderIds]), inArray(refunds.status, [...OPEN_REFUND_STATUSES])));
  return new Set(rows.map((row) => row.orderId));
}

/** How many other teams have a parcel in each of these orders. */
export async function otherTeamCounts(db: Executor, teamId: number, orderIds: readonly number[]): Promise<Map<number, number>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .select({ orderId: orderParcels.orderId, n: sql<number>`count(*)::integer` })
    .from(orderParcels)
    .where(and(inArray(orderParcels.orderId, [...orderIds]), ne(orderParcels.teamId, teamId)))
    .groupBy(orderParcels.orderId);
  return new Map(rows.map((row) => [row.orderId, row.n]));
}

export async function findTeamName(db: Executor, teamId: number): Promise<string | undefined> {
  const [row] = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId));
  return row?.name;
}

/** The pick list's raw lines: the team's unrefunded units in orders waiting in these queues. */
export function findPickLines(db: Executor, teamId: number, queues: readonly TeamOrderQueue[]) {
  const waiting = queues.map((queue) => QUEUE_CONDITIONS[queue]);
  return db
    .select({
      orderId: orders.id,
      orderNo: orders.orderNo,
      skuId: orderItems.skuId,
      code: orderItems.skuCode,
      title: orderItems.title,
      specs: orderItems.specs,
      image: orderItems.image,
      units: sql<number>`${orderItems.quantity} - ${orderItems.refundedQuantity}`.mapWith(Number),
    })
    .from(orderParcels)
    .innerJoin(orders, eq(orders.id, orderParcels.orderId))
    .innerJoin(orderItems, and(eq(orderItems.orderId, orderParcels.orderId), eq(orderItems.teamId, orderParcels.teamId)))
    .where(and(teamPaidParcels(teamId), sql`(${sql.join(waiting, sql` or `)})`, sql`${orderItems.quantity} > ${orderItems.refundedQuantity}`))
    .orderBy(asc(orders.paidAt), asc(orders.id), asc(orderItems.id));
}

/** The order's whole timeline, with the staff's and their team's names (as its customer sees it). */
export async function findTimeline(db: Executor, orderId: number) {
  const rows = await db
    .select({ event: orderEvents, staffName: users.displayName, teamName: teams.name })
    .from(orderEvents)
    .leftJoin(users, eq(users.id, orderEvents.actorId))
    .leftJoin(teams, eq(teams.id, orderEvents.teamId))
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id));
  return rows.map((row) => ({ ...row.event, staffName: row.staffName, teamName: row.teamName }));
}

/**
 * Locks the order row (the one lock order-only steps take: products → skus → orders → the rest)
 * and then reads the team's view of it afresh, so the parcel read is the one after any mover
 * that held the lock before us.
 */
export async function lockTeamOrder(tx: Tx, teamId: number, orderId: number): Promise<TeamOrderRow | undefined> {
  const [locked] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId)).for('update');
  if (!locked) return undefined;
  return findTeamOrder(tx, teamId, orderId);
}

/** Parcel steps, by the column that records them. */
const PARCEL_STEPS = { shipped: orderParcels.shippedAt, ready: orderParcels.readyAt, pickedUp: orderParcels.pickedUpAt } as const;
export type ParcelStep = keyof typeof PARCEL_STEPS;

/** Parcels of the order with goods still waiting for this step (the order moves at zero). */
export async function countParcelsAwaiting(tx: Tx, orderId: number, step: ParcelStep): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::integer` })
    .from(orderParcels)
    .where(and(eq(orderParcels.orderId, orderId), isNull(PARCEL_STEPS[step]), parcelHasGoods));
  return row?.n ?? 0;
}

/** Records a parcel step once: false when someone recorded it first. */
export async function recordParcelStep(
  tx: Tx,
  parcelId: number,
  step: ParcelStep,
  set: Partial<typeof orderParcels.$inferInsert>,
): Promise<boolean> {
  const rows = await tx
    .update(orderParcels)
    .set(set)
    .where(and(eq(orderParcels.id, parcelId), isNull(PARCEL_STEPS[step])))
    .returning({ id: orderParcels.id });
  return rows.length > 0;
}

export async function setLabelPrinted(tx: Tx, parcelId: number, at: Date): Promise<void> {
  await tx.update(orderParcels).set({ labelPrintedAt: at }).where(eq(orderParcels.id, parcelId));
}

export async function insertAccessLog(tx: Tx, entry: typeof personalDataAccessLog.$inferInsert): Promise<void> {
  await tx.insert(personalDataAccessLog).values(entry);
}

/**
 * The open pickup order with this code in which the team still has goods to hand over. Codes
 * are unique among open pickup orders, so there is at most one.
 */
export async function findPickupOrder(tx: Tx, teamId: number, code: string) {
  const [row] = await tx
    .select({ id: orders.id, status: orders.status })
    .from(orders)
    .innerJoin(orderParcels, and(eq(orderParcels.orderId, orders.id), eq(orderParcels.teamId, teamId)))
    .where(
      and(
        eq(orders.pickupCode, code),
        eq(orders.deliveryMethod, 'pickup'),
        inArray(orders.status, ['paid', 'ready_for_pickup']),
        isNull(orderParcels.pickedUpAt),
        parcelHasGoods,
      ),
    )
    .limit(1);
  return row;
}
