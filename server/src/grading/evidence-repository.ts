import { schema, type Db } from '@qiaodu/db';
import { PICK_ERROR_REASON_PATTERN, type ProductActivityAction } from '@qiaodu/shared';
import { and, eq, inArray, isNotNull, sql, type AnyColumn } from 'drizzle-orm';

const {
  attendanceCorrections,
  liveSessions,
  orderItems,
  orderParcels,
  orders,
  productActivity,
  refunds,
  stockCountLines,
  stockCounts,
  stockMovements,
} = schema;

/**
 * What a student did on one place, read from the attribution columns every staff action
 * writes: the student's own actions (actor = the student) in that shift (shift id = the
 * place's shift). Each query is one aggregate over an index on the shift id.
 */
export interface PlaceKey {
  assignmentId: number;
  shiftId: number;
  studentId: number;
}

const count = () => sql<number>`count(*)`.mapWith(Number);
/** The median of minutes, rounded to whole minutes; null over no rows. */
const medianMinutes = (from: AnyColumn, to: AnyColumn) =>
  sql<number | null>`round((percentile_cont(0.5) within group (order by extract(epoch from (${to} - ${from})) / 60))::numeric)::int`;

export async function shippingFigures(db: Db, place: PlaceKey) {
  const mine = and(eq(orderParcels.shippedShiftId, place.shiftId), eq(orderParcels.shippedBy, place.studentId));
  const [shipped] = await db
    .select({ parcels: count(), medianMinutes: medianMinutes(orders.paidAt, orderParcels.shippedAt) })
    .from(orderParcels)
    .innerJoin(orders, eq(orders.id, orderParcels.orderId))
    .where(mine);
  // A refund asked for after the parcel left, saying an item was missing or wrong, on that team's part.
  const [errors] = await db
    .select({ refunds: sql<number>`count(distinct ${refunds.id})`.mapWith(Number) })
    .from(orderParcels)
    .innerJoin(
      refunds,
      and(
        eq(refunds.orderId, orderParcels.orderId),
        eq(refunds.teamId, orderParcels.teamId),
        sql`${refunds.createdAt} > ${orderParcels.shippedAt}`,
        sql`${refunds.reason} ~ ${PICK_ERROR_REASON_PATTERN}`,
      ),
    )
    .where(mine);
  const [pickups] = await db
    .select({ handedOver: count() })
    .from(orderParcels)
    .where(and(eq(orderParcels.pickedUpShiftId, place.shiftId), eq(orderParcels.pickedUpBy, place.studentId)));
  return {
    parcelsShipped: shipped?.parcels ?? 0,
    medianShipMinutes: shipped?.medianMinutes ?? null,
    pickErrors: errors?.refunds ?? 0,
    pickupsHandedOver: pickups?.handedOver ?? 0,
  };
}

export async function stockFigures(db: Db, place: PlaceKey) {
  const [counts] = await db
    .select({
      closed: sql<number>`count(distinct ${stockCounts.id})`.mapWith(Number),
      linesCounted: sql<number>`count(${stockCountLines.countedQuantity})`.mapWith(Number),
      linesMatched: sql<number>`count(*) filter (where ${stockCountLines.countedQuantity} = ${stockCountLines.expectedQuantity})`.mapWith(Number),
    })
    .from(stockCounts)
    .leftJoin(stockCountLines, eq(stockCountLines.stockCountId, stockCounts.id))
    .where(and(eq(stockCounts.shiftId, place.shiftId), eq(stockCounts.closedBy, place.studentId), eq(stockCounts.status, 'approved')));
  const [moves] = await db
    .select({
      receipts: sql<number>`count(*) filter (where ${stockMovements.type} = 'receive')`.mapWith(Number),
      adjustments: sql<number>`count(*) filter (where ${stockMovements.type} = 'adjust')`.mapWith(Number),
    })
    .from(stockMovements)
    .where(and(eq(stockMovements.shiftId, place.shiftId), eq(stockMovements.actorId, place.studentId)));
  const counted = counts?.linesCounted ?? 0;
  return {
    stockCountsClosed: counts?.closed ?? 0,
    // Permille, rounded half up: matched lines out of counted lines.
    stockCountAccuracy: counted === 0 ? null : Math.floor(((counts?.linesMatched ?? 0) * 2000 + counted) / (2 * counted)),
    stockReceipts: moves?.receipts ?? 0,
    stockAdjustments: moves?.adjustments ?? 0,
  };
}

