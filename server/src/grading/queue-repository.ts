import { schema, type Db } from '@qiaodu/db';
import { WORKED_ASSIGNMENT_STATUSES, type EvaluatorRole, type GradeStatus, type Post } from '@qiaodu/shared';
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';

const { shiftAssignments, shiftEvaluations, shifts, teams, users } = schema;

export interface QueueFilter {
  /** Teams in the grader's scope ('all' for an admin). */
  scope: 'all' | readonly number[];
  /** Teams where the grader is the teacher side; elsewhere in scope they are the mentor side. */
  teacherTeamIds: 'all' | readonly number[];
  status?: GradeStatus;
  teamId?: number;
  post?: Post;
  from?: Date;
  until?: Date;
  limit: number;
  offset: number;
}

/** Worked places in the grader's teams, each with the grader's own side's evaluation (none: pending). */
export async function listQueue(db: Db, filter: QueueFilter) {
  const role: SQL<EvaluatorRole> =
    filter.teacherTeamIds === 'all'
      ? sql<EvaluatorRole>`'teacher'`
      : sql<EvaluatorRole>`(case when ${inArray(shifts.teamId, [...filter.teacherTeamIds])} then 'teacher' else 'mentor' end)`;
  const myStatus = sql<GradeStatus>`coalesce(${shiftEvaluations.status}, 'pending')`;
  const where = and(
    inArray(shiftAssignments.status, [...WORKED_ASSIGNMENT_STATUSES]),
    filter.scope === 'all' ? undefined : inArray(shifts.teamId, [...filter.scope]),
    filter.teamId ? eq(shifts.teamId, filter.teamId) : undefined,
    filter.post ? eq(shifts.post, filter.post) : undefined,
    filter.from ? gte(shifts.startsAt, filter.from) : undefined,
    filter.until ? lt(shifts.startsAt, filter.until) : undefined,
    filter.status ? sql`${myStatus} = ${filter.status}` : undefined,
  );
  const joined = <Q extends PgSelect>(query: Q) =>
    query
      .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
      .innerJoin(teams, eq(teams.id, shifts.teamId))
      .innerJoin(users, eq(users.id, shiftAssignments.studentId))
      .leftJoin(shiftEvaluations, and(eq(shiftEvaluations.assignmentId, shiftAssignments.id), sql`${shiftEvaluations.evaluatorRole} = ${role}`))
      .where(where);
  const rows = await joined(
    db
      .select({
        assignmentId: shiftAssignments.id,
        placeStatus: shiftAssignments.status,
        studentId: shiftAssignments.studentId,
        studentName: users.displayName,
        shiftId: shifts.id,
        teamId: shifts.teamId,
        teamName: teams.name,
        post: shifts.post,
        startsAt: shifts.startsAt,
        endsAt: shifts.endsAt,
        myRole: role,
        status: myStatus,
        scoreBasisPoints: shiftEvaluations.scoreBasisPoints,
      })
      .from(shiftAssignments)
      .$dynamic(),
  )
    .orderBy(desc(shifts.startsAt), desc(shiftAssignments.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [total] = await joined(db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(shiftAssignments).$dynamic());
  return { rows, total: total?.count ?? 0 };
}
