/** Request and response schemas of the shift planning endpoints. */
import { z } from 'zod';
import { PostSchema } from '../accounts';
import {
  ASSIGNMENT_SOURCES,
  ASSIGNMENT_STATUSES,
  AVAILABILITY_KINDS,
  SCHEDULE_WEEK_STATUSES,
  SHIFT_STATUSES,
  SWAP_REQUEST_KINDS,
  SWAP_REQUEST_STATUSES,
} from '../shift-enums';
import { Id, PlainText, Timestamp } from '../primitives';
import { isLocalDate, isoWeekdayOf } from './local-time';
import { LocalDateText, ShiftTimestamp } from './local-time-schemas';

const NOTE_MAX = 200;
const Note = PlainText.pipe(z.string().trim().max(NOTE_MAX, { error: `备注最多 ${NOTE_MAX} 字` }));

/** A local date that is a Monday: weeks are counted Monday to Sunday, as the school does. */
export const WeekStart = z
  .string({ error: '请填写周开始日期' })
  .pipe(LocalDateText)
  .refine((value) => !isLocalDate(value) || isoWeekdayOf(value) === 1, { error: '周开始日期必须是星期一' });

export const TeamTemplateParams = z.object({ teamId: Id, templateId: Id });
export const TeamWeekParams = z.object({ teamId: Id, weekStart: WeekStart });
export const TeamShiftParams = z.object({ teamId: Id, shiftId: Id });
export const TeamShiftPlaceParams = z.object({ teamId: Id, shiftId: Id, assignmentId: Id });
export const TeamSwapParams = z.object({ teamId: Id, requestId: Id });
export const AvailabilityParams = z.object({ declarationId: Id });

const Weekday = z.number({ error: '星期必须是 1–7 的整数' }).int({ error: '星期必须是 1–7 的整数' }).min(1, { error: '星期必须是 1–7 的整数' }).max(7, { error: '星期必须是 1–7 的整数' });
const MinuteOfDay = z
  .number({ error: '时间应为从 0 点起的分钟数' })
  .int({ error: '时间应为从 0 点起的分钟数' })
  .min(0, { error: '时间不能早于 0:00' })
  .max(1440, { error: '时间不能晚于 24:00' });
const Capacity = z
  .number({ error: '人数必须是整数' })
  .int({ error: '人数必须是整数' })
  .min(1, { error: '每班至少 1 人' })
  .max(50, { error: '每班最多 50 人' });

const endsAfterStarts = (value: { startMinute?: number; endMinute?: number }) =>
  value.startMinute === undefined || value.endMinute === undefined || value.endMinute > value.startMinute;
const ENDS_AFTER = { error: '结束时间必须晚于开始时间（班次不能跨过午夜）', path: ['endMinute'] };

export const ShiftTemplateInput = z
  .strictObject({ post: PostSchema, weekday: Weekday, startMinute: MinuteOfDay, endMinute: MinuteOfDay, capacity: Capacity })
  .refine(endsAfterStarts, ENDS_AFTER);
export const ShiftTemplatePatch = z
  .strictObject({ post: PostSchema, weekday: Weekday, startMinute: MinuteOfDay, endMinute: MinuteOfDay, capacity: Capacity })
  .partial()
  .refine(endsAfterStarts, ENDS_AFTER);

export const ShiftTemplate = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  post: PostSchema,
  weekday: z.number().int(),
  startMinute: z.number().int(),
  endMinute: z.number().int(),
  capacity: z.number().int(),
  active: z.boolean(),
});
export type ShiftTemplate = z.infer<typeof ShiftTemplate>;
export const ShiftTemplateList = z.object({ items: z.array(ShiftTemplate) });
export type ShiftTemplateList = z.infer<typeof ShiftTemplateList>;

export const GenerateWeekBody = z.strictObject({
  /** Whether generated shifts take sign-ups; the lead can still assign people either way. */
  openForSignup: z.boolean().default(true),
});

const MAX_SHIFT_MS = 24 * 60 * 60 * 1000;
export const OneOffShiftInput = z
  .strictObject({
    post: PostSchema,
    startsAt: ShiftTimestamp,
    endsAt: ShiftTimestamp,
    capacity: Capacity,
    openForSignup: z.boolean().default(false),
    note: Note.default(''),
  })
  .refine((value) => Date.parse(value.endsAt) > Date.parse(value.startsAt), { error: '结束时间必须晚于开始时间', path: ['endsAt'] })
  .refine((value) => Date.parse(value.endsAt) - Date.parse(value.startsAt) <= MAX_SHIFT_MS, { error: '一个班次不能超过 24 小时', path: ['endsAt'] });

