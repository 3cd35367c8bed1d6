import { schema, type Db, type Tx } from '@qiaodu/db';
import { eq } from 'drizzle-orm';

const { shiftAssignments: places, shifts, teams, users } = schema;

/**
 * A student's place with its shift, team and student: the columns attendance and grading both
 * read (attendance adds its own on top; drizzle does not type a join chain over generic columns,
 * so a reader with more columns repeats the joins of selectPlaces).
 */
export const placeColumns = {
  assignmentId: places.id,
  status: places.status,
  clockInAt: places.clockInAt,
  clockOutAt: places.clockOutAt,
  late: places.late,
  autoClosed: places.autoClosed,
  studentId: places.studentId,
  studentName: users.displayName,
  shiftId: shifts.id,
  teamId: shifts.teamId,
  teamName: teams.name,
  post: shifts.post,
  startsAt: shifts.startsAt,
  endsAt: shifts.endsAt,
};

/** Places joined to their shift, team and student (placeColumns); the caller adds the where, order and any lock. */
export function selectPlaces(executor: Db | Tx) {
  return executor
    .select(placeColumns)
    .from(places)
    .innerJoin(shifts, eq(shifts.id, places.shiftId))
    .innerJoin(teams, eq(teams.id, shifts.teamId))
    .innerJoin(users, eq(users.id, places.studentId));
}
