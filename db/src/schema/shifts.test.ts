import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDatabase, violatedConstraint as violated } from '../testing/temp-database';
import { users } from './accounts';
import { teams } from './catalog';
import {
  gradeChanges,
  liveSessions,
  rubricCriteria,
  rubricTemplates,
  rubricVersions,
  scheduleWeeks,
  shiftAssignments,
  shiftEvaluations,
  shifts,
  shiftTemplates,
  swapRequests,
  timesheets,
} from './shifts';

const temp = useTempDatabase('shifts');


let teamId = 0;
let teacherId = 0;
let studentCount = 0;

async function aStudent(): Promise<number> {
  studentCount += 1;
  const [row] = await temp.database.db
    .insert(users)
    .values({ displayName: `学生${studentCount}`, roles: ['customer', 'student'] })
    .returning({ id: users.id });
  return row!.id;
}

const hour = 60 * 60_000;
let shiftCount = 0;
/** A published two-hour shift on its own day, so shifts of one test never overlap another's. */
async function aShift(values: Partial<typeof shifts.$inferInsert> = {}): Promise<number> {
  shiftCount += 1;
  const startsAt = new Date(Date.UTC(2026, 8, 1, 6) + shiftCount * 24 * hour);
  const [row] = await temp.database.db
    .insert(shifts)
    .values({ teamId, post: 'warehouse', startsAt, endsAt: new Date(startsAt.getTime() + 2 * hour), capacity: 2, status: 'published', ...values })
    .returning({ id: shifts.id });
  return row!.id;
}

async function aPlace(shiftId: number, studentId: number, values: Partial<typeof shiftAssignments.$inferInsert> = {}): Promise<number> {
  const [row] = await temp.database.db
    .insert(shiftAssignments)
    .values({ shiftId, studentId, source: 'signup', ...values })
    .returning({ id: shiftAssignments.id });
  return row!.id;
}

async function aRubricVersion(): Promise<number> {
  const { db } = temp.database;
  const [template] = await db.insert(rubricTemplates).values({ post: 'warehouse', name: '仓管发货评分表' }).returning({ id: rubricTemplates.id });
  const [version] = await db.insert(rubricVersions).values({ templateId: template!.id, version: 1 }).returning({ id: rubricVersions.id });
  return version!.id;
}

beforeAll(async () => {
  const { db } = temp.database;
  const [team] = await db.insert(teams).values({ slug: 'shift-test', name: '班次测试组' }).returning({ id: teams.id });
  teamId = team!.id;
  const [teacher] = await db.insert(users).values({ displayName: '陈老师', roles: ['customer', 'teacher'] }).returning({ id: users.id });
  teacherId = teacher!.id;
});

