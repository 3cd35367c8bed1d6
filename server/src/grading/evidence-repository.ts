import { schema, type Db } from '@qiaodu/db';
import { PICK_ERROR_REASON_PATTERN, type ProductActivityAction } from '@qiaodu/shared';
import { and, eq, inArray, isNotNull, sql, type AnyColumn } from 'drizzle-orm';
import { teamSalesTotals } from '../shifts/live/team-sales';

const {
  attendanceCorrections,
  liveSessions,
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

/**
 * Counting a stock take is line work: the lines the student counted in the shift (stock_count_lines
 * carries the counter's shift and id) and how many matched the system, whoever started or closed the
 * count. Closing is credited to the closer's shift (closed_shift_id), not the starter's (shift_id).
 */
export async function stockFigures(db: Db, place: PlaceKey) {
  const [lines] = await db
    .select({
      linesCounted: sql<number>`count(${stockCountLines.countedQuantity})`.mapWith(Number),
      linesMatched: sql<number>`count(*) filter (where ${stockCountLines.countedQuantity} = ${stockCountLines.expectedQuantity})`.mapWith(Number),
    })
    .from(stockCountLines)
    .where(and(eq(stockCountLines.shiftId, place.shiftId), eq(stockCountLines.countedBy, place.studentId)));
  const [closed] = await db
    .select({ counts: count() })
    .from(stockCounts)
    .where(and(eq(stockCounts.closedShiftId, place.shiftId), eq(stockCounts.closedBy, place.studentId), eq(stockCounts.status, 'approved')));
  const [moves] = await db
    .select({
      receipts: sql<number>`count(*) filter (where ${stockMovements.type} = 'receive')`.mapWith(Number),
      adjustments: sql<number>`count(*) filter (where ${stockMovements.type} = 'adjust')`.mapWith(Number),
    })
    .from(stockMovements)
    .where(and(eq(stockMovements.shiftId, place.shiftId), eq(stockMovements.actorId, place.studentId)));
  const counted = lines?.linesCounted ?? 0;
  return {
    stockLinesCounted: counted,
    stockCountsClosed: closed?.counts ?? 0,
    // Permille, rounded half up: matched lines out of the lines this student counted.
    stockCountAccuracy: counted === 0 ? null : Math.floor(((lines?.linesMatched ?? 0) * 2000 + counted) / (2 * counted)),
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

/**
 * The shift's live sessions and what they sold of the shift's team's goods: an order may mix
 * teams, so only its lines of this team count — the live board's definition (team-sales.ts,
 * the same lines shift-reports salesByDay sums); an order counts once, when paid.
 */
export async function liveFigures(db: Db, place: PlaceKey & { teamId: number }) {
  const [sessions] = await db.select({ sessions: count() }).from(liveSessions).where(eq(liveSessions.shiftId, place.shiftId));
  const sold = await teamSalesTotals(
    db,
    place.teamId,
    inArray(orders.liveSessionId, db.select({ id: liveSessions.id }).from(liveSessions).where(eq(liveSessions.shiftId, place.shiftId))),
  );
  return { liveSessions: sessions?.sessions ?? 0, liveOrders: sold.paidOrders, liveItems: sold.paidUnits, liveGmvFen: sold.paidGmvFen };
}

export async function correctionCount(db: Db, assignmentId: number): Promise<number> {
  const [row] = await db.select({ corrections: count() }).from(attendanceCorrections).where(eq(attendanceCorrections.assignmentId, assignmentId));
  return row?.corrections ?? 0;
}
