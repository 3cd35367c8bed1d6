import { schema, type Db, type Tx } from '@qiaodu/db';
import type { CriterionScores, GradeSnapshot } from '@qiaodu/db/schema';
import type { EvaluatorRole, GradeStatus } from '@qiaodu/shared';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { selectPlaces } from '../shifts/place-reader';

const { gradeChanges, shiftAssignments, shiftEvaluations, shifts, users } = schema;
type Executor = Db | Tx;

export async function findPlace(db: Executor, assignmentId: number) {
  const [row] = await selectPlaces(db).where(eq(shiftAssignments.id, assignmentId));
  return row;
}
export type PlaceRow = NonNullable<Awaited<ReturnType<typeof findPlace>>>;

/**
 * Holds the place while an evaluation of it is written: attendance corrections wait, and see the
 * grade after; the two sides' saves of one place run one after the other, so the second reads the
 * first one's rubric version (both sides grade against the same version).
 */
export async function lockPlace(tx: Tx, assignmentId: number): Promise<void> {
  await tx.select({ id: shiftAssignments.id }).from(shiftAssignments).where(eq(shiftAssignments.id, assignmentId)).for('no key update');
}

export type EvaluationRow = typeof shiftEvaluations.$inferSelect;

export async function evaluationsOf(db: Executor, assignmentIds: readonly number[]) {
  if (assignmentIds.length === 0) return [];
  return db
    .select({ evaluation: shiftEvaluations, evaluatorName: users.displayName })
    .from(shiftEvaluations)
    .leftJoin(users, eq(users.id, shiftEvaluations.evaluatorId))
    .where(inArray(shiftEvaluations.assignmentId, [...assignmentIds]));
}

export async function lockEvaluation(tx: Tx, assignmentId: number, role: EvaluatorRole): Promise<EvaluationRow | undefined> {
  const [row] = await tx
    .select()
    .from(shiftEvaluations)
    .where(and(eq(shiftEvaluations.assignmentId, assignmentId), eq(shiftEvaluations.evaluatorRole, role)))
    .for('update');
  return row;
}

/** The evaluations of a place already written, either side (read under the place lock). */
export async function evaluationsOfPlace(tx: Tx, assignmentId: number): Promise<EvaluationRow[]> {
  return tx.select().from(shiftEvaluations).where(eq(shiftEvaluations.assignmentId, assignmentId));
}

export interface EvaluationValues {
  evaluatorId: number;
  rubricVersionId: number;
  scores: CriterionScores;
  overallComment: string;
  scoreBasisPoints: number;
  status: GradeStatus;
}

/**
 * A first save: the unique (place, role) index turns a concurrent first save of the same side
 * into nothing inserted, and the caller reads the row the other request wrote.
 */
export async function insertEvaluation(
  tx: Tx,
  assignmentId: number,
  role: EvaluatorRole,
  values: EvaluationValues & { publishedAt?: Date; lockedAt?: Date },
  at: Date,
) {
  const [row] = await tx
    .insert(shiftEvaluations)
    .values({ assignmentId, evaluatorRole: role, ...values, createdAt: at, updatedAt: at })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateEvaluation(
  tx: Tx,
  evaluationId: number,
  values: Partial<EvaluationValues> & { publishedAt?: Date; lockedAt?: Date },
  at: Date,
): Promise<EvaluationRow> {
  const [row] = await tx.update(shiftEvaluations).set({ ...values, updatedAt: at }).where(eq(shiftEvaluations.id, evaluationId)).returning();
  if (!row) throw new Error(`shift evaluation ${evaluationId} vanished`);
  return row;
}

export function snapshotOf(row: EvaluationRow): GradeSnapshot {
  return { status: row.status, scores: row.scores, overallComment: row.overallComment, scoreBasisPoints: row.scoreBasisPoints };
}

export async function insertGradeChange(
  tx: Tx,
  change: { evaluationId: number; changedBy: number | null; reason: string; before: GradeSnapshot | null; after: GradeSnapshot },
  at: Date,
): Promise<void> {
  await tx.insert(gradeChanges).values({ ...change, createdAt: at });
}

/** A student's places that have an evaluation they may see (published or locked), newest shift first. */
export async function placesWithVisibleGrades(db: Executor, studentId: number) {
  return selectPlaces(db)
    .where(
      and(
        eq(shiftAssignments.studentId, studentId),
        sql`exists (select 1 from ${shiftEvaluations} where ${shiftEvaluations.assignmentId} = ${shiftAssignments.id}
          and ${shiftEvaluations.status} in ('published', 'locked'))`,
      ),
    )
    .orderBy(desc(shifts.startsAt), desc(shiftAssignments.id));
}
