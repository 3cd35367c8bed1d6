import { schema, type Db } from '@qiaodu/db';
import {
  DEFAULT_AUTO_CLOSE_AFTER_MINUTES,
  DEFAULT_EARLY_CLOCK_IN_MINUTES,
  DEFAULT_GRADE_WEIGHTS,
  DEFAULT_HOURLY_RATE_FEN,
  DEFAULT_LATE_GRACE_MINUTES,
  DEFAULT_MAX_MONTHLY_MINUTES,
  DEFAULT_MAX_WEEKLY_MINUTES,
  DEFAULT_MIN_REST_MINUTES,
  POSTS,
  type Post,
} from '@qiaodu/shared';
import { eq } from 'drizzle-orm';

/** The school's shift rules as every shift action applies them (the admin's row, else the defaults). */
export interface ShiftRules {
  maxWeeklyMinutes: number;
  maxMonthlyMinutes: number;
  minRestMinutes: number;
  earlyClockInMinutes: number;
  lateGraceMinutes: number;
  autoCloseAfterMinutes: number;
  /** Percent of the final grade from each side of 双导师; they sum to 100. */
  weights: { teacher: number; mentor: number };
}

export const DEFAULT_SHIFT_RULES: ShiftRules = {
  maxWeeklyMinutes: DEFAULT_MAX_WEEKLY_MINUTES,
  maxMonthlyMinutes: DEFAULT_MAX_MONTHLY_MINUTES,
  minRestMinutes: DEFAULT_MIN_REST_MINUTES,
  earlyClockInMinutes: DEFAULT_EARLY_CLOCK_IN_MINUTES,
  lateGraceMinutes: DEFAULT_LATE_GRACE_MINUTES,
  autoCloseAfterMinutes: DEFAULT_AUTO_CLOSE_AFTER_MINUTES,
  weights: { ...DEFAULT_GRADE_WEIGHTS },
};

/**
 * Read per action rather than cached: an admin's change applies at once in every process, and
 * it is one primary-key read.
 */
export async function loadShiftRules(db: Db): Promise<ShiftRules> {
  const [row] = await db.select().from(schema.shiftSettings).where(eq(schema.shiftSettings.id, 1));
  if (!row) return DEFAULT_SHIFT_RULES;
  return {
    maxWeeklyMinutes: row.maxWeeklyMinutes,
    maxMonthlyMinutes: row.maxMonthlyMinutes,
    minRestMinutes: row.minRestMinutes,
    earlyClockInMinutes: row.earlyClockInMinutes,
    lateGraceMinutes: row.lateGraceMinutes,
    autoCloseAfterMinutes: row.autoCloseAfterMinutes,
    weights: { teacher: row.teacherWeight, mentor: row.mentorWeight },
  };
}

/** Each post's hourly pay in fen: the admin's rate, else the default. */
export async function loadPayRates(db: Db): Promise<Record<Post, number>> {
  const rows = await db.select().from(schema.postPayRates);
  const rates = Object.fromEntries(POSTS.map((post) => [post, DEFAULT_HOURLY_RATE_FEN])) as Record<Post, number>;
  for (const row of rows) rates[row.post] = row.hourlyRateFen;
  return rates;
}
