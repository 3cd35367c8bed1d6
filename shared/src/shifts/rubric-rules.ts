/**
 * What makes a rubric usable for grading, zod-free so the rubric editor shows the server's
 * words: at least one criterion, each with a name, a positive whole weight, and at least two
 * levels of distinct whole points 0–100 including a 0 level (absent or unacceptable work must
 * have a level to be graded at; the database checks the 0 level too).
 */
export const RUBRIC_NAME_MAX = 40;
export const RUBRIC_CRITERIA_MAX = 10;
export const RUBRIC_CRITERION_NAME_MAX = 40;
export const RUBRIC_TEXT_MAX = 200;
export const RUBRIC_LEVELS_MAX = 6;
export const RUBRIC_LEVEL_LABEL_MAX = 20;
export const RUBRIC_POINTS_MAX = 100;
export const RUBRIC_WEIGHT_MAX = 100;

export interface RubricLevelDraft {
  points: number;
  label: string;
  descriptor: string;
}

export interface RubricCriterionDraft {
  name: string;
  weight: number;
  levels: readonly RubricLevelDraft[];
}

export function rubricCriterionProblem(criterion: RubricCriterionDraft): string | null {
  const name = criterion.name.trim() || '评分项';
  if (!criterion.name.trim()) return '评分项名称不能为空';
  if (!Number.isInteger(criterion.weight) || criterion.weight < 1 || criterion.weight > RUBRIC_WEIGHT_MAX) {
    return `「${name}」的权重必须是 1 到 ${RUBRIC_WEIGHT_MAX} 的整数`;
  }
  if (criterion.levels.length < 2) return `「${name}」至少需要 2 个等级`;
  if (criterion.levels.length > RUBRIC_LEVELS_MAX) return `「${name}」最多 ${RUBRIC_LEVELS_MAX} 个等级`;
  const seen = new Set<number>();
  for (const level of criterion.levels) {
    if (!Number.isInteger(level.points) || level.points < 0 || level.points > RUBRIC_POINTS_MAX) {
      return `「${name}」的等级分值必须是 0 到 ${RUBRIC_POINTS_MAX} 的整数`;
    }
    if (seen.has(level.points)) return `「${name}」的等级分值不能重复`;
    seen.add(level.points);
    if (!level.label.trim()) return `「${name}」的等级名称不能为空`;
  }
  if (!seen.has(0)) return `「${name}」必须有 0 分等级`;
  return null;
}

export function rubricCriteriaProblem(criteria: readonly RubricCriterionDraft[]): string | null {
  if (criteria.length === 0) return '评分量表至少需要 1 个评分项';
  if (criteria.length > RUBRIC_CRITERIA_MAX) return `评分量表最多 ${RUBRIC_CRITERIA_MAX} 个评分项`;
  for (const criterion of criteria) {
    const problem = rubricCriterionProblem(criterion);
    if (problem) return problem;
  }
  return null;
}