export const ShiftPatch = z.strictObject({ capacity: Capacity.optional(), openForSignup: z.boolean().optional(), note: Note.optional() });

export const AssignPlaceBody = z.strictObject({
  studentId: Id,
  /** Teachers and admins may place a student beyond an hour limit (never onto an overlap); recorded. */
  override: z.boolean().default(false),
});

export const LimitProblem = z.object({
  code: z.enum(['overlap', 'weekly', 'monthly', 'rest']),
  message: z.string(),
  /** Whether a teacher or admin may override it (an overlap never). */
  overridable: z.boolean(),
});
export type LimitProblem = z.infer<typeof LimitProblem>;

export const PlaceWarning = z.object({
  studentId: z.number().int(),
  studentName: z.string(),
  code: z.enum(['unavailable', 'override']),
  message: z.string(),
});
export type PlaceWarning = z.infer<typeof PlaceWarning>;

export const ShiftPlace = z.object({
  assignmentId: z.number().int(),
  studentId: z.number().int(),
  studentName: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  source: z.enum(ASSIGNMENT_SOURCES),
});
export type ShiftPlace = z.infer<typeof ShiftPlace>;

export const ShiftView = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  post: PostSchema,
  startsAt: Timestamp,
  endsAt: Timestamp,
  /** Local date and minutes, so the console groups without time-zone arithmetic. */
  date: z.string(),
  startMinute: z.number().int(),
  endMinute: z.number().int(),
  capacity: z.number().int(),
  held: z.number().int(),
  status: z.enum(SHIFT_STATUSES),
  openForSignup: z.boolean(),
  note: z.string(),
  templateId: z.number().int().nullable(),
  /** Holding places first, then released ones (history). */
  places: z.array(ShiftPlace),
  warnings: z.array(PlaceWarning),
  /** The caller's own holding place on it, if any. */
  myAssignmentId: z.number().int().nullable(),
  can: z.object({ signUp: z.boolean(), withdraw: z.boolean(), plan: z.boolean() }),
});
export type ShiftView = z.infer<typeof ShiftView>;

export const ScheduleWeekView = z.object({
  teamId: z.number().int(),
  weekStart: z.string(),
  /** Null while nothing has been generated or added for the week. */
  status: z.enum(SCHEDULE_WEEK_STATUSES).nullable(),
  publishedAt: Timestamp.nullable(),
  days: z.array(
    z.object({
      date: z.string(),
      weekday: z.number().int(),
      posts: z.array(z.object({ post: PostSchema, shifts: z.array(ShiftView) })),
    }),
  ),
  can: z.object({ plan: z.boolean(), overrideLimits: z.boolean(), work: z.boolean() }),
});
export type ScheduleWeekView = z.infer<typeof ScheduleWeekView>;

export const GenerateWeekResult = z.object({ created: z.number().int(), week: ScheduleWeekView });
export type GenerateWeekResult = z.infer<typeof GenerateWeekResult>;

export const PlaceResult = z.object({
  shift: ShiftView,
  /** Warnings about the place just made (unavailability, overridden limits); the place stands. */
  warnings: z.array(PlaceWarning),
});
export type PlaceResult = z.infer<typeof PlaceResult>;

export const ShiftCandidate = z.object({
  studentId: z.number().int(),
  displayName: z.string(),
  post: PostSchema,
  isLead: z.boolean(),
  onShift: z.boolean(),
  problems: z.array(LimitProblem),
  warnings: z.array(z.string()),
});
export type ShiftCandidate = z.infer<typeof ShiftCandidate>;
export const ShiftCandidateList = z.object({ items: z.array(ShiftCandidate), canOverride: z.boolean() });
export type ShiftCandidateList = z.infer<typeof ShiftCandidateList>;

export const AvailabilityInput = z
  .strictObject({ kind: z.enum(AVAILABILITY_KINDS, { error: '请选择可上岗或不可上岗' }), startsAt: ShiftTimestamp, endsAt: ShiftTimestamp, note: Note.default('') })
  .refine((value) => Date.parse(value.endsAt) > Date.parse(value.startsAt), { error: '结束时间必须晚于开始时间', path: ['endsAt'] })
  .refine((value) => Date.parse(value.endsAt) - Date.parse(value.startsAt) <= 92 * MAX_SHIFT_MS, { error: '一次最多声明 92 天', path: ['endsAt'] });
