import { schema, type Db, type Tx } from '@qiaodu/db';
import type { AssignmentStatus } from '@qiaodu/shared';
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';

const { shiftAssignments, shifts, teams } = schema;

/** Which places a report reads: shifts starting in [from, until), narrowed by student, team, status. */
export interface PlaceFilter {
  from: Date;
  until: Date;
  studentIds?: readonly number[];
  /** 'all' (admins) or the teams in the reader's scope. */
  teamIds?: 'all' | readonly number[];
  statuses?: readonly AssignmentStatus[];
}

const placeColumns = {
  assignmentId: shiftAssignments.id,
  shiftId: shiftAssignments.shiftId,
  studentId: shiftAssignments.studentId,
  status: shiftAssignments.status,
  clockInAt: shiftAssignments.clockInAt,
  clockOutAt: shiftAssignments.clockOutAt,
  late: shiftAssignments.late,
  autoClosed: shiftAssignments.autoClosed,
  reviewedAt: shiftAssignments.reviewedAt,
  teamId: shifts.teamId,
  teamName: teams.name,
  shiftStatus: shifts.status,
  post: shifts.post,
  startsAt: shifts.startsAt,
  endsAt: shifts.endsAt,
};

function whereOf(filter: PlaceFilter) {
  return and(
    gte(shifts.startsAt, filter.from),
    lt(shifts.startsAt, filter.until),
    filter.studentIds === undefined ? undefined : inArray(shiftAssignments.studentId, [...filter.studentIds]),
    filter.teamIds === undefined || filter.teamIds === 'all' ? undefined : inArray(shifts.teamId, [...filter.teamIds]),
    filter.statuses === undefined ? undefined : inArray(shiftAssignments.status, [...filter.statuses]),
  );
}

/** A student's places on shifts in a period, with the shift's team, post and hours. */
export async function findPlaces(db: Db | Tx, filter: PlaceFilter) {
  if (filter.studentIds?.length === 0 || (Array.isArray(filter.teamIds) && filter.teamIds.length === 0)) return [];
  return db
    .select(placeColumns)
    .from(shiftAssignments)
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .innerJoin(teams, eq(teams.id, shifts.teamId))
    .where(whereOf(filter))
    .orderBy(asc(shifts.startsAt), asc(shiftAssignments.id));
}
export type PlaceRow = Awaited<ReturnType<typeof findPlaces>>[number];

/**
 * The same places locked (FOR UPDATE of the assignments) for a timesheet approval: an attendance
 * correction racing the approval then either lands before the figures are frozen or waits and
 * sees the approved timesheet.
 */
export async function lockPlaces(tx: Tx, filter: PlaceFilter): Promise<PlaceRow[]> {
  if (filter.studentIds?.length === 0) return [];
  return tx
    .select(placeColumns)
    .from(shiftAssignments)
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .innerJoin(teams, eq(teams.id, shifts.teamId))
    .where(whereOf(filter))
    .orderBy(asc(shifts.startsAt), asc(shiftAssignments.id))
    .for('update', { of: shiftAssignments });
}
