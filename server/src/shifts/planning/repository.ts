import { schema, type Db, type Tx } from '@qiaodu/db';
import { HOLDING_ASSIGNMENT_STATUSES, type AssignmentSource, type Post, type ShiftStatus } from '@qiaodu/shared';
import { and, asc, eq, gt, gte, inArray, lt, ne, sql } from 'drizzle-orm';

const { shiftTemplates, scheduleWeeks, shifts, shiftAssignments, availabilityDeclarations, teamMembers, users, teams } = schema;

type Executor = Db | Tx;
const HOLDING = [...HOLDING_ASSIGNMENT_STATUSES];

// Templates

const templateColumns = {
  id: shiftTemplates.id,
  teamId: shiftTemplates.teamId,
  post: shiftTemplates.post,
  weekday: shiftTemplates.weekday,
  startMinute: shiftTemplates.startMinute,
  endMinute: shiftTemplates.endMinute,
  capacity: shiftTemplates.capacity,
  active: shiftTemplates.active,
};
export type TemplateRow = { id: number; teamId: number; post: Post; weekday: number; startMinute: number; endMinute: number; capacity: number; active: boolean };

export async function listTemplates(db: Executor, teamId: number, includeRetired: boolean): Promise<TemplateRow[]> {
  return db
    .select(templateColumns)
    .from(shiftTemplates)
    .where(and(eq(shiftTemplates.teamId, teamId), includeRetired ? undefined : eq(shiftTemplates.active, true)))
    .orderBy(asc(shiftTemplates.weekday), asc(shiftTemplates.startMinute), asc(shiftTemplates.post), asc(shiftTemplates.id));
}

export async function insertTemplate(db: Executor, teamId: number, values: Omit<TemplateRow, 'id' | 'teamId' | 'active'>, createdBy: number): Promise<TemplateRow> {
  const [row] = await db.insert(shiftTemplates).values({ teamId, ...values, createdBy }).returning(templateColumns);
  if (!row) throw new Error('insert into shift_templates returned no row');
  return row;
}

/** Updates a template of the team; undefined when the team has no such template. */
export async function updateTemplate(
  db: Executor,
  teamId: number,
  templateId: number,
  values: Partial<Omit<TemplateRow, 'id' | 'teamId'>>,
  at: Date,
): Promise<TemplateRow | undefined> {
  const [row] = await db
    .update(shiftTemplates)
    .set({ ...values, updatedAt: at })
    .where(and(eq(shiftTemplates.teamId, teamId), eq(shiftTemplates.id, templateId)))
    .returning(templateColumns);
  return row;
}

export async function lockTemplate(tx: Tx, teamId: number, templateId: number): Promise<TemplateRow | undefined> {
  const [row] = await tx
    .select(templateColumns)
    .from(shiftTemplates)
    .where(and(eq(shiftTemplates.teamId, teamId), eq(shiftTemplates.id, templateId)))
    .for('update');
  return row;
}

// Weeks

export async function findWeek(db: Executor, teamId: number, weekStart: string) {
  const [row] = await db.select().from(scheduleWeeks).where(and(eq(scheduleWeeks.teamId, teamId), eq(scheduleWeeks.weekStart, weekStart)));
  return row;
}

