import type { Db, Tx } from '@qiaodu/db';
import type { CriterionScores } from '@qiaodu/db/schema';
import { canMoveGrade, evaluationBasisPoints, statusAfterSave, type EvaluatorRole, type SaveEvaluationBody, type ShiftGradingView } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { amendsLockedGrades } from '../policy/policy';
import { defaultVersionIdOf, gradingView, isGradable } from './evaluation-view';
import { gradablePlaceFor } from './place-access';
import * as repo from './place-repository';
import { criteriaOf, type CriterionRow } from './rubric-repository';
import { shareTermOf } from './term-lock';

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
 * The side an evaluation is written on: the grader's own (policy: evaluatorRoleFor), or, for an
 * admin only, the side they name — an admin is on the teacher side by default and would otherwise
 * never reach a locked mentor evaluation. Anyone else naming a side is refused, even their own.
 */
function sideOf(actor: Actor, ownRole: EvaluatorRole, side: EvaluatorRole | undefined): EvaluatorRole {
  if (side === undefined) return ownRole;
  if (!amendsLockedGrades(actor)) throw new AppError('GRADE_SIDE_FORBIDDEN');
  return side;
}

const otherSide = (role: EvaluatorRole): EvaluatorRole => (role === 'teacher' ? 'mentor' : 'teacher');

/**
 * One side's evaluation of a place: saving (待评 → 已评; a published grade edited stays
 * published and is logged; a locked one only an admin changes, with a reason) and publishing
 * (已评 → 已发布, the student sees it). Every change the student could see goes to grade_changes.
 *
 * A place in a closed term is locked whatever its evaluation's status: the term is read FOR SHARE
 * before the place (close takes it FOR UPDATE first), so a save racing a close either finishes
 * before it (and is locked by it) or sees it closed. Then only an admin writes, with a reason, and
 * what they write is locked at once and logged.
 */
