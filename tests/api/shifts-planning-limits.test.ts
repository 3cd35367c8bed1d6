import { schema } from '@qiaodu/db';
import type { Availability, AvailabilityList, PlaceResult, ScheduleWeekView, ShiftCandidateList, ShiftView } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { manualClock } from '../support/clock';
import { teamIdOf } from '../support/inventory';
import { addStudent, at, planningClient, setPlanningRules } from '../support/planning-shifts';

/** Wednesday 2037-11-25 10:00 local, far from the demo shifts seeded around today. */
const clock = manualClock(new Date('2037-11-25T02:00:00Z'));
const fixture = useSeededApp({ overrides: { clock: clock.now } });
const db = () => fixture.testDb.database.db;
const api = planningClient(() => fixture.app.baseUrl);

async function oneOff(teamId: number, date: string, from: string, to: string, planner = 'teacher'): Promise<ShiftView> {
  const res = await api.team<ShiftView>(planner, 'POST', teamId, '/shifts', { post: 'warehouse', startsAt: at(date, from), endsAt: at(date, to), capacity: 3, openForSignup: true });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const assign = (persona: string, teamId: number, shiftId: number, studentId: number, override?: boolean) =>
  api.team<PlaceResult>(persona, 'POST', teamId, `/shifts/${shiftId}/places`, override === undefined ? { studentId } : { studentId, override });
const placesOn = async (shiftId: number) => db().select().from(schema.shiftAssignments).where(eq(schema.shiftAssignments.shiftId, shiftId));

describe('shift limits: hours, overlaps, rest, overrides and availability', () => {
  it('should allow exactly 8 hours a week and block one minute more, for sign-up and assignment alike', async () => {
    await setPlanningRules(db(), {});
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    for (const week of ['2037-11-30', '2037-12-07', '2037-12-14']) {
      await api.team('lead-tiantian', 'POST', team, `/schedule-weeks/${week}/generate`, {});
      await api.team('lead-tiantian', 'POST', team, `/schedule-weeks/${week}/publish`);
    }
    const a = await addStudent(db(), team, 'limits-a');
    const monday = await oneOff(team, '2037-11-30', '08:00', '12:00');
    const tuesday = await oneOff(team, '2037-12-01', '08:00', '12:00');
    expect((await assign('lead-tiantian', team, monday.id, a)).status).toBe(201);
    expect((await api.team('limits-a', 'POST', team, `/shifts/${tuesday.id}/signup`)).status).toBe(201);

    const extra = await oneOff(team, '2037-12-02', '08:00', '08:01');
    const signup = await api.team('limits-a', 'POST', team, `/shifts/${extra.id}/signup`);
    expect([signup.status, signup.body.error?.code]).toEqual([422, 'SHIFT_LIMIT_EXCEEDED']);
    expect(signup.body.error?.message).toContain('本周已排 8 小时，再加 1 分钟将超过每周 8 小时上限');
    const byLead = await assign('lead-tiantian', team, extra.id, a);
    expect([byLead.status, byLead.body.error?.code]).toEqual([422, 'SHIFT_LIMIT_EXCEEDED']);
    const leadOverride = await assign('lead-tiantian', team, extra.id, a, true);
    expect([leadOverride.status, leadOverride.body.error?.code]).toEqual([403, 'SHIFT_OVERRIDE_NOT_ALLOWED']);
    expect(await placesOn(extra.id)).toEqual([]);

    const candidates = await api.team<ShiftCandidateList>('teacher', 'GET', team, `/shifts/${extra.id}/candidates`);
    expect(candidates.body.canOverride).toBe(true);
    expect(candidates.body.items.find((c) => c.studentId === a)?.problems.map((p) => p.code)).toEqual(['weekly']);

    const overridden = await assign('teacher', team, extra.id, a, true);
    expect(overridden.status).toBe(201);
    expect(overridden.body.warnings).toEqual([expect.objectContaining({ code: 'override', studentId: a })]);
    expect(overridden.body.warnings[0]!.message).toContain('每周 8 小时上限');
    expect((await placesOn(extra.id)).map((p) => [p.studentId, p.source])).toEqual([[a, 'assigned']]);
    // The school's records keep who placed the student beyond which limit.
    const [stored] = await db().select().from(schema.shiftAssignments).where(eq(schema.shiftAssignments.shiftId, extra.id));
    const [teacher] = await db().select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.persona, 'teacher'));
    expect(stored!.limitOverride).toEqual({ by: teacher!.id, limits: [expect.stringContaining('每周 8 小时上限')] });
  });

  it('should hold the month limit across weeks, counting places in every team', async () => {
    await setPlanningRules(db(), { maxWeeklyMinutes: 10_000, maxMonthlyMinutes: 600 });
    const tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
    const feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
    const b = await addStudent(db(), tiantian, 'limits-b');
    await db().insert(schema.teamMembers).values({ teamId: feiyi, userId: b, post: 'warehouse' });
    // November does not count toward December.
    expect((await assign('teacher', tiantian, (await oneOff(tiantian, '2037-11-30', '13:00', '19:00')).id, b)).status).toBe(201);
    expect((await assign('teacher', feiyi, (await oneOff(feiyi, '2037-12-03', '08:00', '13:00')).id, b)).status).toBe(201);
    expect((await assign('teacher', tiantian, (await oneOff(tiantian, '2037-12-08', '08:00', '13:00')).id, b)).status).toBe(201);
    const over = await oneOff(tiantian, '2037-12-15', '08:00', '08:01');
    const res = await assign('teacher', tiantian, over.id, b);
    expect([res.status, res.body.error?.code]).toEqual([422, 'SHIFT_LIMIT_EXCEEDED']);
    expect(res.body.error?.message).toContain('本月已排 10 小时，再加 1 分钟将超过每月 10 小时上限');
    expect(await placesOn(over.id)).toEqual([]);
  });

  it('should never allow overlapping shifts, in any team, not even with an override', async () => {
    await setPlanningRules(db(), {});
    const tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
    const feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
    const c = await addStudent(db(), tiantian, 'limits-c');
    await db().insert(schema.teamMembers).values({ teamId: feiyi, userId: c, post: 'warehouse' });
    expect((await assign('teacher', feiyi, (await oneOff(feiyi, '2037-12-04', '09:00', '11:00')).id, c)).status).toBe(201);
    const clash = await oneOff(tiantian, '2037-12-04', '10:59', '12:00');
    for (const override of [false, true]) {
      const res = await assign('teacher', tiantian, clash.id, c, override);
      expect([res.status, res.body.error?.code]).toEqual([409, 'SHIFT_OVERLAP']);
      expect(res.body.error?.message).toContain('时间重叠');
    }
    expect(await placesOn(clash.id)).toEqual([]);
    expect((await assign('teacher', tiantian, (await oneOff(tiantian, '2037-12-04', '11:00', '12:00')).id, c)).status).toBe(201);
  });

  it('should require the minimum rest between shifts', async () => {
    await setPlanningRules(db(), { minRestMinutes: 60 });
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    const d = await addStudent(db(), team, 'limits-d');
    expect((await assign('lead-tiantian', team, (await oneOff(team, '2037-12-05', '09:00', '11:00')).id, d)).status).toBe(201);
    const soon = await oneOff(team, '2037-12-05', '11:30', '12:30');
    const res = await assign('lead-tiantian', team, soon.id, d);
    expect([res.status, res.body.error?.code]).toEqual([422, 'SHIFT_LIMIT_EXCEEDED']);
    expect(res.body.error?.message).toContain('只休息 30 分钟，至少需要休息 1 小时');
    expect((await assign('lead-tiantian', team, (await oneOff(team, '2037-12-05', '12:00', '13:00')).id, d)).status).toBe(201);
    await setPlanningRules(db(), {});
  });

  it('should warn, not block, when a student is placed against their declared unavailability', async () => {
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    const e = await addStudent(db(), team, 'limits-e');
    const bad = await api.send('limits-e', 'POST', '/api/console/shifts/availability', { kind: 'unavailable', startsAt: at('2037-12-06', '10:00'), endsAt: at('2037-12-06', '08:00') });
    expect([bad.status, bad.body.error?.message]).toEqual([400, '结束时间必须晚于开始时间']);
    const declared = await api.send<Availability>('limits-e', 'POST', '/api/console/shifts/availability', {
      kind: 'unavailable', startsAt: at('2037-12-06', '08:00'), endsAt: at('2037-12-06', '18:00'), note: '期末考试',
    });
    expect(declared.status).toBe(201);
    const mine = await api.send<AvailabilityList>('limits-e', 'GET', '/api/console/shifts/availability');
    expect(mine.body.items.map((item) => item.id)).toEqual([declared.body.id]);
    const notMine = await api.send('student-tiantian', 'DELETE', `/api/console/shifts/availability/${declared.body.id}`);
    expect([notMine.status, notMine.body.error?.code]).toEqual([404, 'AVAILABILITY_NOT_FOUND']);

    const shift = await oneOff(team, '2037-12-06', '09:00', '11:00', 'lead-tiantian');
    const placed = await assign('lead-tiantian', team, shift.id, e);
    expect(placed.status).toBe(201);
    expect(placed.body.warnings).toEqual([expect.objectContaining({ code: 'unavailable', studentId: e })]);
    expect(placed.body.warnings[0]!.message).toContain('期末考试');
    const week = await api.team<ScheduleWeekView>('lead-tiantian', 'GET', team, '/schedule-weeks/2037-11-30');
    const shown = week.body.days.flatMap((day) => day.posts.flatMap((post) => post.shifts)).find((s) => s.id === shift.id);
    expect(shown?.warnings.map((w) => w.code)).toEqual(['unavailable']);

    expect((await api.send('limits-e', 'DELETE', `/api/console/shifts/availability/${declared.body.id}`)).status).toBe(200);
    expect((await api.send<AvailabilityList>('limits-e', 'GET', '/api/console/shifts/availability')).body.items).toEqual([]);
  });
});