describe('shift tables', () => {
  it('should keep shifts and templates inside their ranges', async () => {
    const { db } = temp.database;
    const startsAt = new Date(Date.UTC(2026, 7, 3, 6));
    const shift = { teamId, post: 'warehouse' as const, startsAt, capacity: 1 };
    expect(await violated(db.insert(shifts).values({ ...shift, endsAt: startsAt }))).toBe('shifts_ends_after_starts');
    expect(await violated(db.insert(shifts).values({ ...shift, endsAt: new Date(startsAt.getTime() - hour) }))).toBe('shifts_ends_after_starts');
    expect(await violated(db.insert(shifts).values({ ...shift, endsAt: new Date(startsAt.getTime() + 25 * hour) }))).toBe('shifts_at_most_a_day');
    expect(await violated(db.insert(shifts).values({ ...shift, endsAt: new Date(startsAt.getTime() + hour), capacity: 0 }))).toBe('shifts_capacity_positive');
    expect(await violated(db.insert(shifts).values({ ...shift, endsAt: new Date(startsAt.getTime() + hour), post: 'dj' as 'warehouse' }))).toBe('shifts_post_check');

    const template = { teamId, post: 'warehouse' as const, weekday: 2, startMinute: 840, endMinute: 960, capacity: 2 };
    await db.insert(shiftTemplates).values(template);
    await db.insert(shiftTemplates).values({ ...template, startMinute: 1380, endMinute: 1440 });
    expect(await violated(db.insert(shiftTemplates).values({ ...template, weekday: 0 }))).toBe('shift_templates_weekday_range');
    expect(await violated(db.insert(shiftTemplates).values({ ...template, weekday: 8 }))).toBe('shift_templates_weekday_range');
    expect(await violated(db.insert(shiftTemplates).values({ ...template, endMinute: 1441 }))).toBe('shift_templates_minutes_range');
    expect(await violated(db.insert(shiftTemplates).values({ ...template, endMinute: 840 }))).toBe('shift_templates_ends_after_starts');
    expect(await violated(db.insert(shiftTemplates).values({ ...template, capacity: 0 }))).toBe('shift_templates_capacity_positive');
  });

  it('should generate one schedule week per team and Monday, and each template shift once', async () => {
    const { db } = temp.database;
    const [week] = await db.insert(scheduleWeeks).values({ teamId, weekStart: '2026-09-07' }).returning({ id: scheduleWeeks.id });
    expect(await violated(db.insert(scheduleWeeks).values({ teamId, weekStart: '2026-09-07' }))).toBe('schedule_weeks_team_week_key');
    expect(await violated(db.insert(scheduleWeeks).values({ teamId, weekStart: '2026-09-08' }))).toBe('schedule_weeks_starts_monday');
    expect(await violated(db.update(scheduleWeeks).set({ status: 'published' }).where(eq(scheduleWeeks.id, week!.id)))).toBe(
      'schedule_weeks_published_shape',
    );

    const [template] = await db
      .insert(shiftTemplates)
      .values({ teamId, post: 'store_ops', weekday: 1, startMinute: 540, endMinute: 660, capacity: 1 })
      .returning({ id: shiftTemplates.id });
    const startsAt = new Date('2026-09-07T01:00:00Z');
    const generated = { teamId, post: 'store_ops' as const, scheduleWeekId: week!.id, templateId: template!.id, startsAt, endsAt: new Date(startsAt.getTime() + 2 * hour), capacity: 1 };
    await db.insert(shifts).values(generated);
    expect(await violated(db.insert(shifts).values(generated))).toBe('shifts_template_start_key');
    // One-off shifts at the same time are fine.
    await db.insert(shifts).values({ ...generated, scheduleWeekId: null, templateId: null });
    await db.insert(shifts).values({ ...generated, scheduleWeekId: null, templateId: null });
  });

  it('should give a student one place per shift', async () => {
    const shiftId = await aShift();
    const student = await aStudent();
    await aPlace(shiftId, student);
    expect(await violated(aPlace(shiftId, student, { source: 'assigned', assignedBy: teacherId }))).toBe('shift_assignments_shift_student_key');
    await aPlace(shiftId, await aStudent());
  });

  it('should let a student be clocked into one shift at a time', async () => {
    const { db } = temp.database;
    const student = await aStudent();
    const first = await aPlace(await aShift(), student);
    const second = await aPlace(await aShift(), student);
    const clockIn = new Date();
    await db.update(shiftAssignments).set({ status: 'clocked_in', clockInAt: clockIn }).where(eq(shiftAssignments.id, first));
    expect(await violated(db.update(shiftAssignments).set({ status: 'clocked_in', clockInAt: clockIn }).where(eq(shiftAssignments.id, second)))).toBe(
      'shift_assignments_one_active_per_student',
    );
    // Another student clocked in at the same time is no conflict.
    const other = await aPlace(await aShift(), await aStudent());
    await db.update(shiftAssignments).set({ status: 'clocked_in', clockInAt: clockIn }).where(eq(shiftAssignments.id, other));
    // Once out of the first, the second shift may be clocked into.
    await db
      .update(shiftAssignments)
      .set({ status: 'completed', clockOutAt: new Date(clockIn.getTime() + hour) })
      .where(eq(shiftAssignments.id, first));
    await db.update(shiftAssignments).set({ status: 'clocked_in', clockInAt: new Date(clockIn.getTime() + 2 * hour) }).where(eq(shiftAssignments.id, second));
  });

  it('should keep the attendance status and the clock times in agreement', async () => {
    const { db } = temp.database;
    const shiftId = await aShift();
    const clockIn = new Date();
    expect(await violated(aPlace(shiftId, await aStudent(), { status: 'clocked_in' }))).toBe('shift_assignments_clock_shape');
    expect(await violated(aPlace(shiftId, await aStudent(), { status: 'completed', clockInAt: clockIn }))).toBe('shift_assignments_clock_shape');
    expect(await violated(aPlace(shiftId, await aStudent(), { status: 'no_show', clockInAt: clockIn }))).toBe('shift_assignments_clock_shape');
    expect(
      await violated(aPlace(shiftId, await aStudent(), { status: 'completed', clockInAt: clockIn, clockOutAt: new Date(clockIn.getTime() - 60_000) })),
    ).toBe('shift_assignments_out_after_in');
    expect(await violated(aPlace(shiftId, await aStudent(), { status: 'scheduled', autoClosed: true }))).toBe('shift_assignments_auto_closed_shape');
    const closed = await aPlace(shiftId, await aStudent(), {
      status: 'auto_closed',
      autoClosed: true,
      clockInAt: clockIn,
      clockOutAt: new Date(clockIn.getTime() + 2.5 * hour),
    });
    const [row] = await db.select().from(shiftAssignments).where(eq(shiftAssignments.id, closed));
    expect(row).toMatchObject({ status: 'auto_closed', autoClosed: true, late: false });
  });

  it('should give a live code to one session for ever', async () => {
    const { db } = temp.database;
    const shiftId = await aShift({ post: 'live_host' });
    await db.insert(liveSessions).values({ shiftId, code: 'LIVE01' });
    expect(await violated(db.insert(liveSessions).values({ shiftId: await aShift({ post: 'live_host' }), code: 'LIVE01' }))).toBe('live_sessions_code_key');
    expect(await violated(db.insert(liveSessions).values({ shiftId, code: 'live-1' }))).toBe('live_sessions_code_format');
    const started = new Date();
    expect(await violated(db.insert(liveSessions).values({ shiftId, code: 'LIVE02', startedAt: started, endedAt: new Date(started.getTime() - 1) }))).toBe(
      'live_sessions_ended_after_started',
    );
  });

  it('should refuse rubric criteria without a positive weight or a 0 level', async () => {
    const { db } = temp.database;
    const versionId = await aRubricVersion();
    const levels = [
      { points: 4, label: '优秀', descriptor: '无差错，按时发出' },
      { points: 2, label: '合格', descriptor: '偶有差错' },
      { points: 0, label: '未完成', descriptor: '未发货或错发' },
    ];
    await db.insert(rubricCriteria).values({ versionId, position: 1, name: '发货准确', weight: 60, levels });
    expect(await violated(db.insert(rubricCriteria).values({ versionId, position: 2, name: '时效', weight: 0, levels }))).toBe('rubric_criteria_weight_positive');
    expect(await violated(db.insert(rubricCriteria).values({ versionId, position: 2, name: '时效', weight: -10, levels }))).toBe('rubric_criteria_weight_positive');
    expect(await violated(db.insert(rubricCriteria).values({ versionId, position: 2, name: '时效', weight: 40, levels: levels.slice(0, 2) }))).toBe(
      'rubric_criteria_has_zero_level',
    );
    expect(await violated(db.insert(rubricCriteria).values({ versionId, position: 2, name: '时效', weight: 40, levels: levels.slice(2) }))).toBe(
      'rubric_criteria_levels_shape',
    );
    expect(await violated(db.insert(rubricCriteria).values({ versionId, position: 1, name: '包装', weight: 40, levels }))).toBe(
      'rubric_criteria_version_position_key',
    );
    expect(await violated(db.insert(rubricTemplates).values([{ post: 'video', name: 'A', isDefault: true }, { post: 'video', name: 'B', isDefault: true }]))).toBe(
      'rubric_templates_one_default_per_post',
    );
  });

  it('should take one evaluation per role per assignment, and log a change to a locked grade with its reason', async () => {
    const { db } = temp.database;
    const rubricVersionId = await aRubricVersion();
    const clockIn = new Date();
    const assignmentId = await aPlace(await aShift(), await aStudent(), { status: 'completed', clockInAt: clockIn, clockOutAt: new Date(clockIn.getTime() + 2 * hour) });
    const [teacherGrade] = await db
      .insert(shiftEvaluations)
      .values({ assignmentId, evaluatorRole: 'teacher', evaluatorId: teacherId, rubricVersionId, scores: { '1': { points: 4, comment: '准确' } } })
      .returning({ id: shiftEvaluations.id });
    expect(await violated(db.insert(shiftEvaluations).values({ assignmentId, evaluatorRole: 'teacher', rubricVersionId }))).toBe(
      'shift_evaluations_assignment_role_key',
    );
    await db.insert(shiftEvaluations).values({ assignmentId, evaluatorRole: 'mentor', rubricVersionId });
    expect(await violated(db.insert(shiftEvaluations).values({ assignmentId, evaluatorRole: 'admin' as 'teacher', rubricVersionId }))).toBe(
      'shift_evaluations_role_check',
    );

    const evaluation = eq(shiftEvaluations.id, teacherGrade!.id);
    expect(await violated(db.update(shiftEvaluations).set({ status: 'published' }).where(evaluation))).toBe('shift_evaluations_published_shape');
    expect(await violated(db.update(shiftEvaluations).set({ scoreBasisPoints: 10_001 }).where(evaluation))).toBe('shift_evaluations_score_range');
    await db.update(shiftEvaluations).set({ status: 'published', publishedAt: new Date(), scoreBasisPoints: 10_000 }).where(evaluation);
    expect(await violated(db.update(shiftEvaluations).set({ status: 'locked' }).where(evaluation))).toBe('shift_evaluations_locked_shape');
    await db.update(shiftEvaluations).set({ status: 'locked', lockedAt: new Date() }).where(evaluation);

    const locked = { status: 'locked' as const, scores: {}, overallComment: '', scoreBasisPoints: 10_000 };
    expect(await violated(db.insert(gradeChanges).values({ evaluationId: teacherGrade!.id, before: locked, after: { ...locked, scoreBasisPoints: 9000 } }))).toBe(
      'grade_changes_locked_change_reason',
    );
    await db.insert(gradeChanges).values({ evaluationId: teacherGrade!.id, reason: '复核后更正', before: locked, after: { ...locked, scoreBasisPoints: 9000 } });
  });

  it('should keep one open swap request per place', async () => {
    const { db } = temp.database;
    const shiftId = await aShift();
    const requester = await aStudent();
    const assignmentId = await aPlace(shiftId, requester);
    await db.insert(swapRequests).values({ kind: 'cover', assignmentId, requestedBy: requester });
    expect(await violated(db.insert(swapRequests).values({ kind: 'cover', assignmentId, requestedBy: requester }))).toBe('swap_requests_one_open_per_assignment');
    await db.update(swapRequests).set({ status: 'withdrawn' }).where(eq(swapRequests.assignmentId, assignmentId));
    await db.insert(swapRequests).values({ kind: 'cover', assignmentId, requestedBy: requester });
    const theirs = await aPlace(await aShift(), await aStudent());
    expect(await violated(db.insert(swapRequests).values({ kind: 'cover', assignmentId: theirs, targetAssignmentId: assignmentId }))).toBe(
      'swap_requests_target_shape',
    );
    expect(await violated(db.insert(swapRequests).values({ kind: 'swap', assignmentId: theirs, status: 'accepted', acceptedAt: new Date() }))).toBe(
      'swap_requests_target_shape',
    );
  });

  it('should keep one timesheet per student and month, approved with its time', async () => {
    const { db } = temp.database;
    const studentId = await aStudent();
    await db.insert(timesheets).values({ studentId, month: '2026-09-01', minutes: 480, amountFen: 9600 });
    expect(await violated(db.insert(timesheets).values({ studentId, month: '2026-09-01' }))).toBe('timesheets_student_month_key');
    expect(await violated(db.insert(timesheets).values({ studentId, month: '2026-10-02' }))).toBe('timesheets_month_first_day');
    expect(await violated(db.insert(timesheets).values({ studentId, month: '2026-10-01', amountFen: -1 }))).toBe('timesheets_amount_nonneg');
    expect(await violated(db.insert(timesheets).values({ studentId, month: '2026-10-01', status: 'approved' }))).toBe('timesheets_approved_shape');
    await db.insert(timesheets).values({ studentId, month: '2026-10-01', status: 'approved', approvedBy: teacherId, approvedAt: new Date() });
  });
});
