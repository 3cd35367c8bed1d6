import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';

const { orders, orderItems, users } = schema;
type Executor = Db | Tx;

/**
 * "Team line GMV": what a team sold is the sum of line_fen of ITS order lines (order_items.team_id)
 * on paid orders (paid_at set). A mixed order's other teams' goods and its shipping are not the
 * team's sales. Refunds are shown beside it (refunded units × unit price of the same lines), never
 * subtracted, so a figure on a live screen does not go down. Grading evidence and reports that
 * speak of a team's sales use this same definition (shift-reports salesByDay sums the same lines).
 */
export const isPaidOrder = sql`${orders.paidAt} is not null`;
export const paidTeamLineFen = sql<number>`coalesce(sum(${orderItems.lineFen}) filter (where ${isPaidOrder}), 0)`.mapWith(Number);
export const paidTeamUnits = sql<number>`coalesce(sum(${orderItems.quantity}) filter (where ${isPaidOrder}), 0)`.mapWith(Number);
export const refundedTeamLineFen = sql<number>`coalesce(sum(${orderItems.refundedQuantity} * ${orderItems.unitPriceFen}), 0)`.mapWith(Number);

/** The team's lines on orders matching `where` (e.g. one live session's orders). */
function teamLines(teamId: number, where: SQL | undefined) {
  return and(eq(orderItems.teamId, teamId), where);
}

/** Totals of the team's lines on the matching orders, all computed in SQL (no row limit applies). */
export async function teamSalesTotals(executor: Executor, teamId: number, where: SQL | undefined) {
  const [row] = await executor
    .select({
      orders: sql<number>`count(distinct ${orders.id})`.mapWith(Number),
      paidOrders: sql<number>`count(distinct ${orders.id}) filter (where ${isPaidOrder})`.mapWith(Number),
      paidUnits: paidTeamUnits,
      paidGmvFen: paidTeamLineFen,
      refundedFen: refundedTeamLineFen,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(teamLines(teamId, where));
  return row ?? { orders: 0, paidOrders: 0, paidUnits: 0, paidGmvFen: 0, refundedFen: 0 };
}

/** The team's lines grouped by product title: units ordered and paid, paid line money. */
export async function teamSalesByTitle(executor: Executor, teamId: number, where: SQL | undefined) {
  return executor
    .select({
      title: orderItems.title,
      orderedUnits: sql<number>`sum(${orderItems.quantity})`.mapWith(Number),
      paidUnits: paidTeamUnits,
      paidFen: paidTeamLineFen,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(teamLines(teamId, where))
    .groupBy(orderItems.title)
    .orderBy(desc(paidTeamLineFen), desc(sql`sum(${orderItems.quantity})`), orderItems.title);
}

/** The matching orders that have team lines, newest first, with the team's part of each. */
export async function teamSalesOrders(executor: Executor, teamId: number, where: SQL | undefined, limit: number) {
  return executor
    .select({
      id: orders.id,
      orderNo: orders.orderNo,
      customerName: users.displayName,
      status: orders.status,
      lineFen: sql<number>`sum(${orderItems.lineFen})`.mapWith(Number),
      paidFen: paidTeamLineFen,
      refundedFen: refundedTeamLineFen,
      units: sql<number>`sum(${orderItems.quantity})`.mapWith(Number),
      createdAt: orders.createdAt,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .leftJoin(users, eq(users.id, orders.customerId))
    .where(teamLines(teamId, where))
    .groupBy(orders.id, users.displayName)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit);
}
