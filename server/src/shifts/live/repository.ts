import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, asc, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';

const { liveSessions, shifts, shiftAssignments, users, orders, orderItems } = schema;
type Executor = Db | Tx;

export const LIVE_CODE_CONSTRAINT = 'live_sessions_code_key';

const sessionColumns = {
  id: liveSessions.id,
  code: liveSessions.code,
  title: liveSessions.title,
  startedAt: liveSessions.startedAt,
  endedAt: liveSessions.endedAt,
  createdAt: liveSessions.createdAt,
  createdById: liveSessions.createdBy,
  createdByName: users.displayName,
  shiftId: shifts.id,
  teamId: shifts.teamId,
  post: shifts.post,
  startsAt: shifts.startsAt,
  endsAt: shifts.endsAt,
};

function sessionQuery(executor: Executor) {
  return executor
    .select(sessionColumns)
    .from(liveSessions)
    .innerJoin(shifts, eq(shifts.id, liveSessions.shiftId))
    .leftJoin(users, eq(users.id, liveSessions.createdBy));
}

export type SessionRow = Awaited<ReturnType<typeof findTeamSessions>>[number];

export async function findSession(executor: Executor, sessionId: number, options: { lock?: boolean } = {}): Promise<SessionRow | null> {
  const query = sessionQuery(executor).where(eq(liveSessions.id, sessionId));
  const [row] = options.lock ? await query.for('update', { of: liveSessions }) : await query;
  return row ?? null;
}

export async function findTeamSessions(executor: Executor, teamId: number) {
  return sessionQuery(executor).where(eq(shifts.teamId, teamId)).orderBy(desc(liveSessions.createdAt), desc(liveSessions.id)).limit(100);
}

export async function findShiftSessions(executor: Executor, shiftIds: readonly number[]) {
  if (shiftIds.length === 0) return [];
  return sessionQuery(executor).where(inArray(liveSessions.shiftId, [...shiftIds])).orderBy(asc(liveSessions.id));
}

/** A shift of the team with the students holding places on it (hosts). */
export async function findTeamShift(executor: Executor, teamId: number, shiftId: number) {
  const [row] = await executor
    .select({ id: shifts.id, teamId: shifts.teamId, post: shifts.post, status: shifts.status, startsAt: shifts.startsAt, endsAt: shifts.endsAt })
    .from(shifts)
    .where(and(eq(shifts.id, shiftId), eq(shifts.teamId, teamId)));
  return row ?? null;
}

/** Students holding a place (not released) on these shifts. */
export async function findHosts(executor: Executor, shiftIds: readonly number[]) {
  if (shiftIds.length === 0) return [];
  return executor
    .select({ shiftId: shiftAssignments.shiftId, studentId: shiftAssignments.studentId, name: users.displayName })
    .from(shiftAssignments)
    .innerJoin(users, eq(users.id, shiftAssignments.studentId))
    .where(and(inArray(shiftAssignments.shiftId, [...shiftIds]), sql`${shiftAssignments.status} not in ('released', 'no_show')`))
    .orderBy(asc(shiftAssignments.id));
}

/** The team's published live_host shifts not ended more than a day ago, soonest first: what a session can be opened on. */
export async function findLiveHostShifts(executor: Executor, teamId: number, endedAfter: Date) {
  return executor
    .select({ id: shifts.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt })
    .from(shifts)
    .where(and(eq(shifts.teamId, teamId), eq(shifts.post, 'live_host'), eq(shifts.status, 'published'), gte(shifts.endsAt, endedAfter)))
    .orderBy(asc(shifts.startsAt))
    .limit(50);
}

export async function insertSession(tx: Tx, values: { shiftId: number; code: string; title: string; createdBy: number; at: Date }): Promise<number> {
  const [row] = await tx
    .insert(liveSessions)
    .values({ shiftId: values.shiftId, code: values.code, title: values.title, createdBy: values.createdBy, createdAt: values.at })
    .returning({ id: liveSessions.id });
  return row!.id;
}

/** Starting sets started_at once; ending sets ended_at once: the previous state is in the WHERE. */
export async function markStarted(executor: Executor, sessionId: number, at: Date): Promise<boolean> {
  const moved = await executor
    .update(liveSessions)
    .set({ startedAt: at })
    .where(and(eq(liveSessions.id, sessionId), isNull(liveSessions.startedAt)))
    .returning({ id: liveSessions.id });
  return moved.length > 0;
}

export async function markEnded(executor: Executor, sessionId: number, at: Date): Promise<boolean> {
  const moved = await executor
    .update(liveSessions)
    .set({ endedAt: at })
    .where(and(eq(liveSessions.id, sessionId), sql`${liveSessions.startedAt} is not null`, isNull(liveSessions.endedAt)))
    .returning({ id: liveSessions.id });
  return moved.length > 0;
}

/** A code that still attributes orders: not ended, or ended after `endedAfter`. */
export async function findAttributableSession(executor: Executor, code: string, endedAfter: Date): Promise<number | null> {
  const [row] = await executor
    .select({ id: liveSessions.id })
    .from(liveSessions)
    .where(and(eq(liveSessions.code, code), or(isNull(liveSessions.endedAt), gte(liveSessions.endedAt, endedAfter))));
  return row?.id ?? null;
}

/** The session's orders, newest first, with the customer's name for masking. */
export async function findSessionOrders(executor: Executor, sessionId: number) {
  return executor
    .select({
      id: orders.id,
      orderNo: orders.orderNo,
      customerName: users.displayName,
      status: orders.status,
      totalFen: orders.totalFen,
      paidFen: orders.paidFen,
      refundedFen: orders.refundedFen,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .leftJoin(users, eq(users.id, orders.customerId))
    .where(eq(orders.liveSessionId, sessionId))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(500);
}

export async function findOrderLines(executor: Executor, orderIds: readonly number[]) {
  if (orderIds.length === 0) return [];
  return executor
    .select({ orderId: orderItems.orderId, title: orderItems.title, quantity: orderItems.quantity, lineFen: orderItems.lineFen })
    .from(orderItems)
    .where(inArray(orderItems.orderId, [...orderIds]));
}
