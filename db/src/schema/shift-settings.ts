import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { POSTS, type Post } from '@qiaodu/shared';
import { users } from './accounts';
import { createdAt, sqlList, updatedAt } from './columns';

const at = (name: string) => timestamp(name, { withTimezone: true });
const person = (name: string) => integer(name).references(() => users.id, { onDelete: 'set null' });

/**
 * The school's shift rules, one row (id 1) an admin edits: the work-study hour limits, rest
 * between shifts, the clock-in window, auto-closing, and the 双导师 grade weights. No row means
 * the defaults in shared/shift-enums.ts; the server reads it per action, so every process sees a
 * change at once.
 */
export const shiftSettings = pgTable(
  'shift_settings',
  {
    id: smallint('id').primaryKey().default(1),
    maxWeeklyMinutes: integer('max_weekly_minutes').notNull(),
    maxMonthlyMinutes: integer('max_monthly_minutes').notNull(),
    minRestMinutes: integer('min_rest_minutes').notNull(),
    earlyClockInMinutes: integer('early_clock_in_minutes').notNull(),
    lateGraceMinutes: integer('late_grace_minutes').notNull(),
    autoCloseAfterMinutes: integer('auto_close_after_minutes').notNull(),
    /** Percent of the final grade from the teacher and from the mentor; they sum to 100. */
    teacherWeight: smallint('teacher_weight').notNull(),
    mentorWeight: smallint('mentor_weight').notNull(),
    updatedBy: person('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('shift_settings_single_row', sql`${t.id} = 1`),
    check('shift_settings_limits_positive', sql`${t.maxWeeklyMinutes} > 0 and ${t.maxMonthlyMinutes} > 0`),
    check(
      'shift_settings_minutes_nonneg',
      sql`${t.minRestMinutes} >= 0 and ${t.earlyClockInMinutes} >= 0 and ${t.lateGraceMinutes} >= 0 and ${t.autoCloseAfterMinutes} >= 0`,
    ),
    check('shift_settings_weights_sum', sql`${t.teacherWeight} >= 0 and ${t.mentorWeight} >= 0 and ${t.teacherWeight} + ${t.mentorWeight} = 100`),
  ],
);

/** The hourly pay of a post in fen (no row: the default rate); timesheets multiply approved minutes by it. */
export const postPayRates = pgTable(
  'post_pay_rates',
  {
    post: text('post').$type<Post>().primaryKey(),
    hourlyRateFen: integer('hourly_rate_fen').notNull(),
    updatedBy: person('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('post_pay_rates_post_check', sql`${t.post} in (${sqlList(POSTS)})`),
    check('post_pay_rates_rate_nonneg', sql`${t.hourlyRateFen} >= 0`),
  ],
);

/**
 * A school term (学期): summaries and exports are per term, and closing it locks every
 * published grade of its shifts (已锁定); after that only an admin changes a grade, with a reason.
 */
export const terms = pgTable(
  'terms',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** Inclusive: the term's last day. */
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    closedAt: at('closed_at'),
    closedBy: person('closed_by'),
    /**
     * The 双导师 weights in force when the term was closed: its locked final grades keep them
     * whatever the setting becomes later. Null while the term is open (the current setting applies).
     */
    teacherWeight: smallint('teacher_weight'),
    mentorWeight: smallint('mentor_weight'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('terms_name_key').on(t.name),
    check('terms_name_not_blank', sql`length(btrim(${t.name})) > 0`),
    check('terms_ends_after_starts', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'terms_weights_sum',
      sql`(${t.teacherWeight} is null and ${t.mentorWeight} is null) or (${t.teacherWeight} >= 0 and ${t.mentorWeight} >= 0 and ${t.teacherWeight} + ${t.mentorWeight} = 100)`,
    ),
  ],
);
