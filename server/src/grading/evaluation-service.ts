import type { Db, Tx } from '@qiaodu/db';
import type { CriterionScores } from '@qiaodu/db/schema';
import { canMoveGrade, evaluationBasisPoints, statusAfterSave, type SaveEvaluationBody, type ShiftGradingView } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { amendsLockedGrades } from '../policy/policy';
import { defaultVersionIdOf, gradingView, isGradable } from './evaluation-view';
import { gradablePlaceFor } from './place-access';
import * as repo from './place-repository';
import { criteriaOf, type CriterionRow } from './rubric-repository';

interface EvaluationDeps {
  db: Db;
  clock: () => Date;
}

type ParsedScores = { criterionId: number; points: number; comment: string }[];

/** Every criterion of the version gets one level of its own; anything else changes nothing. */
function judgeScores(criteria: readonly CriterionRow[], scores: ParsedScores): { stored: CriterionScores; points: Map<number, number> } {
  const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
  const stored: CriterionScores = {};
  const points = new Map<number, number>();
  for (const score of scores) {
    const criterion = byId.get(score.criterionId);
    if (!criterion || points.has(score.criterionId)) {
      throw new AppError('GRADE_LEVEL_INVALID', '评分项不属于本评分量表或重复', { criterionId: score.criterionId });
    }
    if (!criterion.levels.some((level) => level.points === score.points)) {
      const allowed = criterion.levels.map((level) => level.points).join('/');
      throw new AppError('GRADE_LEVEL_INVALID', `「${criterion.name}」只能选择 ${allowed} 分`, { criterionId: criterion.id, allowed });
    }
    points.set(criterion.id, score.points);
    stored[String(criterion.id)] = { points: score.points, comment: score.comment };
  }
  const missing = criteria.filter((criterion) => !points.has(criterion.id));
  if (missing.length > 0) {
    throw new AppError('GRADE_INCOMPLETE', `请为「${missing.map((criterion) => criterion.name).join('、')}」选择等级`, {
      criterionIds: missing.map((criterion) => criterion.id),
    });
  }
  return { stored, points };
}

/**
 * One side's evaluation of a place: saving (待评 → 已评; a published grade edited stays
 * published and is logged; a locked one only an admin changes, with a reason) and publishing
 * (已评 → 已发布, the student sees it). Every change the student could see goes to grade_changes.
 */
export function createEvaluationService({ db, clock }: EvaluationDeps) {
  /** Re-reads the place under a share lock: its status decides whether it may be graded. */
  async function lockGradablePlace(tx: Tx, assignmentId: number) {
    await repo.lockPlace(tx, assignmentId);
    const place = await repo.findPlace(tx, assignmentId);
    if (!place || !isGradable(place.status)) throw new AppError('SHIFT_NOT_GRADABLE');
    return place;
  }

  return {
    async view(actor: Actor, assignmentId: number): Promise<ShiftGradingView> {
      const { place, role } = await gradablePlaceFor(db, actor, assignmentId);
      return gradingView(db, actor, place, role);
    },

    async save(actor: Actor, assignmentId: number, body: SaveEvaluationBody & { scores: ParsedScores; reason: string }): Promise<ShiftGradingView> {
      const { role } = await gradablePlaceFor(db, actor, assignmentId);
      const at = clock();
      await db.transaction(async (tx) => {
        const place = await lockGradablePlace(tx, assignmentId);
        let existing = await repo.lockEvaluation(tx, assignmentId, role);
        if (existing?.status === 'locked') {
          if (!amendsLockedGrades(actor)) throw new AppError('GRADE_LOCKED');
          if (!body.reason) throw new AppError('GRADE_REASON_REQUIRED');
        }
        // An evaluation keeps the version it was first saved with, whatever the rubric became since.
        const versionId = existing?.rubricVersionId ?? (await defaultVersionIdOf(tx, place.post));
        if (!versionId) throw new AppError('RUBRIC_MISSING');
        const criteria = await criteriaOf(tx, [versionId]);
        const { stored, points } = judgeScores(criteria, body.scores);
        const values = {
          evaluatorId: actor.userId,
          rubricVersionId: versionId,
          scores: stored,
          overallComment: body.overallComment ?? '',
          scoreBasisPoints: evaluationBasisPoints(
            criteria.map((criterion) => ({ id: criterion.id, weight: criterion.weight, levelPoints: criterion.levels.map((level) => level.points) })),
            points,
          ),
        };
        if (!existing) {
          const inserted = await repo.insertEvaluation(tx, assignmentId, role, { ...values, status: statusAfterSave('pending') }, at);
          if (inserted) return;
          // The same side saved at the same moment elsewhere: this save edits that one.
          existing = await repo.lockEvaluation(tx, assignmentId, role);
          if (!existing) throw new Error('shift evaluation vanished between insert and read');
        }
        const status = statusAfterSave(existing.status);
        if (!canMoveGrade(existing.status, status)) throw new AppError('INVALID_STATE');
        const updated = await repo.updateEvaluation(tx, existing.id, { ...values, status }, at);
        if (existing.status === 'published' || existing.status === 'locked') {
          await repo.insertGradeChange(
            tx,
            { evaluationId: existing.id, changedBy: actor.userId, reason: body.reason, before: repo.snapshotOf(existing), after: repo.snapshotOf(updated) },
            at,
          );
        }
      });
      return this.view(actor, assignmentId);
    },

    async publish(actor: Actor, assignmentId: number): Promise<ShiftGradingView> {
      const { role } = await gradablePlaceFor(db, actor, assignmentId);
      const at = clock();
      await db.transaction(async (tx) => {
        await lockGradablePlace(tx, assignmentId);
        const existing = await repo.lockEvaluation(tx, assignmentId, role);
        if (!existing || existing.status !== 'draft' || !canMoveGrade(existing.status, 'published')) {
          throw new AppError('INVALID_STATE', existing ? '该评分已发布或已锁定' : '请先保存评分再发布');
        }
        const updated = await repo.updateEvaluation(tx, existing.id, { status: 'published', publishedAt: at }, at);
        await repo.insertGradeChange(
          tx,
          { evaluationId: existing.id, changedBy: actor.userId, reason: '', before: repo.snapshotOf(existing), after: repo.snapshotOf(updated) },
          at,
        );
      });
      return this.view(actor, assignmentId);
    },
  };
}
