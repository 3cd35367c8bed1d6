import type { GradeStatus } from '../shift-enums';

/** One side's evaluation of a place as the final grade reads it. */
export interface SideGrade {
  status: GradeStatus;
  scoreBasisPoints: number | null;
}

/** A place's final grade: `partial` when only one side has published (the other is still to come). */
export interface FinalGrade {
  basisPoints: number;
  partial: boolean;
}

/** A side counts once the student can see it: published, or locked at term close. */
function visibleScore(side: SideGrade | null | undefined): number | null {
  if (!side || (side.status !== 'published' && side.status !== 'locked')) return null;
  return side.scoreBasisPoints;
}

/**
 * 双导师 final grade of one place, in basis points (0–10000): (teacher × teacher weight + mentor
 * × mentor weight) / 100, rounded half up to an integer, when both sides are published or
 * locked; with one side, that side alone (partial); with neither, no grade. Drafts never count:
 * only their author sees them. The weights are percents summing to 100 (the admin's setting).
 */
export function finalGrade(
  teacher: SideGrade | null | undefined,
  mentor: SideGrade | null | undefined,
  weights: { teacher: number; mentor: number },
): FinalGrade | null {
  const teacherScore = visibleScore(teacher);
  const mentorScore = visibleScore(mentor);
  if (teacherScore !== null && mentorScore !== null) {
    return { basisPoints: Math.round((teacherScore * weights.teacher + mentorScore * weights.mentor) / 100), partial: false };
  }
  if (teacherScore !== null) return { basisPoints: teacherScore, partial: true };
  if (mentorScore !== null) return { basisPoints: mentorScore, partial: true };
  return null;
}

/** Mean of basis points, rounded half up (null for none). */
export function averageBasisPoints(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}
