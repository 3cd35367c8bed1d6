import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  ASSIGNMENT_SOURCES,
  ASSIGNMENT_STATUSES,
  AVAILABILITY_KINDS,
  EVALUATOR_ROLES,
  GRADE_STATUSES,
  LIVE_CODE_PATTERN,
  POSTS,
  SCHEDULE_WEEK_STATUSES,
  SHIFT_STATUSES,
  SWAP_REQUEST_KINDS,
  SWAP_REQUEST_STATUSES,
  TIMESHEET_STATUSES,
  type AssignmentSource,
  type AssignmentStatus,
  type AvailabilityKind,
  type EvaluatorRole,
  type GradeStatus,
  type Post,
  type ScheduleWeekStatus,
  type ShiftStatus,
  type SwapRequestKind,
  type SwapRequestStatus,
  type TimesheetStatus,
} from '@qiaodu/shared';
import { users } from './accounts';
import { teams } from './catalog';
import { createdAt, sqlList, updatedAt } from './columns';

const at = (name: string) => timestamp(name, { withTimezone: true });
/**
 * People on attendance, grades and pay are the school's records: a deleted account must not take
 * a student's hours or a teacher's grade with it, so these keep the row (restrict) …
 */
const student = (name = 'student_id') =>
  integer(name)
    .notNull()
    .references(() => users.id, { onDelete: 'restrict' });
/** … while the staff who did something are kept as references that survive account deletion. */
const person = (name: string) => integer(name).references(() => users.id, { onDelete: 'set null' });
const team = () =>
  integer('team_id')
    .notNull()
    .references(() => teams.id, { onDelete: 'restrict' });
const post = () => text('post').$type<Post>().notNull();
const notBlank = (name: string, column: AnyPgColumn) => check(name, sql`length(btrim(${column})) > 0`);

/**
 * A weekly slot of a team's post (e.g. 仓管发货 on Tuesdays 14:00–16:00, 2 students) that the
 * lead generates into a schedule week. Minutes are counted from local midnight (Asia/Shanghai),
 * so 8:30 is 510; a shift never crosses midnight (end ≤ 1440 and after start), which keeps a
 * template's day the day its shifts are worked and counted against the week.
 */
export const shiftTemplates = pgTable(
  'shift_templates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: team(),
    post: post(),
    /** ISO weekday, Monday 1 … Sunday 7, as the school's timetable counts. */
    weekday: smallint('weekday').notNull(),
    startMinute: smallint('start_minute').notNull(),
    endMinute: smallint('end_minute').notNull(),
    capacity: smallint('capacity').notNull(),
    /** A retired template generates nothing more; shifts made from it keep their link. */
    active: boolean('active').notNull().default(true),
    createdBy: person('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('shift_templates_team_idx').on(t.teamId, t.weekday),
    check('shift_templates_post_check', sql`${t.post} in (${sqlList(POSTS)})`),
    check('shift_templates_weekday_range', sql`${t.weekday} between 1 and 7`),
    check('shift_templates_minutes_range', sql`${t.startMinute} between 0 and 1440 and ${t.endMinute} between 0 and 1440`),
    check('shift_templates_ends_after_starts', sql`${t.endMinute} > ${t.startMinute}`),
    check('shift_templates_capacity_positive', sql`${t.capacity} > 0`),
  ],
);

/**
 * A team's schedule for one week (Monday, local date), generated from its templates: the lead
 * edits it as a draft and publishes it; students sign up and are notified only once published.
 * One row per team and week, so two leads generating at once make one week, not two.
 */
