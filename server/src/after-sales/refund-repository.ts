import { schema, type Db, type Tx } from '@qiaodu/db';
import { REFUND_TRANSITIONS, type RefundEventAction, type RefundStatus, type RefundTransition } from '@qiaodu/shared';
import { and, asc, count, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

const { orderItems, orderParcels, orders, refundEvents, refundItems, refunds, teams, users } = schema;

type Executor = Db | Tx;

/** A refund that still holds its units: nobody may ask for them again until it ends. */
export const OPEN_REFUND_STATUSES = ['requested', 'approved', 'failed'] as const satisfies readonly RefundStatus[];

// ---------------------------------------------------------------------------------------------
// The order behind a request

/** The customer's own order, locked (as lockOrderRow): refunds of one order are created one request at a time. */
export async function lockCustomerOrder(tx: Tx, orderId: number, customerId: number) {
  const [row] = await tx
    .select({
      id: orders.id,
      orderNo: orders.orderNo,
      status: orders.status,
      deliveryMethod: orders.deliveryMethod,
      shippingFen: orders.shippingFen,
      paidFen: orders.paidFen,
      refundedFen: orders.refundedFen,
      completedAt: orders.completedAt,
    })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)))
    .for('no key update');
  return row;
}

export async function customerOwnsOrder(db: Executor, orderId: number, customerId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)));
  return row !== undefined;
}

export async function findOrderItemsForRefund(db: Executor, orderId: number) {
  return db
    .select({
      id: orderItems.id,
      teamId: orderItems.teamId,
      skuId: orderItems.skuId,
      unitPriceFen: orderItems.unitPriceFen,
      quantity: orderItems.quantity,
      refundedQuantity: orderItems.refundedQuantity,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.id));
}

/** Units of each order item held by open refunds (requested, approved or failed). */
export async function openRefundUnits(db: Executor, orderId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ orderItemId: refundItems.orderItemId, units: sql<number>`sum(${refundItems.quantity})`.mapWith(Number) })
    .from(refundItems)
    .innerJoin(refunds, eq(refunds.id, refundItems.refundId))
    .where(and(eq(refunds.orderId, orderId), inArray(refunds.status, [...OPEN_REFUND_STATUSES])))
    .groupBy(refundItems.orderItemId);
  return new Map(rows.map((row) => [row.orderItemId, row.units]));
}

/** What the order's refunds already hold or returned: open amounts, and whether shipping went with one. */
export async function refundTotalsOfOrder(db: Executor, orderId: number) {
  const [row] = await db
    .select({
      openFen: sql<number>`coalesce(sum(${refunds.amountFen}) filter (where ${inArray(refunds.status, [...OPEN_REFUND_STATUSES])}), 0)`.mapWith(Number),
      shippingClaimed: sql<boolean>`coalesce(bool_or(${refunds.shippingFen} > 0 and ${inArray(refunds.status, [...OPEN_REFUND_STATUSES, 'refunded'])}), false)`,
      count: count(),
    })
    .from(refunds)
    .where(eq(refunds.orderId, orderId));
  return { openFen: row?.openFen ?? 0, shippingClaimed: row?.shippingClaimed === true, count: row?.count ?? 0 };
}

/** Whether any of the order's goods have left the shop (a parcel shipped or handed over). */
export async function anyParcelLeft(db: Executor, orderId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: orderParcels.id })
    .from(orderParcels)
    .where(and(eq(orderParcels.orderId, orderId), or(isNotNull(orderParcels.shippedAt), isNotNull(orderParcels.pickedUpAt))))
    .limit(1);
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Writing refunds

export async function insertRefund(tx: Tx, values: typeof refunds.$inferInsert): Promise<number> {
  const [row] = await tx.insert(refunds).values(values).returning({ id: refunds.id });
  if (!row) throw new Error('insert into refunds returned no row');
  return row.id;
}

