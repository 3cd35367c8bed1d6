import { schema, type Db } from '@qiaodu/db';
import { HOLDING_ASSIGNMENT_STATUSES, type AssignmentStatus } from '@qiaodu/shared';
import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';

const { teams, teamMembers, users, shiftEvaluations, orders, orderItems, shifts, shiftAssignments } = schema;

export async function findTeam(db: Db, teamId: number): Promise<{ id: number; name: string } | null> {
  const [row] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId));
  return row ?? null;
}

/** The team's current members, by name. */
export async function findTeamMembers(db: Db, teamId: number) {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(users.id));
}

export async function findNames(db: Db, userIds: readonly number[]) {
  if (userIds.length === 0) return [];
  return db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...userIds]));
}

/**
 * Evaluations the student can see (published or locked) of the team's places in the period with
 * one of these statuses: the places findPlaces reads for the team, narrowed by status, joined in
 * the database (a list of hundreds of assignment ids as parameters is slow to send and plan).
 */
export async function findVisibleEvaluations(db: Db, teamId: number, from: Date, until: Date, statuses: readonly AssignmentStatus[]) {
  if (statuses.length === 0) return [];
  return db
    .select({
      assignmentId: shiftEvaluations.assignmentId,
      evaluatorRole: shiftEvaluations.evaluatorRole,
      status: shiftEvaluations.status,
      scoreBasisPoints: shiftEvaluations.scoreBasisPoints,
    })
    .from(shiftEvaluations)
    .innerJoin(shiftAssignments, eq(shiftAssignments.id, shiftEvaluations.assignmentId))
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .where(
      and(
        eq(shifts.teamId, teamId),
        gte(shifts.startsAt, from),
        lt(shifts.startsAt, until),
        inArray(shiftAssignments.status, [...statuses]),
        inArray(shiftEvaluations.status, ['published', 'locked']),
      ),
    );
}

/** The school's local day (UTC+8, no daylight saving) of a timestamptz, as YYYY-MM-DD. */
const localDay = (column: unknown) => sql<string>`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

/**
 * Paid orders of the team's goods per local day: the team's lines (an order may mix teams)
 * summed as GMV, and the orders counted once. An order counts on the day it was paid, whatever
 * happened to it later (GMV is what was sold, refunds are a separate figure).
 */
export async function salesByDay(db: Db, teamId: number, from: Date, until: Date) {
  // Per order first (its team lines summed, its local day as a day number), so the days are
  // grouped on an integer, counted without a distinct, and formatted once per day, not per line.
  const perOrder = db
    .select({
      day: sql<number>`floor((extract(epoch from ${orders.paidAt}) + 28800) / 86400)`.as('day'),
      lineFen: sql<number>`sum(${orderItems.lineFen})`.as('line_fen'),
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(eq(orderItems.teamId, teamId), isNotNull(orders.paidAt), gte(orders.paidAt, from), lt(orders.paidAt, until)))
    .groupBy(orders.id)
    .as('per_order');
  return db
    .select({
      date: sql<string>`to_char(date '1970-01-01' + ${perOrder.day}::int, 'YYYY-MM-DD')`,
      gmvFen: sql<number>`sum(${perOrder.lineFen})`.mapWith(Number),
      orders: sql<number>`count(*)`.mapWith(Number),
    })
    .from(perOrder)
    .groupBy(perOrder.day);
}

/** The team's published shifts in the period with their capacity and the places held on each. */
export async function shiftsWithHeldPlaces(db: Db, teamId: number, from: Date, until: Date) {
  return db
    .select({
      date: localDay(shifts.startsAt),
      capacity: shifts.capacity,
      held: sql<number>`count(${shiftAssignments.id})`.mapWith(Number),
    })
    .from(shifts)
    .leftJoin(shiftAssignments, and(eq(shiftAssignments.shiftId, shifts.id), inArray(shiftAssignments.status, [...HOLDING_ASSIGNMENT_STATUSES])))
    .where(and(eq(shifts.teamId, teamId), eq(shifts.status, 'published'), gte(shifts.startsAt, from), lt(shifts.startsAt, until)))
    .groupBy(shifts.id);
}