/** The team's week, made as a draft if it did not exist; two leads at once make one row (its unique key). */
export async function ensureWeek(tx: Tx, teamId: number, weekStart: string) {
  await tx.insert(scheduleWeeks).values({ teamId, weekStart }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(scheduleWeeks)
    .where(and(eq(scheduleWeeks.teamId, teamId), eq(scheduleWeeks.weekStart, weekStart)))
    .for('update');
  if (!row) throw new Error('schedule week vanished after insert');
  return row;
}

export async function lockWeek(tx: Tx, teamId: number, weekStart: string) {
  const [row] = await tx
    .select()
    .from(scheduleWeeks)
    .where(and(eq(scheduleWeeks.teamId, teamId), eq(scheduleWeeks.weekStart, weekStart)))
    .for('update');
  return row;
}

export async function publishWeek(tx: Tx, weekId: number, by: number, at: Date): Promise<void> {
  await tx.update(scheduleWeeks).set({ status: 'published', publishedAt: at, publishedBy: by, updatedAt: at }).where(eq(scheduleWeeks.id, weekId));
  await tx
    .update(shifts)
    .set({ status: 'published', updatedAt: at })
    .where(and(eq(shifts.scheduleWeekId, weekId), eq(shifts.status, 'draft')));
}

// Shifts

/** A shift's own fields: what is inserted (with who made it) and what is read back (with its id). */
type ShiftFields = {
  teamId: number;
  post: Post;
  scheduleWeekId: number | null;
  templateId: number | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  status: ShiftStatus;
  openForSignup: boolean;
  note: string;
};

export type NewShift = ShiftFields & { createdBy: number };

/** Inserts shifts, skipping any a template already made for that start (shifts_template_start_key). */
export async function insertShifts(tx: Tx, rows: readonly NewShift[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await tx.insert(shifts).values([...rows]).onConflictDoNothing().returning({ id: shifts.id });
  return inserted.map((row) => row.id);
}

const shiftColumns = {
  id: shifts.id,
  teamId: shifts.teamId,
  post: shifts.post,
  scheduleWeekId: shifts.scheduleWeekId,
  templateId: shifts.templateId,
  startsAt: shifts.startsAt,
  endsAt: shifts.endsAt,
  capacity: shifts.capacity,
  status: shifts.status,
  openForSignup: shifts.openForSignup,
  note: shifts.note,
};
export type ShiftRow = { id: number } & ShiftFields;

export async function findShift(db: Executor, teamId: number, shiftId: number): Promise<ShiftRow | undefined> {
  const [row] = await db.select(shiftColumns).from(shifts).where(and(eq(shifts.teamId, teamId), eq(shifts.id, shiftId)));
  return row;
}

/** Locks the shift row: sign-ups, assignments and swaps on it then count places one at a time. */
export async function lockShift(tx: Tx, teamId: number, shiftId: number): Promise<ShiftRow | undefined> {
  const [row] = await tx.select(shiftColumns).from(shifts).where(and(eq(shifts.teamId, teamId), eq(shifts.id, shiftId))).for('update');
  return row;
}

/** Locks several shifts in id order, so two transactions locking the same pair cannot deadlock. */
export async function lockShiftsById(tx: Tx, shiftIds: readonly number[]): Promise<Map<number, ShiftRow>> {
  const found = new Map<number, ShiftRow>();
  for (const id of [...new Set(shiftIds)].sort((a, b) => a - b)) {
    const [row] = await tx.select(shiftColumns).from(shifts).where(eq(shifts.id, id)).for('update');
    if (row) found.set(id, row);
  }
  return found;
}

export async function updateShift(tx: Tx, shiftId: number, values: Partial<Pick<ShiftRow, 'capacity' | 'openForSignup' | 'note' | 'status'>>, at: Date) {
  await tx.update(shifts).set({ ...values, updatedAt: at }).where(eq(shifts.id, shiftId));
}

export async function shiftsOfTeamBetween(db: Executor, teamId: number, from: Date, to: Date, publishedOnly: boolean): Promise<ShiftRow[]> {
  return db
    .select(shiftColumns)
    .from(shifts)
    .where(
      and(
        eq(shifts.teamId, teamId),
        gte(shifts.startsAt, from),
        lt(shifts.startsAt, to),
        publishedOnly ? eq(shifts.status, 'published') : undefined,
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.post), asc(shifts.id));
}

// Places

const placeColumns = {
  assignmentId: shiftAssignments.id,
  shiftId: shiftAssignments.shiftId,
  studentId: shiftAssignments.studentId,
  studentName: users.displayName,
  status: shiftAssignments.status,
  source: shiftAssignments.source,
};
export type PlaceRow = Awaited<ReturnType<typeof placesOfShifts>>[number];

export async function placesOfShifts(db: Executor, shiftIds: readonly number[]) {
  if (shiftIds.length === 0) return [];
  return db
    .select(placeColumns)
    .from(shiftAssignments)
    .innerJoin(users, eq(users.id, shiftAssignments.studentId))
    .where(inArray(shiftAssignments.shiftId, [...shiftIds]))
    .orderBy(asc(shiftAssignments.createdAt), asc(shiftAssignments.id));
}

export async function countHolding(tx: Executor, shiftId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(shiftAssignments)
    .where(and(eq(shiftAssignments.shiftId, shiftId), inArray(shiftAssignments.status, HOLDING)));
  return row?.n ?? 0;
}

export async function findPlace(db: Executor, shiftId: number, assignmentId: number) {
  const [row] = await db
    .select({ id: shiftAssignments.id, studentId: shiftAssignments.studentId, status: shiftAssignments.status })
    .from(shiftAssignments)
    .where(and(eq(shiftAssignments.shiftId, shiftId), eq(shiftAssignments.id, assignmentId)));
  return row;
}

export async function findPlaceOfStudent(db: Executor, shiftId: number, studentId: number) {
  const [row] = await db
    .select({ id: shiftAssignments.id, studentId: shiftAssignments.studentId, status: shiftAssignments.status, source: shiftAssignments.source })
    .from(shiftAssignments)
    .where(and(eq(shiftAssignments.shiftId, shiftId), eq(shiftAssignments.studentId, studentId)));
  return row;
}

/** A place with its shift (for swaps): which team, when, whose. */
export async function findPlaceWithShift(db: Executor, assignmentId: number) {
  const [row] = await db
    .select({
      assignmentId: shiftAssignments.id,
      studentId: shiftAssignments.studentId,
      status: shiftAssignments.status,
      shiftId: shifts.id,
      teamId: shifts.teamId,
      shiftStatus: shifts.status,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
    })
    .from(shiftAssignments)
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .where(eq(shiftAssignments.id, assignmentId));
  return row;
}

/**
 * Puts the student on the shift: a new place, or their released one taken again (one row per
 * shift and student). Undefined when they already hold a place on it.
 */
export async function takePlace(
  tx: Tx,
  shiftId: number,
  studentId: number,
  source: AssignmentSource,
  assignedBy: number | null,
  at: Date,
  limitOverride: schema.LimitOverride | null = null,
) {
  const [row] = await tx
    .insert(shiftAssignments)
    .values({ shiftId, studentId, source, assignedBy, status: 'scheduled', limitOverride })
    .onConflictDoUpdate({
      target: [shiftAssignments.shiftId, shiftAssignments.studentId],
      set: { status: 'scheduled', source, assignedBy, limitOverride, updatedAt: at },
      setWhere: eq(shiftAssignments.status, 'released'),
    })
    .returning({ id: shiftAssignments.id });
  return row?.id;
}

export async function releasePlaces(tx: Tx, assignmentIds: readonly number[], at: Date): Promise<void> {
  if (assignmentIds.length === 0) return;
  await tx
    .update(shiftAssignments)
    .set({ status: 'released', updatedAt: at })
    .where(and(inArray(shiftAssignments.id, [...assignmentIds]), eq(shiftAssignments.status, 'scheduled')));
}

export async function scheduledPlaceIds(tx: Tx, shiftId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: shiftAssignments.id })
    .from(shiftAssignments)
    .where(and(eq(shiftAssignments.shiftId, shiftId), eq(shiftAssignments.status, 'scheduled')));
  return rows.map((row) => row.id);
}

