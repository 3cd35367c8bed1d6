import { schema, type Db, type Tx } from '@qiaodu/db';
import { HOLDING_ASSIGNMENT_STATUSES } from '@qiaodu/shared';
import { and, asc, eq, gt, gte, inArray, lt, ne, sql } from 'drizzle-orm';

const { shifts, shiftAssignments, teams } = schema;
type Executor = Db | Tx;

/** The student's places on shifts that students can see (not drafts), starting in [from, to). */
export async function placesOfStudent(db: Executor, studentId: number, from: Date, to: Date) {
  return db
    .select({
      assignmentId: shiftAssignments.id,
      shiftId: shifts.id,
      teamId: shifts.teamId,
      teamName: teams.name,
      post: shifts.post,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      status: shiftAssignments.status,
      source: shiftAssignments.source,
      shiftStatus: shifts.status,
    })
    .from(shiftAssignments)
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .innerJoin(teams, eq(teams.id, shifts.teamId))
    .where(and(eq(shiftAssignments.studentId, studentId), ne(shifts.status, 'draft'), gte(shifts.startsAt, from), lt(shifts.startsAt, to)))
    .orderBy(asc(shifts.startsAt), asc(shifts.id));
}

/** Published open shifts of these teams starting in (from, to), with their holding count. */
export async function openShiftsOf(db: Executor, teamIds: readonly number[], from: Date, to: Date) {
  if (teamIds.length === 0) return [];
  return db
    .select({
      shiftId: shifts.id,
      teamId: shifts.teamId,
      teamName: teams.name,
      post: shifts.post,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      capacity: shifts.capacity,
      note: shifts.note,
      held: sql<number>`(select count(*) from ${shiftAssignments} where ${shiftAssignments.shiftId} = ${shifts.id}
        and ${inArray(shiftAssignments.status, [...HOLDING_ASSIGNMENT_STATUSES])})`.mapWith(Number),
    })
    .from(shifts)
    .innerJoin(teams, eq(teams.id, shifts.teamId))
    .where(
      and(
        inArray(shifts.teamId, [...teamIds]),
        eq(shifts.status, 'published'),
        eq(shifts.openForSignup, true),
        gt(shifts.startsAt, from),
        lt(shifts.startsAt, to),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.id));
}
