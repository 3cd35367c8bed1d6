import { describe, expect, it } from 'vitest';
import { averageBasisPoints, finalGrade } from './reports-final-grade';

const weights = { teacher: 40, mentor: 60 };

describe('final grade of a place', () => {
  it('should weight both published sides', () => {
    // (8000 × 40 + 9000 × 60) / 100 = 8600
    expect(finalGrade({ status: 'published', scoreBasisPoints: 8000 }, { status: 'locked', scoreBasisPoints: 9000 }, weights)).toEqual({
      basisPoints: 8600,
      partial: false,
    });
  });

  it('should round half up to a basis point', () => {
    // (7501 × 50 + 7500 × 50) / 100 = 7500.5
    expect(finalGrade({ status: 'published', scoreBasisPoints: 7501 }, { status: 'published', scoreBasisPoints: 7500 }, { teacher: 50, mentor: 50 })?.basisPoints).toBe(7501);
  });

  it('should show one published side alone as partial and ignore drafts', () => {
    expect(finalGrade({ status: 'published', scoreBasisPoints: 7000 }, { status: 'draft', scoreBasisPoints: 9000 }, weights)).toEqual({ basisPoints: 7000, partial: true });
    expect(finalGrade(null, { status: 'published', scoreBasisPoints: 9000 }, weights)).toEqual({ basisPoints: 9000, partial: true });
    expect(finalGrade({ status: 'draft', scoreBasisPoints: 7000 }, undefined, weights)).toBeNull();
  });

  it('should average half up', () => {
    expect(averageBasisPoints([8600, 7001])).toBe(7801);
    expect(averageBasisPoints([])).toBeNull();
  });
});
