import { schema, type Db } from '@qiaodu/db';
import type { AssignmentStatus, GradingQueue, MyShiftGradeList, Post, SaveEvaluationBody, ShiftGradingView, TermCloseResult } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import { useSeededApp } from './app-fixture';
import { personaClient } from './auth';

const { shiftAssignments, shifts, terms } = schema;

const MINUTE = 60_000;

export interface PlaceSpec {
  teamId: number;
  studentId: number;
  post: Post;
  startsAt: Date;
  /** Minutes; 120 unless told. */
  durationMinutes?: number;
  status: AssignmentStatus;
  /** Clock-in minutes after the start (negative: early); 0 unless told. */
  clockInOffset?: number;
  late?: boolean;
}

/**
 * A shift and a student's place on it, written straight to the database: these tests are about
 * grading, and the planning and clock endpoints are proven in their own files. A clocked-in
 * place makes the student's real actions carry the shift (attribution); completePlace ends it.
 */
export async function insertPlace(db: Db, spec: PlaceSpec): Promise<{ shiftId: number; assignmentId: number; endsAt: Date }> {
  const endsAt = new Date(spec.startsAt.getTime() + (spec.durationMinutes ?? 120) * MINUTE);
  const [shift] = await db
    .insert(shifts)
    .values({ teamId: spec.teamId, post: spec.post, startsAt: spec.startsAt, endsAt, capacity: 2, status: 'published' })
    .returning({ id: shifts.id });
  const clocked = spec.status === 'clocked_in' || spec.status === 'completed' || spec.status === 'auto_closed';
  const clockInAt = clocked ? new Date(spec.startsAt.getTime() + (spec.clockInOffset ?? 0) * MINUTE) : null;
  const done = spec.status === 'completed' || spec.status === 'auto_closed';
  const [place] = await db
    .insert(shiftAssignments)
    .values({
      shiftId: shift!.id,
      studentId: spec.studentId,
      source: 'assigned',
      status: spec.status,
      clockInAt,
      clockOutAt: done ? endsAt : null,
      late: spec.late ?? false,
      autoClosed: spec.status === 'auto_closed',
    })
    .returning({ id: shiftAssignments.id });
  return { shiftId: shift!.id, assignmentId: place!.id, endsAt };
}

/** Clocks a place out at `at` (the student's 签退). */
export async function completePlace(db: Db, assignmentId: number, at: Date): Promise<void> {
  await db.update(shiftAssignments).set({ status: 'completed', clockOutAt: at }).where(eq(shiftAssignments.id, assignmentId));
}

/** A term row, as the reports slice's terms page creates them. */
export async function insertTerm(db: Db, name: string, startsOn: string, endsOn: string): Promise<number> {
  const [row] = await db.insert(terms).values({ name, startsOn, endsOn }).returning({ id: terms.id });
  return row!.id;
}

/** Grading calls as demo personas over real HTTP. */
export function gradingClient(client: ReturnType<typeof personaClient>) {
  const { send } = client;
  return {
    view: (persona: string, assignmentId: number) => send<ShiftGradingView>(persona, 'GET', `/api/console/grading/places/${assignmentId}`),
    save: (persona: string, assignmentId: number, body: SaveEvaluationBody | Record<string, unknown>) =>
      send<ShiftGradingView>(persona, 'PUT', `/api/console/grading/places/${assignmentId}/evaluation`, body),
    publish: (persona: string, assignmentId: number) =>
      send<ShiftGradingView>(persona, 'POST', `/api/console/grading/places/${assignmentId}/evaluation/publish`),
    queue: (persona: string, query = '') => send<GradingQueue>(persona, 'GET', `/api/console/grading/queue${query ? `?${query}` : ''}`),
    closeTerm: (persona: string, termId: number) => send<TermCloseResult>(persona, 'POST', `/api/console/terms/${termId}/close`),
    myGrades: (persona: string) => send<MyShiftGradeList>(persona, 'GET', '/api/me/shift-grades'),
  };
}

/** A score for every criterion of the rubric shown: `pick` chooses the level (index 0 = the top level). */
export function scoresFor(view: ShiftGradingView, pick: (levelPoints: number[], index: number) => number, comment = '') {
  if (!view.rubric) throw new Error('the place has no rubric');
  return view.rubric.criteria.map((criterion, index) => ({
    criterionId: criterion.id,
    points: pick(criterion.levels.map((level) => level.points), index),
    comment,
  }));
}

/**
 * A grading suite's app on the seeded database: its db, a persona client and the grading calls.
 * (Call at a test file's top level: it registers the fixture's hooks.)
 */
export function useGradingApp() {
  const fixture = useSeededApp();
  const db = () => fixture.testDb.database.db;
  const client = personaClient(() => fixture.app.baseUrl);
  return { db, grading: gradingClient(client), send: client.send };
}

/** A local time in the school's zone (UTC+8), e.g. at('2026-09-15T14:00:00'). */
export const atLocal = (local: string) => new Date(`${local}+08:00`);
/** The top level of a criterion (its level points, highest first). */
export const topLevel = (levels: number[]) => levels[0]!;
