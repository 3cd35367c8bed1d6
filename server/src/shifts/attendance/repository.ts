import { schema, type Db, type Tx } from '@qiaodu/db';
import type { AssignmentStatus } from '@qiaodu/shared';
import { and, asc, count, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { placeColumns } from '../place-reader';

const { shiftAssignments: places, shifts, teams, users, attendanceCorrections, timesheets } = schema;

type Executor = Db | Tx;
export type AttendanceSnapshot = (typeof attendanceCorrections.$inferInsert)['before'];

/** A student's place with its shift, team and student, as every attendance answer needs it. */
const attendancePlaceColumns = {
  ...placeColumns,
  shiftStatus: shifts.status,
  reviewedAt: places.reviewedAt,
  reviewedById: places.reviewedBy,
  reviewedByName: sql<string | null>`(select u.display_name from users u where u.id = ${places.reviewedBy})`,
  updatedAt: places.updatedAt,
};

function placeQuery(executor: Executor) {
  return executor
    .select(attendancePlaceColumns)
    .from(places)
    .innerJoin(shifts, eq(shifts.id, places.shiftId))
    .innerJoin(teams, eq(teams.id, shifts.teamId))
    .innerJoin(users, eq(users.id, places.studentId));
}

export type PlaceRow = Awaited<ReturnType<typeof findTeamPlaces>>[number];

/** One place; `lock` takes the assignment row's lock (clocking and corrections serialise on it). */
export async function findPlace(executor: Executor, assignmentId: number, options: { lock?: boolean } = {}): Promise<PlaceRow | null> {
  const query = placeQuery(executor).where(eq(places.id, assignmentId));
  const [row] = options.lock ? await query.for('update', { of: places }) : await query;
  return row ?? null;
}

/** The student's place that is clocked in and not out (at most one: the partial unique index). */
export async function findActivePlace(executor: Executor, studentId: number): Promise<PlaceRow | null> {
  const [row] = await placeQuery(executor).where(and(eq(places.studentId, studentId), isNotNull(places.clockInAt), isNull(places.clockOutAt)));
  return row ?? null;
}

/** The student's held places of published shifts not ended yet and starting before `until`, soonest first. */
export async function findUpcomingPlaces(executor: Executor, studentId: number, now: Date, until: Date) {
  return placeQuery(executor)
    .where(
      and(
        eq(places.studentId, studentId),
        eq(places.status, 'scheduled'),
        eq(shifts.status, 'published'),
        gt(shifts.endsAt, now),
        lt(shifts.startsAt, until),
      ),
    )
    .orderBy(asc(shifts.startsAt))
    .limit(1);
}

/** Team places of shifts starting in [from, to), the way a lead reads attendance. */
export async function findTeamPlaces(executor: Executor, teamId: number, from: Date, to: Date, needsReview: boolean) {
  return placeQuery(executor)
    .where(
      and(
        eq(shifts.teamId, teamId),
        gte(shifts.startsAt, from),
        lt(shifts.startsAt, to),
        // Released places were given up: someone else's attendance now.
        sql`${places.status} <> 'released'`,
        needsReview ? and(eq(places.autoClosed, true), isNull(places.reviewedAt)) : undefined,
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(places.id));
}

/** Auto-closed places of the team nobody reviewed yet, whatever their date. */
export async function countUnreviewed(executor: Executor, teamId: number): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(places)
    .innerJoin(shifts, eq(shifts.id, places.shiftId))
    .where(and(eq(shifts.teamId, teamId), eq(places.autoClosed, true), isNull(places.reviewedAt)));
  return row?.n ?? 0;
}

export async function correctionCounts(executor: Executor, assignmentIds: readonly number[]): Promise<Map<number, number>> {
  if (assignmentIds.length === 0) return new Map();
  const rows = await executor
    .select({ assignmentId: attendanceCorrections.assignmentId, n: count() })
    .from(attendanceCorrections)
    .where(inArray(attendanceCorrections.assignmentId, [...assignmentIds]))
    .groupBy(attendanceCorrections.assignmentId);
  return new Map(rows.map((row) => [row.assignmentId, row.n]));
}

/** (student, month) pairs whose timesheet is approved: their attendance is locked. */
export async function approvedMonths(executor: Executor, pairs: readonly { studentId: number; month: string }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const studentIds = [...new Set(pairs.map((pair) => pair.studentId))];
  const months = [...new Set(pairs.map((pair) => pair.month))];
  const rows = await executor
    .select({ studentId: timesheets.studentId, month: timesheets.month })
    .from(timesheets)
    .where(and(inArray(timesheets.studentId, studentIds), inArray(timesheets.month, months), eq(timesheets.status, 'approved')));
  return new Set(rows.map((row) => `${row.studentId}:${row.month}`));
}

/**
 * Whether the month's timesheet is approved, read under a share lock so an approval cannot
 * commit between this check and the correction it guards.
 */
export async function monthApprovedLocked(tx: Tx, studentId: number, month: string): Promise<boolean> {
  const [row] = await tx
    .select({ status: timesheets.status })
    .from(timesheets)
    .where(and(eq(timesheets.studentId, studentId), eq(timesheets.month, month)))
    .for('share');
  return row?.status === 'approved';
}

/**
 * A conditional move: the status the caller saw is in the WHERE, so of two requests (or two
 * processes) only one changes the row. Answers whether it moved.
 */
export async function movePlace(
  executor: Executor,
  assignmentId: number,
  from: AssignmentStatus,
  set: Partial<typeof places.$inferInsert> & { updatedAt: Date },
): Promise<boolean> {
  const moved = await executor
    .update(places)
    .set(set)
    .where(and(eq(places.id, assignmentId), eq(places.status, from)))
    .returning({ id: places.id });
  return moved.length > 0;
}

export async function insertCorrection(
  tx: Tx,
  values: { assignmentId: number; correctedBy: number; reason: string; before: AttendanceSnapshot; after: AttendanceSnapshot; at: Date },
): Promise<void> {
  await tx.insert(attendanceCorrections).values({
    assignmentId: values.assignmentId,
    correctedBy: values.correctedBy,
    reason: values.reason,
    before: values.before,
    after: values.after,
    createdAt: values.at,
  });
}

export async function findCorrections(executor: Executor, assignmentId: number) {
  return executor
    .select({
      id: attendanceCorrections.id,
      correctedById: attendanceCorrections.correctedBy,
      correctedByName: users.displayName,
      reason: attendanceCorrections.reason,
      before: attendanceCorrections.before,
      after: attendanceCorrections.after,
      createdAt: attendanceCorrections.createdAt,
    })
    .from(attendanceCorrections)
    .leftJoin(users, eq(users.id, attendanceCorrections.correctedBy))
    .where(eq(attendanceCorrections.assignmentId, assignmentId))
    .orderBy(asc(attendanceCorrections.id));
}

/**
 * The job's no-show pass: scheduled places of published shifts that have ended. One UPDATE with
 * the status in the WHERE: two processes running it at once change each place once.
 */
export async function markNoShows(db: Db, now: Date, limit: number): Promise<number> {
  const due = db
    .select({ id: places.id })
    .from(places)
    .innerJoin(shifts, eq(shifts.id, places.shiftId))
    .where(and(eq(places.status, 'scheduled'), eq(shifts.status, 'published'), lte(shifts.endsAt, now)))
    .limit(limit);
  const moved = await db
    .update(places)
    .set({ status: 'no_show', updatedAt: now })
    .where(and(inArray(places.id, due), eq(places.status, 'scheduled')))
    .returning({ id: places.id });
  return moved.length;
}

/**
 * The job's release pass: scheduled places on shifts that ended while still draft (never
 * published) or cancelled. Nobody could clock in on them, so they are not no-shows; left
 * scheduled they would keep the month's timesheet from being approved for ever. Released is
 * what a place nobody works becomes, and it counts for neither hours nor absences.
 */
export async function releaseUnworkedPlaces(db: Db, now: Date, limit: number): Promise<number> {
  const due = db
    .select({ id: places.id })
    .from(places)
    .innerJoin(shifts, eq(shifts.id, places.shiftId))
    .where(and(eq(places.status, 'scheduled'), inArray(shifts.status, ['draft', 'cancelled']), lte(shifts.endsAt, now)))
    .limit(limit);
  const moved = await db
    .update(places)
    .set({ status: 'released', updatedAt: now })
    .where(and(inArray(places.id, due), eq(places.status, 'scheduled')))
    .returning({ id: places.id });
  return moved.length;
}

/** The auto-close pass: clocked-in places whose shift ended `afterMinutes` ago close at the shift's end, flagged for review. */
export async function autoClose(db: Db, now: Date, afterMinutes: number, limit: number): Promise<number> {
  const cutoff = new Date(now.getTime() - afterMinutes * 60_000);
  const due = db
    .select({ id: places.id })
    .from(places)
    .innerJoin(shifts, eq(shifts.id, places.shiftId))
    .where(and(eq(places.status, 'clocked_in'), lte(shifts.endsAt, cutoff)))
    .limit(limit);
  const moved = await db
    .update(places)
    .set({
      status: 'auto_closed',
      autoClosed: true,
      // Clocked in after the end is impossible (clock-in closes at the end), so end ≥ clock-in.
      clockOutAt: sql`(select s.ends_at from shifts s where s.id = ${places.shiftId})`,
      updatedAt: now,
    })
    .where(and(inArray(places.id, due), eq(places.status, 'clocked_in')))
    .returning({ id: places.id });
  return moved.length;
}

