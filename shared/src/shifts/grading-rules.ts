import type { GradeStatus } from '../shift-enums';

/**
 * The arithmetic and workflow of shift grades, zod-free and pure so the server stores what the
 * storefront previews. Scores are basis points (0–10000 = 0–100.00 %), rounded half up once,
 * at the end: rounding per criterion would let the order of criteria change a grade.
 */

/** One criterion as the score needs it: its relative weight and the points of its levels. */
export interface ScoredCriterion {
  id: number;
  weight: number;
  levelPoints: readonly number[];
}

/** a/b rounded half up, exactly, for non-negative a and positive b. */
function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/**
 * sum(points/maxPoints × weight) / sum(weight) × 10000, rounded half up. Computed over one
 * common denominator in BigInt: maxPoints differ per criterion, and floats would round 0.5
 * cases either way.
 */
export function evaluationBasisPoints(criteria: readonly ScoredCriterion[], pointsByCriterion: ReadonlyMap<number, number>): number {
  if (criteria.length === 0) throw new RangeError('a rubric version has at least one criterion');
  const maxima = criteria.map((criterion) => BigInt(Math.max(...criterion.levelPoints)));
  const common = maxima.reduce((product, max) => product * max, 1n);
  let numerator = 0n;
  let weightSum = 0n;
  criteria.forEach((criterion, index) => {
    const points = pointsByCriterion.get(criterion.id);
    if (points === undefined) throw new RangeError(`criterion ${criterion.id} has no points`);
    const max = maxima[index] ?? 1n;
    numerator += BigInt(points) * BigInt(criterion.weight) * (common / max) * 10000n;
    weightSum += BigInt(criterion.weight);
  });
  return roundHalfUp(numerator, common * weightSum);
}

/**
 * Percent of the final grade from each side of 双导师; an admin sets them, they sum to 100. The
 * final grade itself is finalGrade() in reports-final-grade.ts.
 */
export interface GradeWeights {
  teacher: number;
  mentor: number;
}

/** Whether weights are usable: integers 0–100 that sum to 100 (the settings CHECK says the same). */
export function gradeWeightsProblem(weights: GradeWeights): string | null {
  const valid = (value: number) => Number.isInteger(value) && value >= 0 && value <= 100;
  if (!valid(weights.teacher) || !valid(weights.mentor)) return '权重必须是 0 到 100 的整数';
  if (weights.teacher + weights.mentor !== 100) return '校内导师与企业导师的权重之和必须为 100%';
  return null;
}

/**
 * 待评 → 已评 (saving) → 已发布 (publishing) → 已锁定 (term close). Saving again keeps the status:
 * a published grade edited stays published (and is logged); a locked one only by an admin.
 */
export const GRADE_TRANSITIONS: Readonly<Record<GradeStatus, readonly GradeStatus[]>> = {
  pending: ['draft'],
  draft: ['draft', 'published'],
  published: ['published', 'locked'],
  locked: ['locked'],
};

export function canMoveGrade(from: GradeStatus, to: GradeStatus): boolean {
  return GRADE_TRANSITIONS[from].includes(to);
}

/** What saving an evaluation makes of it: a new one becomes a draft, the rest keep their status. */
export function statusAfterSave(from: GradeStatus): GradeStatus {
  return from === 'pending' ? 'draft' : from;
}

/** Basis points as the school reads them: 8750 → "87.50". */
export function formatBasisPoints(basisPoints: number): string {
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;
}