/**
 * Serialises everything that changes one student's schedule (sign-ups on different shifts
 * at once would otherwise each pass the weekly limit alone). Taken after the shift locks.
 */
export async function lockStudents(tx: Tx, studentIds: readonly number[]): Promise<void> {
  for (const id of [...new Set(studentIds)].sort((a, b) => a - b)) {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, id)).for('no key update');
  }
}

/** The shifts a student holds a place on between two instants, in any team (cancelled shifts hold nothing). */
export async function heldShiftsOf(db: Executor, studentId: number, from: Date, to: Date, exceptAssignmentIds: readonly number[] = []) {
  const rows = await db
    .select({ assignmentId: shiftAssignments.id, shiftId: shifts.id, startsAt: shifts.startsAt, endsAt: shifts.endsAt })
    .from(shiftAssignments)
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .where(
      and(
        eq(shiftAssignments.studentId, studentId),
        inArray(shiftAssignments.status, HOLDING),
        ne(shifts.status, 'cancelled'),
        lt(shifts.startsAt, to),
        gt(shifts.endsAt, from),
      ),
    );
  return rows.filter((row) => !exceptAssignmentIds.includes(row.assignmentId));
}

// Members

export async function teamMembersOf(db: Executor, teamId: number) {
  return db
    .select({ userId: teamMembers.userId, displayName: users.displayName, post: teamMembers.post, isLead: teamMembers.isLead, roles: users.roles })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.status, 'active')))
    .orderBy(asc(teamMembers.post), asc(users.displayName), asc(users.id));
}

