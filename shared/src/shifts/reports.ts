import { z } from 'zod';
import { POSTS } from '../account-enums';
import { Fen, Id, PlainText, Timestamp } from '../primitives';
import { ASSIGNMENT_STATUSES, TIMESHEET_STATUSES } from '../shift-enums';
import { isLocalDate } from './local-time';
import { TERM_NAME_MAX } from './reports-limits';

/**
 * Request and response schemas of the shift reports endpoints: settings, terms, hours and pay,
 * monthly timesheets and term summaries. Money is integer fen and time integer minutes; the
 * storefront formats them at the edge.
 */

const LocalDay = z
  .string()
  .regex(/^20\d{2}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine(isLocalDate, { error: '日期不存在' });

/** A month as YYYY-MM (the timesheet's month; stored as its first day). */
export const ReportMonth = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' });

const Minutes = (max: number, label: string) =>
  z
    .number({ error: `${label}必须是整数分钟` })
    .int({ error: `${label}必须是整数分钟` })
    .min(0, { error: `${label}不能为负数` })
    .max(max, { error: `${label}不能超过 ${max} 分钟` });
const Weight = (label: string) =>
  z
    .number({ error: `${label}必须是 0–100 的整数` })
    .int({ error: `${label}必须是 0–100 的整数` })
    .min(0, { error: `${label}必须是 0–100 的整数` })
    .max(100, { error: `${label}必须是 0–100 的整数` });

export const PostPayRate = z.object({
  post: z.enum(POSTS),
  hourlyRateFen: Fen,
});
export type PostPayRate = z.infer<typeof PostPayRate>;

const SETTINGS_FIELDS = {
  maxWeeklyMinutes: Minutes(7 * 24 * 60, '每周上限').refine((value) => value > 0, { error: '每周上限必须大于 0' }),
  maxMonthlyMinutes: Minutes(31 * 24 * 60, '每月上限').refine((value) => value > 0, { error: '每月上限必须大于 0' }),
  minRestMinutes: Minutes(24 * 60, '班次间最短休息'),
  earlyClockInMinutes: Minutes(24 * 60, '提前签到时间'),
  lateGraceMinutes: Minutes(24 * 60, '迟到宽限'),
  autoCloseAfterMinutes: Minutes(24 * 60, '自动签退时间'),
  teacherWeight: Weight('校内导师权重'),
  mentorWeight: Weight('企业导师权重'),
};

export const ShiftSettings = z.object({
  ...SETTINGS_FIELDS,
  /** Every post, in POSTS order, with its rate (the default where none is set). */
  payRates: z.array(PostPayRate),
  updatedAt: Timestamp.nullable(),
  updatedByName: z.string().nullable(),
  can: z.object({ edit: z.boolean() }),
});
export type ShiftSettings = z.infer<typeof ShiftSettings>;

/**
 * The whole settings form. Weights summing to 100 and rates at least the minimum are checked
 * by the service (422 with their own messages), so the form can say exactly what is wrong.
 */
export const UpdateShiftSettingsBody = z.object({
  ...SETTINGS_FIELDS,
  payRates: z
    .array(z.object({ post: z.enum(POSTS, { error: '岗位不存在' }), hourlyRateFen: z.number().int({ error: '时薪必须是以分为单位的整数' }).max(100_000, { error: '时薪超出范围' }) }))
    .max(POSTS.length)
    .refine((rates) => new Set(rates.map((rate) => rate.post)).size === rates.length, { error: '同一岗位只能设置一个时薪' })
    .default([]),
});
export type UpdateShiftSettingsBody = z.infer<typeof UpdateShiftSettingsBody>;

export const Term = z.object({
  id: z.number().int(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  closedAt: Timestamp.nullable(),
  closedByName: z.string().nullable(),
});
export type Term = z.infer<typeof Term>;

export const TermList = z.object({
  items: z.array(Term),
  can: z.object({ manage: z.boolean(), close: z.boolean() }),
});
export type TermList = z.infer<typeof TermList>;

export const TermBody = z.object({
  name: PlainText.transform((text) => text.trim()).pipe(
    z.string().min(1, { error: '请填写学期名称' }).max(TERM_NAME_MAX, { error: `学期名称不能超过 ${TERM_NAME_MAX} 个字` }),
  ),
  startsOn: LocalDay,
  endsOn: LocalDay,
});
export type TermBody = z.infer<typeof TermBody>;

export const TermParams = z.object({ termId: Id });

/** One place of the student's month: its attendance, minutes counted and pay. */
export const HoursPlace = z.object({
  assignmentId: z.number().int(),
  shiftId: z.number().int(),
  teamId: z.number().int(),
  teamName: z.string(),
  post: z.enum(POSTS),
  startsAt: Timestamp,
  endsAt: Timestamp,
  clockInAt: Timestamp.nullable(),
  clockOutAt: Timestamp.nullable(),
  status: z.enum(ASSIGNMENT_STATUSES),
  late: z.boolean(),
  /** An auto-closed place nobody has reviewed yet: it counts once reviewed. */
  awaitingReview: z.boolean(),
  minutes: z.number().int(),
  hourlyRateFen: Fen,
  payFen: Fen,
});
export type HoursPlace = z.infer<typeof HoursPlace>;

export const TimesheetState = z.object({
  status: z.enum(TIMESHEET_STATUSES),
  minutes: z.number().int(),
  amountFen: Fen,
  approvedAt: Timestamp.nullable(),
  approvedByName: z.string().nullable(),
});
export type TimesheetState = z.infer<typeof TimesheetState>;

export const MyShiftHoursQuery = z.object({ month: ReportMonth });

/**
 * A student's month: each place and its pay, the totals computed live, and the timesheet
 * (approved: the frozen figures the school pays).
 */
export const MyShiftHours = z.object({
  month: z.string(),
  places: z.array(HoursPlace),
  totalMinutes: z.number().int(),
  totalFen: Fen,
  timesheet: TimesheetState,
});
export type MyShiftHours = z.infer<typeof MyShiftHours>;

export const TimesheetListQuery = z.object({ month: ReportMonth });

export const TimesheetRow = z.object({
  studentId: z.number().int(),
  studentName: z.string(),
  teamNames: z.array(z.string()),
  /** Live figures for a draft, frozen ones once approved. */
  minutes: z.number().int(),
  amountFen: Fen,
  status: z.enum(TIMESHEET_STATUSES),
  approvedAt: Timestamp.nullable(),
  approvedByName: z.string().nullable(),
  /** Auto-closed places still to review: approval waits for them. */
  unreviewedPlaces: z.number().int(),
  can: z.object({ approve: z.boolean() }),
});
export type TimesheetRow = z.infer<typeof TimesheetRow>;

export const TimesheetList = z.object({
  month: z.string(),
  /** Approval opens once the month is over (every shift of it has ended). */
  monthOver: z.boolean(),
  rows: z.array(TimesheetRow),
  totalMinutes: z.number().int(),
  totalFen: Fen,
});
export type TimesheetList = z.infer<typeof TimesheetList>;

export const TimesheetParams = z.object({ month: ReportMonth, studentId: Id });

export const TermSummaryQuery = z.object({ termId: Id, teamId: Id });

export const PostGrade = z.object({
  post: z.enum(POSTS),
  gradedShifts: z.number().int(),
  averageBasisPoints: z.number().int(),
});

export const TermSummaryStudent = z.object({
  studentId: z.number().int(),
  studentName: z.string(),
  shiftsWorked: z.number().int(),
  minutes: z.number().int(),
  lateCount: z.number().int(),
  noShowCount: z.number().int(),
  /** Shifts with a final grade (both sides published or locked). */
  gradedShifts: z.number().int(),
  /** Shifts with only one side published: not averaged (a partial grade is not the 双导师 grade). */
  partialGrades: z.number().int(),
  /** Mean final grade of the graded shifts (partial grades left out), 0–10000 (null: none graded yet). */
  averageBasisPoints: z.number().int().nullable(),
  byPost: z.array(PostGrade),
});
export type TermSummaryStudent = z.infer<typeof TermSummaryStudent>;

export const SalesDay = z.object({ date: z.string(), gmvFen: Fen, orders: z.number().int() });
export const CoverageDay = z.object({ date: z.string(), held: z.number().int(), capacity: z.number().int() });

export const TermSummary = z.object({
  term: Term,
  team: z.object({ id: z.number().int(), name: z.string() }),
  weights: z.object({ teacher: z.number().int(), mentor: z.number().int() }),
  students: z.array(TermSummaryStudent),
  salesByDay: z.array(SalesDay),
  coverageByDay: z.array(CoverageDay),
});
export type TermSummary = z.infer<typeof TermSummary>;
