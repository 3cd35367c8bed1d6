/**
 * Operations shifts and grading as const unions (issue 7): the states of a shift, of a student's
 * place on it, of swaps, evaluations and timesheets, with their zh-CN words, and the default
 * limits. Zod-free so the database schema and the storefront share one list. Posts are POSTS in
 * account-enums.ts: a shift is worked on the same post a team member holds.
 */

/** A shift on the schedule: drafted by the lead, visible to students once published, or called off. */
export const SHIFT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type ShiftStatus = (typeof SHIFT_STATUSES)[number];
export const SHIFT_STATUS_LABELS: Record<ShiftStatus, string> = {
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
};

/** A week of a team's schedule, generated from its templates; students see it once published. */
export const SCHEDULE_WEEK_STATUSES = ['draft', 'published'] as const;
export type ScheduleWeekStatus = (typeof SCHEDULE_WEEK_STATUSES)[number];
export const SCHEDULE_WEEK_STATUS_LABELS: Record<ScheduleWeekStatus, string> = {
  draft: '草稿',
  published: '已发布',
};

/** How a student came to be on a shift: signed up for an open place, or put there by a lead or teacher. */
export const ASSIGNMENT_SOURCES = ['signup', 'assigned', 'swap', 'cover'] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];
export const ASSIGNMENT_SOURCE_LABELS: Record<AssignmentSource, string> = {
  signup: '报名',
  assigned: '排班',
  swap: '换班',
  cover: '代班',
};

/**
 * A student's place on a shift, through the shift: scheduled → clocked_in → completed; a
 * forgotten clock-out is closed by the job at end + grace (auto_closed, for review); nobody
 * clocked in by the end is a no_show; a place given up (swap, cancelled shift) is released.
 */
export const ASSIGNMENT_STATUSES = ['scheduled', 'clocked_in', 'completed', 'auto_closed', 'no_show', 'released'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  scheduled: '待上岗',
  clocked_in: '在岗中',
  completed: '已完成',
  auto_closed: '自动签退',
  no_show: '缺勤',
  released: '已让出',
};
/** Places that count against capacity: a released place is free for someone else. */
export const HOLDING_ASSIGNMENT_STATUSES = ['scheduled', 'clocked_in', 'completed', 'auto_closed', 'no_show'] as const satisfies readonly AssignmentStatus[];
/** Places whose work was done and may be graded and paid. */
export const WORKED_ASSIGNMENT_STATUSES = ['completed', 'auto_closed'] as const satisfies readonly AssignmentStatus[];

/** Swap (the other takes my shift, I take theirs) or cover (a classmate just takes mine). */
export const SWAP_REQUEST_KINDS = ['swap', 'cover'] as const;
export type SwapRequestKind = (typeof SWAP_REQUEST_KINDS)[number];
export const SWAP_REQUEST_KIND_LABELS: Record<SwapRequestKind, string> = {
  swap: '换班',
  cover: '代班',
};

/** request → accepted by a classmate → approved by the lead (or declined / rejected / withdrawn). */
export const SWAP_REQUEST_STATUSES = ['requested', 'accepted', 'approved', 'declined', 'rejected', 'withdrawn'] as const;
export type SwapRequestStatus = (typeof SWAP_REQUEST_STATUSES)[number];
export const SWAP_REQUEST_STATUS_LABELS: Record<SwapRequestStatus, string> = {
  requested: '待同学接受',
  accepted: '待组长审批',
  approved: '已批准',
  declined: '同学已拒绝',
  rejected: '组长已驳回',
  withdrawn: '已撤回',
};

/** What a student says about a time slot; scheduling against `unavailable` warns. */
export const AVAILABILITY_KINDS = ['available', 'unavailable'] as const;
export type AvailabilityKind = (typeof AVAILABILITY_KINDS)[number];
export const AVAILABILITY_KIND_LABELS: Record<AvailabilityKind, string> = {
  available: '可上岗',
  unavailable: '不可上岗',
};

/** 双导师: the school's teacher and the partner's enterprise mentor each evaluate a shift once. */
export const EVALUATOR_ROLES = ['teacher', 'mentor'] as const;
export type EvaluatorRole = (typeof EVALUATOR_ROLES)[number];
export const EVALUATOR_ROLE_LABELS: Record<EvaluatorRole, string> = {
  teacher: '校内导师',
  mentor: '企业导师',
};

/** 待评 → 已评 (draft, only its author sees it) → 已发布 (the student sees it) → 已锁定 at term close. */
export const GRADE_STATUSES = ['pending', 'draft', 'published', 'locked'] as const;
export type GradeStatus = (typeof GRADE_STATUSES)[number];
export const GRADE_STATUS_LABELS: Record<GradeStatus, string> = {
  pending: '待评',
  draft: '已评',
  published: '已发布',
  locked: '已锁定',
};

/** A month's hours and pay for a student: drafted from worked shifts, approved by a teacher, then locked. */
export const TIMESHEET_STATUSES = ['draft', 'approved'] as const;
export type TimesheetStatus = (typeof TIMESHEET_STATUSES)[number];
export const TIMESHEET_STATUS_LABELS: Record<TimesheetStatus, string> = {
  draft: '待审批',
  approved: '已审批',
};

/**
 * Defaults of the shift settings (DOMAIN.md: make the limits settings, not constants; these are
 * what a fresh install starts with). Work-study rule: at most 8 h a week and 40 h a month, at
 * least ¥12 an hour.
 */
export const DEFAULT_MAX_WEEKLY_MINUTES = 8 * 60;
export const DEFAULT_MAX_MONTHLY_MINUTES = 40 * 60;
/** How early a student may clock in before the shift starts. */
export const DEFAULT_EARLY_CLOCK_IN_MINUTES = 10;
/** Clocking in later than start + this is recorded as late. */
export const DEFAULT_LATE_GRACE_MINUTES = 5;
/** A shift still clocked in at end + this is closed by the job and flagged for review. */
export const DEFAULT_AUTO_CLOSE_AFTER_MINUTES = 30;
/** The minimum rest between two shifts of one student. */
export const DEFAULT_MIN_REST_MINUTES = 0;
/** ¥12/h, the work-study minimum, per post unless a setting says otherwise. */
export const DEFAULT_HOURLY_RATE_FEN = 1200;
/** Weights of the two evaluations in a final grade, in percent (顶岗实习 practice: teacher 40, mentor 60). */
export const DEFAULT_GRADE_WEIGHTS: Record<EvaluatorRole, number> = { teacher: 40, mentor: 60 };
export const DEFAULT_TEACHER_WEIGHT_PERCENT = DEFAULT_GRADE_WEIGHTS.teacher;
export const DEFAULT_MENTOR_WEIGHT_PERCENT = DEFAULT_GRADE_WEIGHTS.mentor;
/** Live-session codes carried in `?live=CODE`: defined beside the other zod-free live rules. */
export { LIVE_CODE_PATTERN } from './shifts/live-rules';