export const scheduleWeeks = pgTable(
  'schedule_weeks',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: team(),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    status: text('status').$type<ScheduleWeekStatus>().notNull().default('draft'),
    publishedAt: at('published_at'),
    publishedBy: person('published_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('schedule_weeks_team_week_key').on(t.teamId, t.weekStart),
    check('schedule_weeks_status_check', sql`${t.status} in (${sqlList(SCHEDULE_WEEK_STATUSES)})`),
    check('schedule_weeks_starts_monday', sql`extract(isodow from ${t.weekStart}) = 1`),
    check('schedule_weeks_published_shape', sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
  ],
);

/**
 * A shift of one post of one team at a real time: generated from a template into a schedule
 * week, or one-off (both links null). Capacity is copied, not read through the template, so
 * editing a template never changes shifts already planned. Clock rules (early limit, grace,
 * auto close) work from starts_at/ends_at on the server clock.
 */
export const shifts = pgTable(
  'shifts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: team(),
    post: post(),
    scheduleWeekId: integer('schedule_week_id').references(() => scheduleWeeks.id, { onDelete: 'set null' }),
    templateId: integer('template_id').references(() => shiftTemplates.id, { onDelete: 'set null' }),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    capacity: smallint('capacity').notNull(),
    status: text('status').$type<ShiftStatus>().notNull().default('draft'),
    /** Open shifts take sign-ups from the team's students; others are filled by a lead or teacher. */
    openForSignup: boolean('open_for_signup').notNull().default(false),
    note: text('note').notNull().default(''),
    createdBy: person('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('shifts_team_starts_idx').on(t.teamId, t.startsAt),
    index('shifts_week_idx').on(t.scheduleWeekId),
    // The no-show and auto-close jobs scan shifts by their end.
    index('shifts_ends_idx').on(t.endsAt),
    // Generating a week twice (or from two processes) makes each template's shift once.
    uniqueIndex('shifts_template_start_key').on(t.templateId, t.startsAt).where(sql`${t.templateId} is not null`),
    check('shifts_post_check', sql`${t.post} in (${sqlList(POSTS)})`),
    check('shifts_status_check', sql`${t.status} in (${sqlList(SHIFT_STATUSES)})`),
    check('shifts_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
    // No shift runs longer than a day: a typo in a date must not book someone for a week.
    check('shifts_at_most_a_day', sql`${t.endsAt} <= ${t.startsAt} + interval '24 hours'`),
    check('shifts_capacity_positive', sql`${t.capacity} > 0`),
  ],
);

/**
 * A student's place on a shift and their attendance on it. One row per (shift, student): signing
 * up twice, or a lead assigning someone already there, is a conflict, not a second place.
 * Capacity is counted over holding places under a lock on the shift row (the service), since a
 * CHECK cannot count rows.
 *
 * One active shift per student: at most one row clocked in and not out, whatever races two
 * devices lose, because every action a student takes is attributed to that one shift.
 *
 * The status and the clock columns agree (assignments_clock_shape): nobody is clocked in before
 * they clock in, a finished shift has both times, and no_show/scheduled/released have none.
 */
export const shiftAssignments = pgTable(
  'shift_assignments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'restrict' }),
    studentId: student(),
    source: text('source').$type<AssignmentSource>().notNull(),
    /** Who put them there (a lead or teacher); null for a sign-up. */
    assignedBy: person('assigned_by'),
    status: text('status').$type<AssignmentStatus>().notNull().default('scheduled'),
    clockInAt: at('clock_in_at'),
    clockOutAt: at('clock_out_at'),
    /** Clocked in after start + the grace period; kept even if the time is corrected later. */
    late: boolean('late').notNull().default(false),
    /** Closed by the job at end + 30 min because the student forgot; a lead reviews it. */
    autoClosed: boolean('auto_closed').notNull().default(false),
    reviewedAt: at('reviewed_at'),
    reviewedBy: person('reviewed_by'),
    /** A teacher placed the student beyond an hour or rest limit: who, and which limits (school records). */
    limitOverride: jsonb('limit_override').$type<LimitOverride>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('shift_assignments_shift_student_key').on(t.shiftId, t.studentId),
    uniqueIndex('shift_assignments_one_active_per_student')
      .on(t.studentId)
      .where(sql`${t.clockInAt} is not null and ${t.clockOutAt} is null`),
    index('shift_assignments_student_idx').on(t.studentId, t.createdAt),
    // The review queue: auto-closed shifts nobody has looked at.
    index('shift_assignments_unreviewed_idx').on(t.createdAt).where(sql`${t.autoClosed} and ${t.reviewedAt} is null`),
    check('shift_assignments_source_check', sql`${t.source} in (${sqlList(ASSIGNMENT_SOURCES)})`),
    check('shift_assignments_status_check', sql`${t.status} in (${sqlList(ASSIGNMENT_STATUSES)})`),
    check(
      'shift_assignments_clock_shape',
      sql`case ${t.status}
        when 'clocked_in' then ${t.clockInAt} is not null and ${t.clockOutAt} is null
        when 'completed' then ${t.clockInAt} is not null and ${t.clockOutAt} is not null
        when 'auto_closed' then ${t.clockInAt} is not null and ${t.clockOutAt} is not null
        else ${t.clockInAt} is null and ${t.clockOutAt} is null
      end`,
    ),
    check('shift_assignments_out_after_in', sql`${t.clockOutAt} is null or ${t.clockOutAt} >= ${t.clockInAt}`),
    check('shift_assignments_auto_closed_shape', sql`not ${t.autoClosed} or ${t.clockOutAt} is not null`),
  ],
);

/** A limit a teacher overrode when placing a student: by whom, and the limits' messages. */
export interface LimitOverride {
  by: number | null;
  limits: string[];
}

/** The attendance fields a correction may change, before and after. */
export interface AttendanceSnapshot {
  status: AssignmentStatus;
  clockInAt: string | null;
  clockOutAt: string | null;
  late: boolean;
}

/**
 * Changes to attendance after the fact, by a lead or teacher, with the reason: hours are paid
 * and graded from attendance, so a correction must be explainable later. Append-only history.
 */
export const attendanceCorrections = pgTable(
  'attendance_corrections',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => shiftAssignments.id, { onDelete: 'restrict' }),
    correctedBy: person('corrected_by'),
    reason: text('reason').notNull(),
    before: jsonb('before').$type<AttendanceSnapshot>().notNull(),
    after: jsonb('after').$type<AttendanceSnapshot>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attendance_corrections_assignment_idx').on(t.assignmentId, t.id), notBlank('attendance_corrections_reason_given', t.reason)],
);

