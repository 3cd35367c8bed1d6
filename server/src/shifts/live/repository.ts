import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, asc, desc, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';

const { liveSessions, shifts, shiftAssignments, users, orders } = schema;

/** The orders a session's links brought in (for team-sales.ts). */
export const ofSession = (sessionId: number) => eq(orders.liveSessionId, sessionId);
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

/** The team's published live_host shifts not yet ended, soonest first: what a session can be opened on. */
export async function findLiveHostShifts(executor: Executor, teamId: number, now: Date) {
  return executor
    .select({ id: shifts.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt })
    .from(shifts)
    .where(and(eq(shifts.teamId, teamId), eq(shifts.post, 'live_host'), eq(shifts.status, 'published'), gte(shifts.endsAt, now)))
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

/**
 * A code that still attributes orders: its shift not cancelled, and now within the grace after
 * the session's end, or after the shift's end when nobody pressed 下播 (`cutoff` = now − grace).
 */
export async function findAttributableSession(executor: Executor, code: string, cutoff: Date): Promise<number | null> {
  const [row] = await executor
    .select({ id: liveSessions.id })
    .from(liveSessions)
    .innerJoin(shifts, eq(shifts.id, liveSessions.shiftId))
    .where(
      and(
        eq(liveSessions.code, code),
        ne(shifts.status, 'cancelled'),
        // coalesce(ended_at, shift end) ≥ cutoff, written on typed columns so the driver binds the instant as a timestamp.
        or(gte(liveSessions.endedAt, cutoff), and(isNull(liveSessions.endedAt), gte(shifts.endsAt, cutoff))),
      ),
    );
  return row?.id ?? null;
}
