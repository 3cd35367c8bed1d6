import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, asc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';

const { timesheets, users, teamMembers, teams, shiftAssignments, shifts } = schema;

const timesheetColumns = {
  studentId: timesheets.studentId,
  status: timesheets.status,
  minutes: timesheets.minutes,
  amountFen: timesheets.amountFen,
  approvedAt: timesheets.approvedAt,
  approvedByName: users.displayName,
};

/** Timesheet rows of a month (first day) for these students. */
export async function findTimesheets(db: Db | Tx, firstDay: string, studentIds: readonly number[]) {
  if (studentIds.length === 0) return [];
  return db
    .select(timesheetColumns)
    .from(timesheets)
    .leftJoin(users, eq(users.id, timesheets.approvedBy))
    .where(and(eq(timesheets.month, firstDay), inArray(timesheets.studentId, [...studentIds])));
}
export type TimesheetDbRow = Awaited<ReturnType<typeof findTimesheets>>[number];

/**
 * Freezes a month as approved. The upsert only takes a row that is not approved yet, so two
 * teachers approving at once make one approval; null means it was already approved.
 */
export async function approveTimesheetRow(
  tx: Tx,
  values: { studentId: number; firstDay: string; minutes: number; amountFen: number; approvedBy: number; at: Date },
): Promise<boolean> {
  const set = { minutes: values.minutes, amountFen: values.amountFen, status: 'approved' as const, approvedBy: values.approvedBy, approvedAt: values.at, updatedAt: values.at };
  const rows = await tx
    .insert(timesheets)
    .values({ studentId: values.studentId, month: values.firstDay, ...set })
    .onConflictDoUpdate({ target: [timesheets.studentId, timesheets.month], set, setWhere: ne(timesheets.status, 'approved') })
    .returning({ id: timesheets.id });
  return rows.length > 0;
}

/**
 * Students a timesheet list shows: members of the teams in scope, and anyone who held a place
 * on those teams' shifts in the period (a student who has since left the team is still paid).
 */
export async function findStudentIdsInScope(db: Db, scope: 'all' | readonly number[], from: Date, until: Date): Promise<number[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  const teamFilter = scope === 'all' ? sql`true` : inArray(teamMembers.teamId, [...scope]);
  const shiftTeamFilter = scope === 'all' ? sql`true` : inArray(shifts.teamId, [...scope]);
  const members = await db.selectDistinct({ id: teamMembers.userId }).from(teamMembers).where(teamFilter);
  const workers = await db
    .selectDistinct({ id: shiftAssignments.studentId })
    .from(shiftAssignments)
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .where(and(shiftTeamFilter, gte(shifts.startsAt, from), lt(shifts.startsAt, until)));
  return [...new Set([...members, ...workers].map((row) => row.id))].sort((a, b) => a - b);
}

/** Names and every team of these students (the approver's scope is any of their teams). */
export async function findStudents(db: Db | Tx, studentIds: readonly number[]) {
  if (studentIds.length === 0) return [];
  const people = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...studentIds]))
    .orderBy(asc(users.id));
  const memberships = await db
    .select({ userId: teamMembers.userId, teamId: teamMembers.teamId, teamName: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(inArray(teamMembers.userId, [...studentIds]))
    .orderBy(asc(teams.id));
  return people.map((person) => {
    const own = memberships.filter((membership) => membership.userId === person.id);
    return { id: person.id, name: person.name, teamIds: own.map((m) => m.teamId), teamNames: own.map((m) => m.teamName) };
  });
}
export type StudentRow = Awaited<ReturnType<typeof findStudents>>[number];
