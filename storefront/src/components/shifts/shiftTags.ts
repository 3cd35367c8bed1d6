import type { AssignmentStatus, GradeStatus, LiveSessionState, TimesheetStatus } from '@qiaodu/shared';

/**
 * The Vant tag colour of each shift status, one map per kind, so every card and page shows a
 * status in the same colour (the words are the *_LABELS in shared/src/shift-enums.ts and
 * live-rules.ts, or the answer's statusLabel).
 */
export type StatusTagType = 'primary' | 'success' | 'warning' | 'danger' | 'default';

/** A student's place on a shift. */
export const PLACE_STATUS_TAGS: Record<AssignmentStatus, StatusTagType> = {
  scheduled: 'default',
  clocked_in: 'primary',
  completed: 'success',
  auto_closed: 'warning',
  no_show: 'danger',
  released: 'default',
};

/** A 直播 session: red while on air, like a recording light. */
export const LIVE_STATE_TAGS: Record<LiveSessionState, StatusTagType> = {
  pending: 'default',
  live: 'danger',
  ended: 'success',
};

/** A month's timesheet: waiting for approval, or approved and locked. */
export const TIMESHEET_STATUS_TAGS: Record<TimesheetStatus, StatusTagType> = {
  draft: 'warning',
  approved: 'success',
};

/** One side's evaluation of a place. */
export const GRADE_STATUS_TAGS: Record<GradeStatus, StatusTagType> = {
  pending: 'warning',
  draft: 'primary',
  published: 'success',
  locked: 'success',
};
