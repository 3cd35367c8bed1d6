import { describe, expect, it } from 'vitest';
import {
  canMoveGrade,
  evaluationBasisPoints,
  formatBasisPoints,
  gradeWeightsProblem,
  statusAfterSave,
  type ScoredCriterion,
} from './grading-rules';
import { finalGrade } from './reports-final-grade';

const published = (scoreBasisPoints: number | null) => (scoreBasisPoints === null ? null : { status: 'published' as const, scoreBasisPoints });
const finalGradeBasisPoints = (sides: { teacher: number | null; mentor: number | null }, weights: { teacher: number; mentor: number }) =>
  finalGrade(published(sides.teacher), published(sides.mentor), weights) ?? { basisPoints: null, partial: false };

const fourLevels = [4, 3, 2, 0];
const criteria: ScoredCriterion[] = [
  { id: 1, weight: 40, levelPoints: fourLevels },
  { id: 2, weight: 30, levelPoints: fourLevels },
  { id: 3, weight: 30, levelPoints: [3, 1, 0] },
];
const points = (...values: number[]) => new Map(values.map((value, index) => [index + 1, value]));

describe('evaluationBasisPoints', () => {
  it('should give 10000 for the top level everywhere and 0 for the zero level everywhere', () => {
    expect(evaluationBasisPoints(criteria, points(4, 4, 3))).toBe(10000);
    expect(evaluationBasisPoints(criteria, points(0, 0, 0))).toBe(0);
  });

  it('should weight each criterion by points over its own maximum', () => {
    // (3/4·40 + 2/4·30 + 1/3·30) / 100 = (30 + 15 + 10) / 100 = 0.55
    expect(evaluationBasisPoints(criteria, points(3, 2, 1))).toBe(5500);
  });

  it('should round half up once, at the end', () => {
    // 1/3 with weight 1 and 0 with weight 2: 1/9 = 1111.11… → 1111; 2/3 alone → 6666.67 → 6667
    expect(evaluationBasisPoints([{ id: 1, weight: 1, levelPoints: [3, 0] }, { id: 2, weight: 2, levelPoints: [3, 0] }], new Map([[1, 1], [2, 0]]))).toBe(1111);
    expect(evaluationBasisPoints([{ id: 1, weight: 1, levelPoints: [3, 0] }], new Map([[1, 2]]))).toBe(6667);
    // 1/8 of 10000 = 1250 exactly; 1/16 = 625 exactly; 1/32 = 312.5 → 313 (half up)
    expect(evaluationBasisPoints([{ id: 1, weight: 1, levelPoints: [32, 0] }], new Map([[1, 1]]))).toBe(313);
  });

  it('should refuse a criterion without points', () => {
    expect(() => evaluationBasisPoints(criteria, points(4, 4))).toThrow(RangeError);
  });
});

describe('finalGrade (reports-final-grade.ts) as grading uses it', () => {
  const weights = { teacher: 40, mentor: 60 };

  it('should combine both published sides with the weights', () => {
    expect(finalGradeBasisPoints({ teacher: 8000, mentor: 9000 }, weights)).toEqual({ basisPoints: 8600, partial: false });
  });

  it('should round half up to whole basis points', () => {
    // (8333·40 + 6667·60) / 100 = 7333.4 → 7333; (1·50 + 0·50)/100 = 0.5 → 1
    expect(finalGradeBasisPoints({ teacher: 8333, mentor: 6667 }, weights).basisPoints).toBe(7333);
    expect(finalGradeBasisPoints({ teacher: 1, mentor: 0 }, { teacher: 50, mentor: 50 }).basisPoints).toBe(1);
    expect(finalGradeBasisPoints({ teacher: 8335, mentor: 8334 }, { teacher: 50, mentor: 50 }).basisPoints).toBe(8335);
  });

  it('should take one side whole when its weight is 100', () => {
    expect(finalGradeBasisPoints({ teacher: 7000, mentor: 9000 }, { teacher: 100, mentor: 0 }).basisPoints).toBe(7000);
    expect(finalGradeBasisPoints({ teacher: 7000, mentor: 9000 }, { teacher: 0, mentor: 100 }).basisPoints).toBe(9000);
  });

  it('should show one published side as partial and nothing when none is published', () => {
    expect(finalGradeBasisPoints({ teacher: 7000, mentor: null }, weights)).toEqual({ basisPoints: 7000, partial: true });
    expect(finalGradeBasisPoints({ teacher: null, mentor: 9100 }, weights)).toEqual({ basisPoints: 9100, partial: true });
    expect(finalGradeBasisPoints({ teacher: null, mentor: null }, weights)).toEqual({ basisPoints: null, partial: false });
  });
});

describe('gradeWeightsProblem', () => {
  it('should accept weights summing to 100, 0 and 100 included', () => {
    expect(gradeWeightsProblem({ teacher: 40, mentor: 60 })).toBeNull();
    expect(gradeWeightsProblem({ teacher: 0, mentor: 100 })).toBeNull();
  });

  it('should refuse weights not summing to 100 or not whole percents', () => {
    expect(gradeWeightsProblem({ teacher: 40, mentor: 50 })).toContain('100');
    expect(gradeWeightsProblem({ teacher: 40.5, mentor: 59.5 })).not.toBeNull();
    expect(gradeWeightsProblem({ teacher: -10, mentor: 110 })).not.toBeNull();
  });
});

describe('grade workflow', () => {
  it('should move pending → draft → published → locked and nothing backwards', () => {
    expect(canMoveGrade('pending', 'draft')).toBe(true);
    expect(canMoveGrade('draft', 'published')).toBe(true);
    expect(canMoveGrade('published', 'locked')).toBe(true);
    expect(canMoveGrade('pending', 'published')).toBe(false);
    expect(canMoveGrade('published', 'draft')).toBe(false);
    expect(canMoveGrade('locked', 'published')).toBe(false);
    expect(canMoveGrade('draft', 'locked')).toBe(false);
  });

  it('should keep the status when saving, except a new evaluation becomes a draft', () => {
    expect(statusAfterSave('pending')).toBe('draft');
    expect(statusAfterSave('published')).toBe('published');
    expect(statusAfterSave('locked')).toBe('locked');
  });

  it('should format basis points as a percent with two decimals', () => {
    expect(formatBasisPoints(8750)).toBe('87.50');
    expect(formatBasisPoints(5)).toBe('0.05');
    expect(formatBasisPoints(10000)).toBe('100.00');
  });
});
