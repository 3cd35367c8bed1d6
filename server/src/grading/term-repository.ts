import { schema, type Tx } from '@qiaodu/db';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';

const { shiftAssignments, shiftEvaluations, shifts, terms } = schema;

export async function lockTerm(tx: Tx, termId: number) {
  const [row] = await tx.select().from(terms).where(eq(terms.id, termId)).for('update');
  return row;
}

/** Closed with the weights in force now: the term's final grades keep them (term-lock.ts weightsResolver). */
export async function markTermClosed(tx: Tx, termId: number, closedBy: number, weights: { teacher: number; mentor: number }, at: Date): Promise<void> {
  await tx.update(terms).set({ closedAt: at, closedBy, teacherWeight: weights.teacher, mentorWeight: weights.mentor }).where(eq(terms.id, termId));
}

/** Evaluations of places whose shift starts in [from, until), in a status, locked for update. */
export async function evaluationsInRange(tx: Tx, from: Date, until: Date, status: 'published' | 'draft') {
  return tx
    .select({ evaluation: shiftEvaluations })
    .from(shiftEvaluations)
    .innerJoin(shiftAssignments, eq(shiftAssignments.id, shiftEvaluations.assignmentId))
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .where(and(eq(shiftEvaluations.status, status), gte(shifts.startsAt, from), lt(shifts.startsAt, until)))
    .for('update', { of: shiftEvaluations });
}

export async function lockEvaluations(tx: Tx, evaluationIds: readonly number[], at: Date) {
  if (evaluationIds.length === 0) return [];
  return tx
    .update(shiftEvaluations)
    .set({ status: 'locked', lockedAt: at, updatedAt: at })
    .where(and(inArray(shiftEvaluations.id, [...evaluationIds]), sql`${shiftEvaluations.status} = 'published'`))
    .returning();
}