/**
 * A student giving up their place: a swap (the classmate's place on another shift comes back)
 * or a cover (a classmate just takes it). request → accepted by the classmate → approved by the
 * lead, who checks the hour limits at that moment. One open request per place, so a place
 * cannot be promised to two classmates.
 */
export const swapRequests = pgTable(
  'swap_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<SwapRequestKind>().notNull(),
    /** The place given up. */
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => shiftAssignments.id, { onDelete: 'restrict' }),
    requestedBy: person('requested_by'),
    /** A named classmate, or null for a request any teammate may accept. */
    targetStudentId: person('target_student_id'),
    /** For a swap: the classmate's place taken in exchange. */
    targetAssignmentId: integer('target_assignment_id').references(() => shiftAssignments.id, { onDelete: 'restrict' }),
    status: text('status').$type<SwapRequestStatus>().notNull().default('requested'),
    note: text('note').notNull().default(''),
    acceptedBy: person('accepted_by'),
    acceptedAt: at('accepted_at'),
    decidedBy: person('decided_by'),
    decidedAt: at('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('swap_requests_one_open_per_assignment').on(t.assignmentId).where(sql`${t.status} in ('requested', 'accepted')`),
    index('swap_requests_target_idx').on(t.targetStudentId),
    check('swap_requests_kind_check', sql`${t.kind} in (${sqlList(SWAP_REQUEST_KINDS)})`),
    check('swap_requests_status_check', sql`${t.status} in (${sqlList(SWAP_REQUEST_STATUSES)})`),
    // A cover gives nothing back; a swap, once accepted, names what it gives back.
    check(
      'swap_requests_target_shape',
      sql`case ${t.kind}
        when 'cover' then ${t.targetAssignmentId} is null
        else ${t.status} in ('requested', 'declined', 'withdrawn') or ${t.targetAssignmentId} is not null
      end`,
    ),
    check('swap_requests_not_self', sql`${t.targetAssignmentId} is null or ${t.targetAssignmentId} <> ${t.assignmentId}`),
    check('swap_requests_accepted_shape', sql`${t.status} not in ('accepted', 'approved', 'rejected') or ${t.acceptedAt} is not null`),
  ],
);

/**
 * When a student says they can or cannot work (classes, exams), as a time range; scheduling
 * them against an `unavailable` range warns the lead rather than blocking (the lead may know better).
 */