export const Availability = z.object({
  id: z.number().int(),
  kind: z.enum(AVAILABILITY_KINDS),
  startsAt: Timestamp,
  endsAt: Timestamp,
  note: z.string(),
});
export type Availability = z.infer<typeof Availability>;
export const AvailabilityList = z.object({ items: z.array(Availability) });
export type AvailabilityList = z.infer<typeof AvailabilityList>;

export const SwapRequestInput = z
  .strictObject({
    kind: z.enum(SWAP_REQUEST_KINDS, { error: '请选择换班或代班' }),
    assignmentId: Id,
    targetStudentId: Id.optional(),
    /** For a swap: the classmate's place taken in exchange. */
    targetAssignmentId: Id.optional(),
    note: Note.default(''),
  })
  .refine((value) => value.kind === 'cover' || value.targetAssignmentId !== undefined, {
    error: '换班需要选择同学的班次',
    path: ['targetAssignmentId'],
  })
  .refine((value) => value.kind === 'swap' || value.targetAssignmentId === undefined, {
    error: '代班不交换班次',
    path: ['targetAssignmentId'],
  });

export const DecideSwapBody = z.strictObject({ override: z.boolean().default(false) });

const PlaceRef = z.object({
  assignmentId: z.number().int(),
  shiftId: z.number().int(),
  post: PostSchema,
  startsAt: Timestamp,
  endsAt: Timestamp,
  studentId: z.number().int(),
  studentName: z.string(),
});

export const SwapRequestView = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  teamName: z.string(),
  kind: z.enum(SWAP_REQUEST_KINDS),
  status: z.enum(SWAP_REQUEST_STATUSES),
  note: z.string(),
  place: PlaceRef,
  targetStudent: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  targetPlace: PlaceRef.nullable(),
  acceptedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  can: z.object({ accept: z.boolean(), decline: z.boolean(), withdraw: z.boolean(), approve: z.boolean(), reject: z.boolean() }),
});
export type SwapRequestView = z.infer<typeof SwapRequestView>;
export const TeamSwapRequestList = z.object({ items: z.array(SwapRequestView) });
export type TeamSwapRequestList = z.infer<typeof TeamSwapRequestList>;
export const MySwapRequests = z.object({ outgoing: z.array(SwapRequestView), incoming: z.array(SwapRequestView) });
export type MySwapRequests = z.infer<typeof MySwapRequests>;
export const SwapDecisionResult = z.object({ request: SwapRequestView, warnings: z.array(PlaceWarning) });
export type SwapDecisionResult = z.infer<typeof SwapDecisionResult>;

export const MyPlace = z.object({
  assignmentId: z.number().int(),
  shiftId: z.number().int(),
  teamId: z.number().int(),
  teamName: z.string(),
  post: PostSchema,
  startsAt: Timestamp,
  endsAt: Timestamp,
  status: z.enum(ASSIGNMENT_STATUSES),
  source: z.enum(ASSIGNMENT_SOURCES),
  shiftStatus: z.enum(SHIFT_STATUSES),
  openRequest: z.object({ id: z.number().int(), kind: z.enum(SWAP_REQUEST_KINDS), status: z.enum(SWAP_REQUEST_STATUSES) }).nullable(),
  can: z.object({ withdraw: z.boolean(), requestSwap: z.boolean() }),
});
export type MyPlace = z.infer<typeof MyPlace>;

export const OpenShift = z.object({
  shiftId: z.number().int(),
  teamId: z.number().int(),
  teamName: z.string(),
  post: PostSchema,
  startsAt: Timestamp,
  endsAt: Timestamp,
  capacity: z.number().int(),
  held: z.number().int(),
  note: z.string(),
  /** What signing up would break; empty when it may go ahead. */
  problems: z.array(LimitProblem),
});
export type OpenShift = z.infer<typeof OpenShift>;

const day = <T extends z.ZodType>(item: T) => z.object({ date: z.string(), items: z.array(item) });
export const MyShifts = z.object({
  upcoming: z.array(day(MyPlace)),
  past: z.array(day(MyPlace)),
  open: z.array(day(OpenShift)),
  minutes: z.object({ week: z.number().int(), month: z.number().int(), maxWeekly: z.number().int(), maxMonthly: z.number().int() }),
});
export type MyShifts = z.infer<typeof MyShifts>;
