import type { AssignmentStatus, Post } from '@qiaodu/shared';

/** A weekly slot of a team's post, as a lead would set it up (minutes from local midnight). */
export interface SeedShiftTemplate {
  team: string;
  post: Post;
  weekdays: readonly number[];
  start: number;
  end: number;
  capacity: number;
  /** Open slots take sign-ups from the team's students; the others are filled by the planner. */
  open: boolean;
}

const at = (hour: number, minute = 0) => hour * 60 + minute;

/**
 * The demo teams' weekly slots, one per post their members hold (people.ts): the warehouse on
 * the afternoons parcels go out, the store in the mornings, the evening live stream, product
 * photos midweek and customer service over lunch, when buyers write most.
 */
export const SHIFT_TEMPLATES: readonly SeedShiftTemplate[] = [
  { team: 'tiantian-yunying-1', post: 'warehouse', weekdays: [2, 4], start: at(14), end: at(16), capacity: 2, open: true },
  { team: 'tiantian-yunying-1', post: 'store_ops', weekdays: [1, 3], start: at(10), end: at(12), capacity: 1, open: false },
  { team: 'zhibo-daihuo', post: 'live_host', weekdays: [5], start: at(19), end: at(21), capacity: 1, open: false },
  { team: 'feiyi-wenchuang', post: 'photo_design', weekdays: [3], start: at(14), end: at(17), capacity: 2, open: false },
  { team: 'yuecai-meishi', post: 'customer_service', weekdays: [1, 2, 3, 4, 5], start: at(12), end: at(13, 30), capacity: 1, open: false },
];

/**
 * Who works which slots: the demo student of each post takes it on the listed weekdays (yuecai's
 * student three lunch times a week, within the 8-hour weekly limit with room to spare).
 */
export interface SeedShiftWorker {
  persona: string;
  team: string;
  post: Post;
  weekdays: readonly number[];
  /**
   * How their past shifts went, most recent first; older ones were completed on time. Together
   * they show every case a lead or teacher meets: late, absent, and a forgotten clock-out that
   * the job closed and nobody has reviewed yet.
   */
  recent: readonly PastAttendance[];
}

export type PastAttendance = Extract<AssignmentStatus, 'completed' | 'no_show' | 'auto_closed'> | 'late';

export const SHIFT_WORKERS: readonly SeedShiftWorker[] = [
  { persona: 'student-tiantian', team: 'tiantian-yunying-1', post: 'warehouse', weekdays: [2, 4], recent: ['auto_closed', 'late'] },
  { persona: 'lead-tiantian', team: 'tiantian-yunying-1', post: 'store_ops', weekdays: [1, 3], recent: ['completed', 'no_show'] },
  { persona: 'student-zhibo', team: 'zhibo-daihuo', post: 'live_host', weekdays: [5], recent: [] },
  { persona: 'student-feiyi', team: 'feiyi-wenchuang', post: 'photo_design', weekdays: [3], recent: [] },
  { persona: 'student-yuecai', team: 'yuecai-meishi', post: 'customer_service', weekdays: [1, 3, 5], recent: [] },
];

/**
 * Who plans each team's schedule: its student lead, or the supervising teacher where the team
 * has no lead. They publish the weeks and put the students on the slots.
 */
export const SHIFT_PLANNERS: Readonly<Record<string, string>> = {
  'tiantian-yunying-1': 'lead-tiantian',
  'feiyi-wenchuang': 'teacher',
  'zhibo-daihuo': 'teacher-2',
  'yuecai-meishi': 'teacher-2',
};

/** An extra warehouse afternoon tomorrow, open for sign-up with every place free (a parcel rush). */
export const EXTRA_OPEN_SHIFT = {
  team: 'tiantian-yunying-1',
  post: 'warehouse' as Post,
  start: at(16, 30),
  end: at(18, 30),
  capacity: 2,
  note: '到货较多，仓库临时加开一班，欢迎报名',
};

/** Attendance of a past place, minutes relative to the shift's start and end. */
export const ATTENDANCE_MINUTES = {
  /** A punctual student clocks in a few minutes early (the early limit is 10) and out just after the end. */
  earlyIn: 3,
  lateOut: 2,
  /** Late means after start + grace (5): clocked in 12 minutes after the start. */
  lateIn: 12,
} as const;

/**
 * Places are not seeded on shifts running near the seed time, so a shift made for "now" (the
 * browser test, a demo visitor) never clashes with a seeded place, and nothing is seeded clocked in.
 */
export const QUIET_BEFORE_MINUTES = 60;
export const QUIET_AFTER_MINUTES = 180;