export const availabilityDeclarations = pgTable(
  'availability_declarations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    studentId: student(),
    kind: text('kind').$type<AvailabilityKind>().notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('availability_declarations_student_idx').on(t.studentId, t.startsAt),
    check('availability_declarations_kind_check', sql`${t.kind} in (${sqlList(AVAILABILITY_KINDS)})`),
    check('availability_declarations_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * A live stream (直播) run during a shift of post 直播主播 (the service checks the post). Its
 * short code travels in storefront links (`?live=CODE`) into checkout and attributes orders to
 * it, so a code names one session for ever: unique, never reused.
 */
export const liveSessions = pgTable(
  'live_sessions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    shiftId: integer('shift_id')
      .notNull()
      .references(() => shifts.id, { onDelete: 'restrict' }),
    code: text('code').notNull(),
    title: text('title').notNull().default(''),
    startedAt: at('started_at'),
    endedAt: at('ended_at'),
    createdBy: person('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('live_sessions_code_key').on(t.code),
    index('live_sessions_shift_idx').on(t.shiftId),
    check('live_sessions_code_format', sql`${t.code} ~ ${sql.raw(`'${LIVE_CODE_PATTERN}'`)}`),
    check('live_sessions_ended_after_started', sql`${t.endedAt} is null or (${t.startedAt} is not null and ${t.endedAt} >= ${t.startedAt})`),
  ],
);

/**
 * A rubric for a post (e.g. 仓管发货: accuracy, speed, packing). Its content lives in versions:
 * editing a rubric makes a new version, and an evaluation keeps the version it was graded with,
 * so old grades still read against the criteria they were given under. One default per post.
 */
export const rubricTemplates = pgTable(
  'rubric_templates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    post: post(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    archivedAt: at('archived_at'),
    createdBy: person('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('rubric_templates_one_default_per_post').on(t.post).where(sql`${t.isDefault}`),
    check('rubric_templates_post_check', sql`${t.post} in (${sqlList(POSTS)})`),
    notBlank('rubric_templates_name_not_blank', t.name),
  ],
);

/** A frozen edition of a rubric: never changed once an evaluation uses it (the service makes a new one). */
export const rubricVersions = pgTable(
  'rubric_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    templateId: integer('template_id')
      .notNull()
      .references(() => rubricTemplates.id, { onDelete: 'restrict' }),
    version: integer('version').notNull(),
    createdBy: person('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('rubric_versions_template_version_key').on(t.templateId, t.version), check('rubric_versions_version_positive', sql`${t.version} > 0`)],
);

/** One level of a criterion: its points and what work at that level looks like. */
export interface RubricLevel {
  points: number;
  label: string;
  descriptor: string;
}

/**
 * A criterion of a rubric version with its weight and levels (e.g. 4/3/2/0 points). Weights are
 * relative (the grade divides by their sum), so they must be positive; a 0 level must exist so
 * that absent or unacceptable work has a level to be graded at, and the levels are an array of
 * at least two so a criterion discriminates.
 */
export const rubricCriteria = pgTable(
  'rubric_criteria',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer('version_id')
      .notNull()
      .references(() => rubricVersions.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    weight: integer('weight').notNull(),
    levels: jsonb('levels').$type<RubricLevel[]>().notNull(),
  },
  (t) => [
    uniqueIndex('rubric_criteria_version_position_key').on(t.versionId, t.position),
    notBlank('rubric_criteria_name_not_blank', t.name),
    check('rubric_criteria_weight_positive', sql`${t.weight} > 0`),
    check('rubric_criteria_levels_shape', sql`jsonb_typeof(${t.levels}) = 'array' and jsonb_array_length(${t.levels}) >= 2`),
    check('rubric_criteria_has_zero_level', sql`jsonb_path_exists(${t.levels}, '$[*] ? (@.points == 0)')`),
  ],
);

/** Per criterion (by rubric_criteria id): the level's points chosen and the comment. */
export type CriterionScores = Record<string, { points: number; comment: string }>;

/**
 * One evaluation of a worked shift by one side of 双导师: the teacher and the partner's
 * mentor each evaluate once (unique per assignment and role), and the final grade combines the
 * two with the configured weights. The score is kept in hundredths of a percent so the
 * arithmetic stays integer. Status: pending (待评: usually no row yet, or one opened but not
 * saved) → draft (已评, only its author sees it) → published (the student sees it) → locked at
 * term close. After locking, changes need an admin and are logged in grade_changes.
 */
export const shiftEvaluations = pgTable(
  'shift_evaluations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => shiftAssignments.id, { onDelete: 'restrict' }),
    evaluatorRole: text('evaluator_role').$type<EvaluatorRole>().notNull(),
    evaluatorId: person('evaluator_id'),
    rubricVersionId: integer('rubric_version_id')
      .notNull()
      .references(() => rubricVersions.id, { onDelete: 'restrict' }),
    scores: jsonb('scores').$type<CriterionScores>().notNull().default({}),
    overallComment: text('overall_comment').notNull().default(''),
    /** Weighted score 0–10000 (= 0–100.00 %), computed when the form is saved. */
    scoreBasisPoints: integer('score_basis_points'),
    status: text('status').$type<GradeStatus>().notNull().default('draft'),
    publishedAt: at('published_at'),
    lockedAt: at('locked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('shift_evaluations_assignment_role_key').on(t.assignmentId, t.evaluatorRole),
    index('shift_evaluations_evaluator_idx').on(t.evaluatorId, t.status),
    check('shift_evaluations_role_check', sql`${t.evaluatorRole} in (${sqlList(EVALUATOR_ROLES)})`),
    check('shift_evaluations_status_check', sql`${t.status} in (${sqlList(GRADE_STATUSES)})`),
    check('shift_evaluations_score_range', sql`${t.scoreBasisPoints} is null or ${t.scoreBasisPoints} between 0 and 10000`),
    check('shift_evaluations_scores_object', sql`jsonb_typeof(${t.scores}) = 'object'`),
    // Published and locked grades are visible to the student, so they carry a score and a time.
    check(
      'shift_evaluations_published_shape',
      sql`${t.status} not in ('published', 'locked') or (${t.publishedAt} is not null and ${t.scoreBasisPoints} is not null)`,
    ),
    check('shift_evaluations_locked_shape', sql`(${t.status} = 'locked') = (${t.lockedAt} is not null)`),
  ],
);

/** What a grade change touched, before and after. */
export interface GradeSnapshot {
  status: GradeStatus;
  scores: CriterionScores;
  overallComment: string;
  scoreBasisPoints: number | null;
}

/**
 * Every change to an evaluation once the student could see it (publishing, edits after
 * publishing, locking, an admin's change after locking), with who and why: grades go on the
 * school's records, so a changed grade must be traceable. Append-only.
 */
export const gradeChanges = pgTable(
  'grade_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    evaluationId: integer('evaluation_id')
      .notNull()
      .references(() => shiftEvaluations.id, { onDelete: 'restrict' }),
    changedBy: person('changed_by'),
    reason: text('reason').notNull().default(''),
    before: jsonb('before').$type<GradeSnapshot>(),
    after: jsonb('after').$type<GradeSnapshot>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('grade_changes_evaluation_idx').on(t.evaluationId, t.id),
    // Changing a locked grade is an admin's exception and must say why.
    check(
      'grade_changes_locked_change_reason',
      sql`coalesce(${t.before}->>'status', '') <> 'locked' or length(btrim(${t.reason})) > 0`,
    ),
  ],
);

/**
 * A student's month of work: minutes worked on completed shifts and the pay at each post's
 * hourly rate, in fen. A teacher approves it; an approved timesheet is locked (the service
 * refuses changes) because the school pays from it. Minutes, not hours, keep the sum exact.
 * One per student and month (the first day of the month, local date).
 */
export const timesheets = pgTable(
  'timesheets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    studentId: student(),
    month: date('month', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull().default(0),
    amountFen: integer('amount_fen').notNull().default(0),
    status: text('status').$type<TimesheetStatus>().notNull().default('draft'),
    approvedBy: person('approved_by'),
    approvedAt: at('approved_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('timesheets_student_month_key').on(t.studentId, t.month),
    index('timesheets_month_idx').on(t.month, t.status),
    check('timesheets_status_check', sql`${t.status} in (${sqlList(TIMESHEET_STATUSES)})`),
    check('timesheets_month_first_day', sql`extract(day from ${t.month}) = 1`),
    check('timesheets_minutes_nonneg', sql`${t.minutes} >= 0`),
    check('timesheets_amount_nonneg', sql`${t.amountFen} >= 0`),
    check('timesheets_approved_shape', sql`(${t.status} = 'approved') = (${t.approvedAt} is not null)`),
  ],
);
