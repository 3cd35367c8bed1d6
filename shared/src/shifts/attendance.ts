/** Request and response schemas of the shift attendance endpoints: clocking, the student hub, attendance and its corrections. */
import { z } from 'zod';
import { POSTS } from '../account-enums';
import { Id, Timestamp } from '../primitives';
import { ASSIGNMENT_STATUSES } from '../shift-enums';
import { CORRECTABLE_STATUSES } from './attendance-rules';
import { LocalDateText, ShiftTimestamp } from './local-time-schemas';
import { LiveSessionBrief } from './live';

export * from './attendance-rules';
export * from './live';

export const ShiftPlaceParams = z.object({ assignmentId: Id });
export const TeamAttendanceParams = z.object({ teamId: Id, assignmentId: Id });

const TeamRef = z.object({ id: Id, name: z.string() });
const PersonRef = z.object({ id: Id, name: z.string() });

/** A student's place on a shift as the hub and the attendance list show it. */
export const AttendancePlace = z.object({
  assignmentId: Id,
  shiftId: Id,
  team: TeamRef,
  post: z.enum(POSTS),
  postLabel: z.string(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  status: z.enum(ASSIGNMENT_STATUSES),
  statusLabel: z.string(),
  clockInAt: Timestamp.nullable(),
  clockOutAt: Timestamp.nullable(),
  late: z.boolean(),
  autoClosed: z.boolean(),
});
export type AttendancePlace = z.infer<typeof AttendancePlace>;

/**
 * GET /api/console/my-shift: the shift the student is clocked into (with minutes so far and its
 * live session), else the next one they hold (today or soon) with when clock-in opens. The
 * countdown runs from `serverTime`, never from the phone's clock.
 */
export const MyShift = z.object({
  serverTime: Timestamp,
  current: AttendancePlace.extend({
    minutesSoFar: z.number().int().min(0),
    liveSessions: z.array(LiveSessionBrief),
  }).nullable(),
  next: AttendancePlace.extend({
    clockInOpensAt: Timestamp,
    clockInOpen: z.boolean(),
    /** Clocking in now would be recorded late. */
    lateIfNow: z.boolean(),
  }).nullable(),
  /** Teams whose 排班 and 考勤 the caller plans (lead, teacher), for the hub's links. */
  plannedTeams: z.array(TeamRef),
  /** Teams the caller works in (members). */
  memberTeams: z.array(TeamRef),
});
export type MyShift = z.infer<typeof MyShift>;

/** A date range of shift starts (local dates, inclusive); at most 62 days so a list stays a page. */
export const AttendanceListQuery = z
  .strictObject({
    from: LocalDateText,
    to: LocalDateText,
    /** Only auto-closed places nobody has reviewed (the review queue). */
    needsReview: z
      .enum(['true', 'false'])
      .optional()
      .transform((value) => value === 'true'),
  })
  .refine((query) => query.from <= query.to, { error: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((query) => Date.parse(query.to) - Date.parse(query.from) <= 62 * 86_400_000, { error: '一次最多查询 62 天', path: ['to'] });

export const AttendanceRow = AttendancePlace.extend({
  student: PersonRef,
  reviewedAt: Timestamp.nullable(),
  reviewedBy: PersonRef.nullable(),
  correctionCount: z.number().int().min(0),
  /** Auto-closed and not yet reviewed. */
  needsReview: z.boolean(),
  /** Its month's timesheet is approved: attendance is locked. */
  locked: z.boolean(),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

export const AttendanceList = z.object({
  items: z.array(AttendanceRow),
  reviewCount: z.number().int().min(0),
  /** correctOwn: the caller may also correct their own places (a lead's own attendance is the teacher's to change). */
  can: z.object({ correct: z.boolean(), correctOwn: z.boolean() }),
});
export type AttendanceList = z.infer<typeof AttendanceList>;

const Reason = z
  .string({ error: '请填写更正原因' })
  .trim()
  .min(1, { error: '请填写更正原因' })
  .max(200, { error: '原因最多 200 个字' });

/**
 * A lead's or teacher's correction: any of status, clock times and the late flag, always with a
 * reason. A time set to null removes it (e.g. a no-show has none).
 */
export const AttendanceCorrectionBody = z
  .strictObject({
    reason: Reason,
    status: z.enum(CORRECTABLE_STATUSES, { error: '只能更正为已完成或缺勤' }).optional(),
    clockInAt: ShiftTimestamp.nullable().optional(),
    clockOutAt: ShiftTimestamp.nullable().optional(),
    late: z.boolean().optional(),
  })
  .refine((body) => body.status !== undefined || body.clockInAt !== undefined || body.clockOutAt !== undefined || body.late !== undefined, {
    error: '请至少更正一项',
    path: ['status'],
  });
export type AttendanceCorrectionBody = z.input<typeof AttendanceCorrectionBody>;

/** Reviewing an auto-closed place: accepted as closed at the shift's end, or with the real clock-out. */
export const AttendanceReviewBody = z.strictObject({
  clockOutAt: ShiftTimestamp.optional(),
  reason: z.string().trim().max(200, { error: '说明最多 200 个字' }).optional(),
});
export type AttendanceReviewBody = z.input<typeof AttendanceReviewBody>;

const Snapshot = z.object({
  status: z.enum(ASSIGNMENT_STATUSES),
  clockInAt: z.string().nullable(),
  clockOutAt: z.string().nullable(),
  late: z.boolean(),
});

export const AttendanceHistory = z.object({
  place: AttendanceRow,
  corrections: z.array(
    z.object({
      id: z.number().int(),
      correctedBy: PersonRef.nullable(),
      reason: z.string(),
      before: Snapshot,
      after: Snapshot,
      createdAt: Timestamp,
    }),
  ),
});
export type AttendanceHistory = z.infer<typeof AttendanceHistory>;