export async function insertRefundItems(tx: Tx, rows: (typeof refundItems.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(refundItems).values(rows);
}

export interface RefundEventInput {
  refundId: number;
  action: RefundEventAction;
  from: RefundStatus | null;
  to: RefundStatus | null;
  actorKind: 'customer' | 'team' | 'system';
  actorId: number | null;
  shiftId?: number | null;
  note?: string;
  at: Date;
}

export async function insertRefundEvent(tx: Tx, event: RefundEventInput): Promise<void> {
  await tx.insert(refundEvents).values({
    refundId: event.refundId,
    action: event.action,
    fromStatus: event.from,
    toStatus: event.to,
    actorKind: event.actorKind,
    actorId: event.actorId,
    shiftId: event.shiftId ?? null,
    note: event.note ?? '',
    createdAt: event.at,
  });
}

/**
 * Moves a refund only if it is still in one of `from` (and matches `where`): of two racing
 * movers exactly one gets the row back; the other gets undefined and answers 409.
 */
export async function moveRefund(
  tx: Tx,
  refundId: number,
  from: readonly RefundStatus[],
  set: Partial<typeof refunds.$inferInsert>,
  where?: SQL,
) {
  const [row] = await tx
    .update(refunds)
    .set(set)
    .where(and(eq(refunds.id, refundId), inArray(refunds.status, [...from]), where))
    .returning({ id: refunds.id, status: refunds.status, orderId: refunds.orderId, teamId: refunds.teamId, amountFen: refunds.amountFen });
  return row;
}

/**
 * The one way a refund changes state, as the shared table (REFUND_TRANSITIONS) has it: a
 * conditional update from the transition's `from` states (and `where`), and its timeline row
 * in the same transaction. Answers the moved row, or undefined when the refund was no longer
 * in those states (the caller answers 409).
 */
export async function transitionRefund(
  tx: Tx,
  input: {
    refundId: number;
    transition: RefundTransition;
    by: { kind: 'customer' | 'team' | 'system'; actorId: number | null; shiftId?: number | null };
    at: Date;
    set?: Partial<typeof refunds.$inferInsert>;
    where?: SQL;
    note?: string;
  },
) {
  const rule = REFUND_TRANSITIONS[input.transition];
  const moved = await moveRefund(tx, input.refundId, rule.from, { ...input.set, status: rule.to, updatedAt: input.at }, input.where);
  if (!moved) return undefined;
  // Every transition in the table has a single `from`: the state it left is known.
  await insertRefundEvent(tx, {
    refundId: input.refundId,
    action: input.transition,
    from: rule.from[0],
    to: rule.to,
    actorKind: input.by.kind,
    actorId: input.by.actorId,
    shiftId: input.by.shiftId,
    note: input.note,
    at: input.at,
  });
  return moved;
}

// ---------------------------------------------------------------------------------------------
// Reading refunds

const decider = alias(users, 'refund_decider');
const customer = alias(users, 'refund_customer');

export interface RefundFilter {
  refundId?: number;
  orderId?: number;
  customerId?: number;
  teamId?: number;
  status?: RefundStatus;
  statuses?: readonly RefundStatus[];
}

function refundConditions(filter: RefundFilter): SQL | undefined {
  return and(
    filter.refundId === undefined ? undefined : eq(refunds.id, filter.refundId),
    filter.orderId === undefined ? undefined : eq(refunds.orderId, filter.orderId),
    filter.customerId === undefined ? undefined : eq(refunds.customerId, filter.customerId),
    filter.teamId === undefined ? undefined : eq(refunds.teamId, filter.teamId),
    filter.status === undefined ? undefined : eq(refunds.status, filter.status),
    filter.statuses === undefined ? undefined : inArray(refunds.status, [...filter.statuses]),
  );
}

/** Refunds newest first, with their order number, team, decider and customer names. */
export async function findRefunds(db: Executor, filter: RefundFilter, page: { limit: number; offset: number } = { limit: 1000, offset: 0 }) {
  return db
    .select({
      id: refunds.id,
      refundNo: refunds.refundNo,
      orderId: refunds.orderId,
      orderNo: orders.orderNo,
      orderTransactionId: orders.transactionId,
      orderPaidFen: orders.paidFen,
      orderPaymentChannel: orders.paymentChannel,
      status: refunds.status,
      teamId: refunds.teamId,
      teamName: teams.name,
      customerId: refunds.customerId,
      customerName: customer.displayName,
      amountFen: refunds.amountFen,
      shippingFen: refunds.shippingFen,
      reason: refunds.reason,
      photos: refunds.photos,
      wholeOrder: refunds.wholeOrder,
      needsTeacher: refunds.needsTeacher,
      decisionComment: refunds.decisionComment,
      decidedById: refunds.decidedBy,
      decidedByName: decider.displayName,
      decidedAt: refunds.decidedAt,
      refundedAt: refunds.refundedAt,
      disposition: refunds.disposition,
      createdAt: refunds.createdAt,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .innerJoin(teams, eq(teams.id, refunds.teamId))
    .leftJoin(decider, eq(decider.id, refunds.decidedBy))
    .leftJoin(customer, eq(customer.id, refunds.customerId))
    .where(refundConditions(filter))
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(page.limit)
    .offset(page.offset);
}
export type RefundRow = Awaited<ReturnType<typeof findRefunds>>[number];

export async function findRefund(db: Executor, filter: RefundFilter & { refundId: number }): Promise<RefundRow | undefined> {
  const [row] = await findRefunds(db, filter, { limit: 1, offset: 0 });
  return row;
}

export async function countRefunds(db: Executor, filter: RefundFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(refunds).where(refundConditions(filter));
  return row?.n ?? 0;
}

/** The units of these refunds, described as they were bought. */
export async function findRefundItems(db: Executor, refundIds: readonly number[]) {
  if (refundIds.length === 0) return [];
  return db
    .select({
      refundId: refundItems.refundId,
      orderItemId: refundItems.orderItemId,
      skuId: orderItems.skuId,
      teamId: orderItems.teamId,
      title: orderItems.title,
      specs: orderItems.specs,
      image: orderItems.image,
      quantity: refundItems.quantity,
      restockedQuantity: refundItems.restockedQuantity,
    })
    .from(refundItems)
    .innerJoin(orderItems, eq(orderItems.id, refundItems.orderItemId))
    .where(inArray(refundItems.refundId, [...refundIds]))
    .orderBy(asc(refundItems.refundId), asc(refundItems.orderItemId));
}
export type RefundItemRow = Awaited<ReturnType<typeof findRefundItems>>[number];

/** A refund's timeline, oldest first, with who did each step. */
export async function findRefundEvents(db: Executor, refundId: number) {
  return db
    .select({
      action: refundEvents.action,
      fromStatus: refundEvents.fromStatus,
      toStatus: refundEvents.toStatus,
      actorKind: refundEvents.actorKind,
      actorName: users.displayName,
      note: refundEvents.note,
      createdAt: refundEvents.createdAt,
    })
    .from(refundEvents)
    .leftJoin(users, eq(users.id, refundEvents.actorId))
    .where(eq(refundEvents.refundId, refundId))
    .orderBy(asc(refundEvents.id));
}
export type RefundEventRow = Awaited<ReturnType<typeof findRefundEvents>>[number];

// ---------------------------------------------------------------------------------------------
// Settling a refund's money and goods

/** Units refunded go back off the order's lines: what is left may still be asked for. */
export async function addRefundedUnits(tx: Tx, items: readonly { orderItemId: number; quantity: number }[]): Promise<void> {
  for (const item of items) {
    await tx
      .update(orderItems)
      .set({ refundedQuantity: sql`${orderItems.refundedQuantity} + ${item.quantity}::integer` })
      .where(eq(orderItems.id, item.orderItemId));
  }
}

/**
 * NO KEY UPDATE: what every order mover's UPDATE takes, so they queue behind it, while rows
 * that merely reference the order (timeline entries) may still be written.
 */
export async function lockOrderRow(tx: Tx, orderId: number): Promise<void> {
  await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId)).for('no key update');
}

export async function addRefundedFen(tx: Tx, orderId: number, amountFen: number, at: Date) {
  const [row] = await tx
    .update(orders)
    .set({ refundedFen: sql`${orders.refundedFen} + ${amountFen}::integer`, updatedAt: at })
    .where(eq(orders.id, orderId))
    .returning({ status: orders.status, deliveryMethod: orders.deliveryMethod, paidFen: orders.paidFen, refundedFen: orders.refundedFen });
  if (!row) throw new Error(`order ${orderId} vanished while its refund settled`);
  return row;
}

export async function setRestocked(tx: Tx, refundId: number, restock: boolean): Promise<void> {
  await tx
    .update(refundItems)
    .set({ restockedQuantity: restock ? sql`${refundItems.quantity}` : 0 })
    .where(eq(refundItems.refundId, refundId));
}
