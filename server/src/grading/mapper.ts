import type { schema } from '@qiaodu/db';
import {
  EVALUATOR_ROLE_LABELS,
  GRADE_STATUS_LABELS,
  type EvaluationView,
  type PlaceShift,
  type RubricCriterion,
  type RubricDetail,
  type RubricSummary,
  type RubricVersionView,
} from '@qiaodu/shared';
import type { CriterionRow, TemplateRow, VersionRow } from './rubric-repository';

type EvaluationRow = typeof schema.shiftEvaluations.$inferSelect;

export function toCriterion(row: CriterionRow): RubricCriterion {
  return { id: row.id, position: row.position, name: row.name, description: row.description, weight: row.weight, levels: row.levels };
}

export function toRubricSummary(row: TemplateRow, criteriaCount: number): RubricSummary {
  return {
    id: row.id,
    post: row.post,
    name: row.name,
    isDefault: row.isDefault,
    archived: row.archivedAt !== null,
    latestVersion: row.latestVersion,
    criteriaCount,
    usedByEvaluations: row.usedByEvaluations,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toVersionView(version: VersionRow, criteria: readonly CriterionRow[]): RubricVersionView {
  return { id: version.id, version: version.version, createdAt: version.createdAt.toISOString(), criteria: criteria.map(toCriterion) };
}

export function toRubricDetail(row: TemplateRow, version: VersionRow, criteria: readonly CriterionRow[]): RubricDetail {
  return { ...toRubricSummary(row, criteria.length), current: toVersionView(version, criteria) };
}

/** An evaluation read against the criteria of the version it was graded with. */
export function toEvaluationView(row: EvaluationRow, criteria: readonly CriterionRow[], evaluatorName: string | null): EvaluationView {
  return {
    id: row.id,
    role: row.evaluatorRole,
    roleLabel: EVALUATOR_ROLE_LABELS[row.evaluatorRole],
    evaluatorName,
    status: row.status,
    statusLabel: GRADE_STATUS_LABELS[row.status],
    rubricVersionId: row.rubricVersionId,
    scores: criteria.flatMap((criterion) => {
      const score = row.scores[String(criterion.id)];
      if (!score) return [];
      return [
        {
          criterionId: criterion.id,
          criterionName: criterion.name,
          points: score.points,
          maxPoints: Math.max(...criterion.levels.map((level) => level.points)),
          levelLabel: criterion.levels.find((level) => level.points === score.points)?.label ?? '',
          comment: score.comment,
        },
      ];
    }),
    overallComment: row.overallComment,
    scoreBasisPoints: row.scoreBasisPoints,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    lockedAt: row.lockedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ShiftRow {
  shiftId: number;
  teamId: number;
  teamName: string;
  post: PlaceShift['post'];
  startsAt: Date;
  endsAt: Date;
}

export function toPlaceShift(row: ShiftRow): PlaceShift {
  return { id: row.shiftId, teamId: row.teamId, teamName: row.teamName, post: row.post, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() };
}