export async function refundFigures(db: Db, place: PlaceKey) {
  const [row] = await db
    .select({
      decided: count(),
      medianMinutes: medianMinutes(refunds.createdAt, refunds.decidedAt),
      rejected: sql<number>`count(*) filter (where ${refunds.status} = 'rejected')`.mapWith(Number),
    })
    .from(refunds)
    .where(and(eq(refunds.decidedShiftId, place.shiftId), eq(refunds.decidedBy, place.studentId), isNotNull(refunds.decidedAt)));
  const decided = row?.decided ?? 0;
  const rejected = row?.rejected ?? 0;
  return { refundsDecided: decided, medianDecisionMinutes: row?.medianMinutes ?? null, refundsApproved: decided - rejected, refundsRejected: rejected };
}

const EDIT_ACTIONS: ProductActivityAction[] = ['created', 'edited', 'price_changed'];
const IMAGE_ACTIONS: ProductActivityAction[] = ['image_added', 'image_removed', 'images_reordered'];

export async function productFigures(db: Db, place: PlaceKey) {
  const mine = and(eq(productActivity.shiftId, place.shiftId), eq(productActivity.actorId, place.studentId));
  const [row] = await db
    .select({
      edits: sql<number>`count(*) filter (where ${inArray(productActivity.action, EDIT_ACTIONS)})`.mapWith(Number),
      submissions: sql<number>`count(*) filter (where ${productActivity.action} = 'submitted')`.mapWith(Number),
      images: sql<number>`count(*) filter (where ${inArray(productActivity.action, IMAGE_ACTIONS)})`.mapWith(Number),
    })
    .from(productActivity)
    .where(mine);
  // Products the student worked on in the shift that a teacher approved afterwards.
  const [approved] = await db
    .select({ products: sql<number>`count(distinct ${productActivity.productId})`.mapWith(Number) })
    .from(productActivity)
    .where(
      and(
        mine,
        sql`exists (select 1 from ${productActivity} later
          where later.product_id = ${productActivity}.product_id and later.action = 'approved' and later.id > ${productActivity}.id)`,
      ),
    );
  return { productEdits: row?.edits ?? 0, productSubmissions: row?.submissions ?? 0, productImages: row?.images ?? 0, productsApproved: approved?.products ?? 0 };
}

/** The shift's live sessions and their paid orders (orders.live_session_id), whoever hosted. */
export async function liveFigures(db: Db, place: PlaceKey) {
  const [sessions] = await db.select({ sessions: count() }).from(liveSessions).where(eq(liveSessions.shiftId, place.shiftId));
  const ofShift = and(eq(liveSessions.shiftId, place.shiftId), isNotNull(orders.paidAt));
  const [paid] = await db
    .select({ orders: count(), gmvFen: sql<number>`coalesce(sum(${orders.paidFen}), 0)`.mapWith(Number) })
    .from(orders)
    .innerJoin(liveSessions, eq(liveSessions.id, orders.liveSessionId))
    .where(ofShift);
  const [items] = await db
    .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)`.mapWith(Number) })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(liveSessions, eq(liveSessions.id, orders.liveSessionId))
    .where(ofShift);
  return { liveSessions: sessions?.sessions ?? 0, liveOrders: paid?.orders ?? 0, liveItems: items?.units ?? 0, liveGmvFen: paid?.gmvFen ?? 0 };
}

export async function correctionCount(db: Db, assignmentId: number): Promise<number> {
  const [row] = await db.select({ corrections: count() }).from(attendanceCorrections).where(eq(attendanceCorrections.assignmentId, assignmentId));
  return row?.corrections ?? 0;
}
