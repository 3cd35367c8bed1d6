import { schema, type Db } from '@qiaodu/db';
import type { Post, ShiftStatus } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import { teamIdOf, userIdOf } from './inventory';

const { shiftAssignments, shifts } = schema;
const MINUTE = 60_000;

/**
 * A published shift of `team` with `student` holding a place, written straight to the database:
 * attendance tests are about clocking, not about planning (the planning slice tests that).
 * `startsInMinutes` counts from `now`.
 */
export async function shiftWithPlace(
  db: Db,
  options: { team: string; student: string; post?: Post; now: Date; startsInMinutes: number; durationMinutes?: number; status?: ShiftStatus },
): Promise<{ shiftId: number; assignmentId: number; teamId: number; studentId: number; startsAt: Date; endsAt: Date }> {
  const teamId = await teamIdOf(db, options.team);
  const studentId = await userIdOf(db, options.student);
  const startsAt = new Date(options.now.getTime() + options.startsInMinutes * MINUTE);
  const endsAt = new Date(startsAt.getTime() + (options.durationMinutes ?? 120) * MINUTE);
  const [shift] = await db
    .insert(shifts)
    .values({ teamId, post: options.post ?? 'warehouse', startsAt, endsAt, capacity: 3, status: options.status ?? 'published' })
    .returning({ id: shifts.id });
  const [place] = await db.insert(shiftAssignments).values({ shiftId: shift!.id, studentId, source: 'assigned' }).returning({ id: shiftAssignments.id });
  return { shiftId: shift!.id, assignmentId: place!.id, teamId, studentId, startsAt, endsAt };
}

/** Another student's place on an existing shift. */
export async function addPlace(db: Db, shiftId: number, student: string): Promise<number> {
  const studentId = await userIdOf(db, student);
  const [place] = await db.insert(shiftAssignments).values({ shiftId, studentId, source: 'assigned' }).returning({ id: shiftAssignments.id });
  return place!.id;
}

export async function placeRow(db: Db, assignmentId: number) {
  const [row] = await db.select().from(shiftAssignments).where(eq(shiftAssignments.id, assignmentId));
  if (!row) throw new Error(`no place ${assignmentId}`);
  return row;
}

/**
 * Clocked in at `at` (written directly): for tests of what happens while someone is on shift,
 * where the clock-in itself is not what is tested.
 */
export async function clockedInDirectly(db: Db, assignmentId: number, at: Date): Promise<void> {
  await db.update(shiftAssignments).set({ status: 'clocked_in', clockInAt: at, clockOutAt: null }).where(eq(shiftAssignments.id, assignmentId));
}

export async function clockedOutDirectly(db: Db, assignmentId: number, at: Date): Promise<void> {
  await db.update(shiftAssignments).set({ status: 'completed', clockOutAt: at }).where(eq(shiftAssignments.id, assignmentId));
}
