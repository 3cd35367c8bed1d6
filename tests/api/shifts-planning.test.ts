import { schema } from '@qiaodu/db';
import type { GenerateWeekResult, PlaceResult, ScheduleWeekView, ShiftTemplate, ShiftTemplateList, ShiftView } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { manualClock } from '../support/clock';
import { teamIdOf, userIdOf } from '../support/inventory';
import { addStudent, at, planningClient } from '../support/planning-shifts';

/**
 * Wednesday 2037-11-25 10:00 in Jiangmen (a year with the calendar of 2026, far from the demo shifts seeded
 * around today); the next week starts Monday 2037-11-30.
 */
const clock = manualClock(new Date('2037-11-25T02:00:00Z'));
const fixture = useSeededApp({ overrides: { clock: clock.now } });
const db = () => fixture.testDb.database.db;
const api = planningClient(() => fixture.app.baseUrl);
const WEEK = '2037-11-30';

const shiftsOf = (week: ScheduleWeekView) => week.days.flatMap((day) => day.posts.flatMap((post) => post.shifts));
const templateCount = async (teamId: number) => (await db().select().from(schema.shiftTemplates).where(eq(schema.shiftTemplates.teamId, teamId))).length;

describe('shift planning: templates, weeks and sign-up', () => {
  it('should manage templates, generate a week idempotently and show students only published shifts', async () => {
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    // The demo templates go first, so the week holds only what this test plans.
    const seeded = await api.team<ShiftTemplateList>('lead-tiantian', 'GET', team, '/shift-templates');
    for (const template of seeded.body.items) {
      expect((await api.team('lead-tiantian', 'POST', team, `/shift-templates/${template.id}/retire`)).status).toBe(200);
    }
    const monday = await api.team<ShiftTemplate>('lead-tiantian', 'POST', team, '/shift-templates', {
      post: 'warehouse', weekday: 1, startMinute: 540, endMinute: 660, capacity: 2,
    });
    expect(monday.status).toBe(201);
    const wednesday = await api.team<ShiftTemplate>('teacher', 'POST', team, '/shift-templates', {
      post: 'customer_service', weekday: 3, startMinute: 840, endMinute: 960, capacity: 1,
    });
    expect(wednesday.status).toBe(201);
    const edited = await api.team<ShiftTemplate>('lead-tiantian', 'PATCH', team, `/shift-templates/${monday.body.id}`, { capacity: 3 });
    expect(edited.body).toMatchObject({ capacity: 3, startMinute: 540, active: true });
    const list = await api.team<ShiftTemplateList>('student-tiantian', 'GET', team, '/shift-templates');
    expect(list.body.items.map((t) => t.id)).toEqual([monday.body.id, wednesday.body.id]);

    const generated = await api.team<GenerateWeekResult>('lead-tiantian', 'POST', team, `/schedule-weeks/${WEEK}/generate`, {});
    expect(generated.status).toBe(200);
    expect(generated.body.created).toBe(2);
    expect(generated.body.week.status).toBe('draft');
    const shifts = shiftsOf(generated.body.week);
    expect(shifts.map((s) => [s.date, s.startMinute, s.endMinute, s.capacity, s.status])).toEqual([
      ['2037-11-30', 540, 660, 3, 'draft'],
      ['2037-12-02', 840, 960, 1, 'draft'],
    ]);
    expect(shifts[0]!.startsAt).toBe(at('2037-11-30', '09:00'));
    const again = await api.team<GenerateWeekResult>('lead-tiantian', 'POST', team, `/schedule-weeks/${WEEK}/generate`, {});
    expect(again.body.created).toBe(0);
    expect(shiftsOf(again.body.week)).toHaveLength(2);

    const hidden = await api.team<ScheduleWeekView>('student-tiantian', 'GET', team, `/schedule-weeks/${WEEK}`);
    expect(shiftsOf(hidden.body)).toEqual([]);
    expect(hidden.body.can).toEqual({ plan: false, overrideLimits: false, work: true });
    const early = await api.team('student-tiantian', 'POST', team, `/shifts/${shifts[0]!.id}/signup`);
    expect([early.status, early.body.error?.code]).toEqual([404, 'SHIFT_NOT_FOUND']);

    const published = await api.team<ScheduleWeekView>('lead-tiantian', 'POST', team, `/schedule-weeks/${WEEK}/publish`);
    expect(published.body.status).toBe('published');
    expect(shiftsOf(published.body).every((s) => s.status === 'published')).toBe(true);
    const seen = await api.team<ScheduleWeekView>('student-tiantian', 'GET', team, `/schedule-weeks/${WEEK}`);
    expect(shiftsOf(seen.body)).toHaveLength(2);
    expect(shiftsOf(seen.body)[0]!.can.signUp).toBe(true);
    const twice = await api.team('lead-tiantian', 'POST', team, `/schedule-weeks/${WEEK}/publish`);
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'INVALID_STATE']);

    const retired = await api.team<ShiftTemplate>('lead-tiantian', 'POST', team, `/shift-templates/${wednesday.body.id}/retire`);
    expect(retired.body.active).toBe(false);
    const retiredAgain = await api.team('lead-tiantian', 'POST', team, `/shift-templates/${wednesday.body.id}/retire`);
    expect([retiredAgain.status, retiredAgain.body.error?.code]).toEqual([409, 'INVALID_STATE']);
    const next = await api.team<GenerateWeekResult>('lead-tiantian', 'POST', team, '/schedule-weeks/2037-12-07/generate', { openForSignup: false });
    expect(next.body.created).toBe(1);
    expect(shiftsOf(next.body.week)[0]).toMatchObject({ date: '2037-12-07', openForSignup: false });
  });

  it('should respect capacity on sign-up, refuse a second place and free a withdrawn one', async () => {
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    const shift = await api.team<ShiftView>('lead-tiantian', 'POST', team, '/shifts', {
      post: 'warehouse', startsAt: at('2037-12-03', '18:00'), endsAt: at('2037-12-03', '20:00'), capacity: 2, openForSignup: true,
    });
    expect(shift.status).toBe(201);
    expect(shift.body.status).toBe('published');
    const path = `/shifts/${shift.body.id}/signup`;
    const first = await api.team<PlaceResult>('student-tiantian', 'POST', team, path);
    expect(first.status).toBe(201);
    expect(first.body.shift.places).toEqual([expect.objectContaining({ status: 'scheduled', source: 'signup' })]);
    const dup = await api.team('student-tiantian', 'POST', team, path);
    expect([dup.status, dup.body.error?.code]).toEqual([409, 'SHIFT_ALREADY_ON']);
    expect((await api.team('lead-tiantian', 'POST', team, path)).status).toBe(201);
    await addStudent(db(), team, 'planning-extra-1');
    const full = await api.team('planning-extra-1', 'POST', team, path);
    expect([full.status, full.body.error?.code]).toEqual([409, 'SHIFT_FULL']);
    expect(full.body.error?.message).toContain('班次已满');

    const withdrawn = await api.team<ShiftView>('student-tiantian', 'DELETE', team, path);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.held).toBe(1);
    expect(withdrawn.body.places.find((p) => p.status === 'released')).toBeDefined();
    expect((await api.team('planning-extra-1', 'POST', team, path)).status).toBe(201);
    // Signing up again after withdrawing takes the released row back, if there is room.
    const back = await api.team('student-tiantian', 'POST', team, path);
    expect([back.status, back.body.error?.code]).toEqual([409, 'SHIFT_FULL']);
  });

  it('should give the last place to exactly one of several students signing up at once', async () => {
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    const shift = await api.team<ShiftView>('teacher', 'POST', team, '/shifts', {
      post: 'warehouse', startsAt: at('2037-12-04', '18:00'), endsAt: at('2037-12-04', '19:00'), capacity: 1, openForSignup: true,
    });
    const personas = ['planning-rush-1', 'planning-rush-2', 'planning-rush-3', 'planning-rush-4', 'planning-rush-5'];
    for (const persona of personas) await addStudent(db(), team, persona);
    for (const persona of personas) await api.tokenOf(persona);
    const answers = await Promise.all(personas.map((persona) => api.team(persona, 'POST', team, `/shifts/${shift.body.id}/signup`)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.error?.code).toBe('SHIFT_FULL');
    const held = await db().select().from(schema.shiftAssignments).where(eq(schema.shiftAssignments.shiftId, shift.body.id));
    expect(held).toHaveLength(1);
  });

  it('should cancel a shift, releasing its places, and refuse moves a cancelled shift cannot make', async () => {
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    const student = await userIdOf(db(), 'student-tiantian');
    const shift = await api.team<ShiftView>('lead-tiantian', 'POST', team, '/shifts', {
      post: 'warehouse', startsAt: at('2037-12-05', '09:00'), endsAt: at('2037-12-05', '10:00'), capacity: 2, openForSignup: true, note: '周六盘点',
    });
    const assigned = await api.team<PlaceResult>('lead-tiantian', 'POST', team, `/shifts/${shift.body.id}/places`, { studentId: student });
    expect(assigned.status).toBe(201);
    expect(assigned.body.shift.places[0]).toMatchObject({ source: 'assigned', studentId: student });
    const cancelled = await api.team<ShiftView>('lead-tiantian', 'POST', team, `/shifts/${shift.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.places.map((p) => p.status)).toEqual(['released']);
    const again = await api.team('lead-tiantian', 'POST', team, `/shifts/${shift.body.id}/cancel`);
    expect([again.status, again.body.error?.code]).toEqual([409, 'INVALID_STATE']);
    const signup = await api.team('student-tiantian', 'POST', team, `/shifts/${shift.body.id}/signup`);
    expect([signup.status, signup.body.error?.code]).toEqual([409, 'SHIFT_NOT_OPEN']);
    const assign = await api.team('lead-tiantian', 'POST', team, `/shifts/${shift.body.id}/places`, { studentId: student });
    expect([assign.status, assign.body.error?.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('should refuse callers the policy does not let plan or see, hiding other teams', async () => {
    const tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
    const feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
    const template = { post: 'warehouse', weekday: 2, startMinute: 600, endMinute: 720, capacity: 1 };
    const feiyiShift = await api.team<ShiftView>('teacher', 'POST', feiyi, '/shifts', {
      post: 'photo_design', startsAt: at('2037-12-02', '09:00'), endsAt: at('2037-12-02', '11:00'), capacity: 1, openForSignup: true,
    });
    expect(feiyiShift.status).toBe(201);

    const cases: [string, string, number, string, unknown, number, string?][] = [
      ['student-feiyi', 'GET', tiantian, `/schedule-weeks/${WEEK}`, undefined, 404, 'TEAM_NOT_FOUND'],
      ['student-feiyi', 'POST', tiantian, '/shift-templates', template, 404, 'TEAM_NOT_FOUND'],
      ['student-tiantian', 'POST', tiantian, '/shift-templates', template, 403, 'FORBIDDEN'],
      ['student-tiantian', 'POST', tiantian, `/schedule-weeks/${WEEK}/generate`, {}, 403, 'FORBIDDEN'],
      ['student-tiantian', 'GET', tiantian, '/swap-requests', undefined, 403, 'FORBIDDEN'],
      ['mentor', 'GET', feiyi, `/schedule-weeks/${WEEK}`, undefined, 200],
      ['mentor', 'POST', feiyi, '/shift-templates', template, 403, 'FORBIDDEN'],
      ['mentor', 'POST', feiyi, `/shifts/${feiyiShift.body.id}/signup`, undefined, 403, 'FORBIDDEN'],
      ['mentor', 'GET', tiantian, `/schedule-weeks/${WEEK}`, undefined, 404, 'TEAM_NOT_FOUND'],
      ['teacher-2', 'POST', tiantian, '/shift-templates', template, 404, 'TEAM_NOT_FOUND'],
      ['customer', 'GET', tiantian, `/schedule-weeks/${WEEK}`, undefined, 403, 'FORBIDDEN'],
      // Another team's shift under this team's path is a shift that does not exist here.
      ['lead-tiantian', 'POST', tiantian, `/shifts/${feiyiShift.body.id}/cancel`, undefined, 404, 'SHIFT_NOT_FOUND'],
      ['student-tiantian', 'POST', tiantian, `/shifts/${feiyiShift.body.id}/signup`, undefined, 404, 'SHIFT_NOT_FOUND'],
      ['admin', 'POST', tiantian, '/shift-templates', template, 201],
    ];
    for (const [persona, method, team, path, body, status, code] of cases) {
      const res = await api.team(persona, method, team, path, body);
      expect([persona, path, res.status, res.body.error?.code], JSON.stringify(res.body)).toEqual([persona, path, status, code]);
    }
    const student = await userIdOf(db(), 'student-tiantian');
    const assign = await api.team('student-tiantian', 'POST', feiyi, `/shifts/${feiyiShift.body.id}/places`, { studentId: student });
    expect(assign.status).toBe(404);
    const studentAssign = await api.team('student-feiyi', 'POST', feiyi, `/shifts/${feiyiShift.body.id}/places`, { studentId: student });
    expect([studentAssign.status, studentAssign.body.error?.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('should answer bad input with a 4xx, a code and a Chinese message, changing nothing', async () => {
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    const before = await templateCount(team);
    const bad: [string, string, unknown, number, string][] = [
      ['POST', '/shift-templates', { post: 'warehouse', weekday: 1, startMinute: 600, endMinute: 600, capacity: 1 }, 400, '结束时间必须晚于开始时间'],
      ['POST', '/shift-templates', { post: 'warehouse', weekday: 1, startMinute: 600, endMinute: 660, capacity: 0 }, 400, '每班至少 1 人'],
      ['POST', '/shift-templates', { post: 'warehouse', weekday: 8, startMinute: 600, endMinute: 660, capacity: 1 }, 400, '星期必须是 1–7 的整数'],
      ['POST', '/shift-templates', { post: 'warehouse', weekday: 1, startMinute: 1380, endMinute: 1500, capacity: 1 }, 400, '时间不能晚于 24:00'],
      ['POST', '/shift-templates', { post: 'chef', weekday: 1, startMinute: 600, endMinute: 660, capacity: 1 }, 400, '岗位不正确'],
      ['POST', '/schedule-weeks/2037-12-01/generate', {}, 400, '周开始日期必须是星期一'],
      ['GET', '/schedule-weeks/2037-13-01', undefined, 400, '日期格式应为 YYYY-MM-DD'],
      ['POST', '/shifts', { post: 'warehouse', startsAt: at('2037-12-03', '10:00'), endsAt: at('2037-12-03', '09:00'), capacity: 1 }, 400, '结束时间必须晚于开始时间'],
      ['POST', '/shifts', { post: 'warehouse', startsAt: at('2037-12-03', '10:00'), endsAt: at('2037-12-03', '11:00'), capacity: 0 }, 400, '每班至少 1 人'],
      ['POST', '/shifts', { post: 'warehouse', startsAt: at('2037-11-20', '10:00'), endsAt: at('2037-11-20', '11:00'), capacity: 1 }, 409, '开始时间已经过去'],
      ['PATCH', '/shift-templates/999999', { capacity: 2 }, 404, '班次模板不存在'],
      ['POST', '/shifts/999999/signup', undefined, 404, '班次不存在'],
      ['POST', '/shifts/999999/places', { studentId: 1 }, 404, '班次不存在'],
      ['POST', '/swap-requests/999999/approve', {}, 404, '换班申请不存在'],
    ];
    for (const [method, path, body, status, message] of bad) {
      const res = await api.team('lead-tiantian', method, team, path, body);
      expect([path, res.status], JSON.stringify(res.body)).toEqual([path, status]);
      expect(res.body.error?.message).toContain(message);
    }
    expect(await templateCount(team)).toBe(before);
    expect((await db().select().from(schema.shifts).where(eq(schema.shifts.note, 'never'))).length).toBe(0);

    // A patch that would make the merged template end before it starts changes nothing either.
    const made = await api.team<ShiftTemplate>('lead-tiantian', 'POST', team, '/shift-templates', { post: 'warehouse', weekday: 4, startMinute: 600, endMinute: 660, capacity: 1 });
    const patched = await api.team('lead-tiantian', 'PATCH', team, `/shift-templates/${made.body.id}`, { startMinute: 700 });
    expect([patched.status, patched.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const [row] = await db().select().from(schema.shiftTemplates).where(eq(schema.shiftTemplates.id, made.body.id));
    expect(row).toMatchObject({ startMinute: 600, endMinute: 660 });

    const outsider = await userIdOf(db(), 'student-feiyi');
    const shift = await api.team<ShiftView>('lead-tiantian', 'POST', team, '/shifts', {
      post: 'warehouse', startsAt: at('2037-12-06', '09:00'), endsAt: at('2037-12-06', '10:00'), capacity: 1,
    });
    const notMember = await api.team('lead-tiantian', 'POST', team, `/shifts/${shift.body.id}/places`, { studentId: outsider });
    expect([notMember.status, notMember.body.error?.code]).toEqual([422, 'SHIFT_STUDENT_NOT_MEMBER']);
    const shrink = await api.team('lead-tiantian', 'PATCH', team, `/shifts/${shift.body.id}`, { capacity: 0 });
    expect(shrink.status).toBe(400);
    expect((await db().select().from(schema.shiftAssignments).where(eq(schema.shiftAssignments.shiftId, shift.body.id))).length).toBe(0);
  });

  it('should refuse withdrawing once the shift has started', async () => {
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    const shift = await api.team<ShiftView>('lead-tiantian', 'POST', team, '/shifts', {
      post: 'warehouse', startsAt: at('2037-11-25', '12:00'), endsAt: at('2037-11-25', '13:00'), capacity: 1, openForSignup: true,
    });
    // A one-off shift joins its week, and students see it once the week is published.
    expect(shift.body.status).toBe('draft');
    expect((await api.team('lead-tiantian', 'POST', team, '/schedule-weeks/2037-11-23/publish')).status).toBe(200);
    expect((await api.team('student-tiantian', 'POST', team, `/shifts/${shift.body.id}/signup`)).status).toBe(201);
    clock.advance(2.5 * 60 * 60 * 1000);
    const late = await api.team('student-tiantian', 'DELETE', team, `/shifts/${shift.body.id}/signup`);
    expect([late.status, late.body.error?.code]).toEqual([409, 'SHIFT_ALREADY_STARTED']);
  });
});