export function createEvaluationService({ db, clock }: EvaluationDeps) {
  /** Re-reads the place under a lock: its status decides whether it may be graded. */
  async function lockGradablePlace(tx: Tx, assignmentId: number) {
    await repo.lockPlace(tx, assignmentId);
    const place = await repo.findPlace(tx, assignmentId);
    if (!place || !isGradable(place.status)) throw new AppError('SHIFT_NOT_GRADABLE');
    return place;
  }

  /** The place's term under a share lock; a closed one lets only an admin through. */
  async function closedTermFor(tx: Tx, actor: Actor, startsAt: Date): Promise<string | null> {
    const term = await shareTermOf(tx, startsAt);
    if (!term?.closedAt) return null;
    if (!amendsLockedGrades(actor)) throw new AppError('GRADE_LOCKED', `学期「${term.name}」已结束，成绩已锁定，只有管理员可以修改`);
    return term.name;
  }

  async function viewAs(actor: Actor, assignmentId: number, side: EvaluatorRole | undefined): Promise<ShiftGradingView> {
    const { place, role } = await gradablePlaceFor(db, actor, assignmentId);
    return gradingView(db, actor, place, sideOf(actor, role, side));
  }

  return {
    async view(actor: Actor, assignmentId: number, side?: EvaluatorRole): Promise<ShiftGradingView> {
      return viewAs(actor, assignmentId, side);
    },

    async save(
      actor: Actor,
      assignmentId: number,
      body: SaveEvaluationBody & { scores: ParsedScores; reason: string; side?: EvaluatorRole | undefined },
    ): Promise<ShiftGradingView> {
      const { place: seen, role: ownRole } = await gradablePlaceFor(db, actor, assignmentId);
      const role = sideOf(actor, ownRole, body.side);
      const at = clock();
      await db.transaction(async (tx) => {
        const closedTerm = await closedTermFor(tx, actor, seen.startsAt);
        if (closedTerm !== null && !body.reason) throw new AppError('GRADE_REASON_REQUIRED');
        const place = await lockGradablePlace(tx, assignmentId);
        const written = await repo.evaluationsOfPlace(tx, assignmentId);
        let existing = await repo.lockEvaluation(tx, assignmentId, role);
        if (existing?.status === 'locked') {
          if (!amendsLockedGrades(actor)) throw new AppError('GRADE_LOCKED');
          if (!body.reason) throw new AppError('GRADE_REASON_REQUIRED');
        }
        // An evaluation keeps the version it was first saved with, whatever the rubric became since;
        // a new one takes the other side's version, so both sides grade against the same rubric.
        const other = written.find((row) => row.evaluatorRole === otherSide(role));
        const versionId = existing?.rubricVersionId ?? other?.rubricVersionId ?? (await defaultVersionIdOf(tx, place.post));
        if (!versionId) throw new AppError('RUBRIC_MISSING');
        const criteria = await criteriaOf(tx, [versionId]);
        const { stored, points } = judgeScores(criteria, body.scores);
        const values = {
          // An admin's amendment keeps the original author; who changed it is in grade_changes.
          evaluatorId: existing && amendsLockedGrades(actor) ? (existing.evaluatorId ?? actor.userId) : actor.userId,
          rubricVersionId: versionId,
          scores: stored,
          overallComment: body.overallComment ?? '',
          scoreBasisPoints: evaluationBasisPoints(
            criteria.map((criterion) => ({ id: criterion.id, weight: criterion.weight, levelPoints: criterion.levels.map((level) => level.points) })),
            points,
          ),
        };
        if (!existing) {
          // In a closed term an admin's first save is visible and locked at once (a locked grade is a published one).
          const fields = closedTerm !== null ? { status: 'locked' as const, publishedAt: at, lockedAt: at } : { status: statusAfterSave('pending') };
          const inserted = await repo.insertEvaluation(tx, assignmentId, role, { ...values, ...fields }, at);
          if (inserted) {
            if (closedTerm !== null) {
              await repo.insertGradeChange(tx, { evaluationId: inserted.id, changedBy: actor.userId, reason: body.reason, before: null, after: repo.snapshotOf(inserted) }, at);
            }
            return;
          }
          // The same side saved at the same moment elsewhere: this save edits that one.
          existing = await repo.lockEvaluation(tx, assignmentId, role);
          if (!existing) throw new Error('shift evaluation vanished between insert and read');
        }
        if (closedTerm !== null) {
          // Written by an admin in a closed term: locked at once, whatever it was.
          const updated = await repo.updateEvaluation(
            tx,
            existing.id,
            { ...values, status: 'locked', publishedAt: existing.publishedAt ?? at, lockedAt: existing.lockedAt ?? at },
            at,
          );
          await repo.insertGradeChange(tx, { evaluationId: existing.id, changedBy: actor.userId, reason: body.reason, before: repo.snapshotOf(existing), after: repo.snapshotOf(updated) }, at);
          return;
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
      return viewAs(actor, assignmentId, body.side);
    },

    async publish(actor: Actor, assignmentId: number): Promise<ShiftGradingView> {
      const { place, role } = await gradablePlaceFor(db, actor, assignmentId);
      const at = clock();
      await db.transaction(async (tx) => {
        const closedTerm = await closedTermFor(tx, actor, place.startsAt);
        await lockGradablePlace(tx, assignmentId);
        const existing = await repo.lockEvaluation(tx, assignmentId, role);
        if (!existing || existing.status !== 'draft' || !canMoveGrade(existing.status, 'published')) {
          throw new AppError('INVALID_STATE', existing ? '该评分已发布或已锁定' : '请先保存评分再发布');
        }
        // In a closed term (an admin, closedTermFor let them through) publishing locks at once.
        const updated = await repo.updateEvaluation(
          tx,
          existing.id,
          closedTerm !== null ? { status: 'locked', publishedAt: at, lockedAt: at } : { status: 'published', publishedAt: at },
          at,
        );
        await repo.insertGradeChange(
          tx,
          {
            evaluationId: existing.id,
            changedBy: actor.userId,
            reason: closedTerm !== null ? `学期「${closedTerm}」已结束，管理员发布即锁定` : '',
            before: repo.snapshotOf(existing),
            after: repo.snapshotOf(updated),
          },
          at,
        );
      });
      return this.view(actor, assignmentId);
    },
  };
}