export async function isStudentMember(db: Executor, teamId: number, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId), sql`'student' = any(${users.roles})`, eq(users.status, 'active')));
  return row !== undefined;
}

export async function teamName(db: Executor, teamId: number): Promise<string | undefined> {
  const [row] = await db.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId));
  return row?.name;
}

// Availability

const availabilityColumns = {
  id: availabilityDeclarations.id,
  studentId: availabilityDeclarations.studentId,
  kind: availabilityDeclarations.kind,
  startsAt: availabilityDeclarations.startsAt,
  endsAt: availabilityDeclarations.endsAt,
  note: availabilityDeclarations.note,
};
export type AvailabilityRow = Awaited<ReturnType<typeof availabilityOf>>[number];

export async function availabilityOf(db: Executor, studentId: number, endingAfter: Date) {
  return db
    .select(availabilityColumns)
    .from(availabilityDeclarations)
    .where(and(eq(availabilityDeclarations.studentId, studentId), gt(availabilityDeclarations.endsAt, endingAfter)))
    .orderBy(asc(availabilityDeclarations.startsAt), asc(availabilityDeclarations.id));
}

export async function insertAvailability(
  db: Executor,
  values: { studentId: number; kind: AvailabilityRow['kind']; startsAt: Date; endsAt: Date; note: string },
): Promise<AvailabilityRow> {
  const [row] = await db.insert(availabilityDeclarations).values(values).returning(availabilityColumns);
  if (!row) throw new Error('insert into availability_declarations returned no row');
  return row;
}

export async function deleteAvailability(db: Executor, studentId: number, id: number): Promise<boolean> {
  const rows = await db
    .delete(availabilityDeclarations)
    .where(and(eq(availabilityDeclarations.id, id), eq(availabilityDeclarations.studentId, studentId)))
    .returning({ id: availabilityDeclarations.id });
  return rows.length > 0;
}

/** `unavailable` declarations of these students that overlap [from, to). */
export async function unavailableBetween(db: Executor, studentIds: readonly number[], from: Date, to: Date) {
  if (studentIds.length === 0) return [];
  return db
    .select(availabilityColumns)
    .from(availabilityDeclarations)
    .where(
      and(
        inArray(availabilityDeclarations.studentId, [...new Set(studentIds)]),
        eq(availabilityDeclarations.kind, 'unavailable'),
        lt(availabilityDeclarations.startsAt, to),
        gt(availabilityDeclarations.endsAt, from),
      ),
    );
}
