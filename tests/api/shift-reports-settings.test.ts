import type { ShiftSettings, Term, TermList } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';

/** 设置: shift limits, clock rules, 双导师 weights, pay rates per post, and terms (学期). */
const fixture = useSeededApp({ overrides: { orderJobTimer: false } });
const { send } = personaClient(() => fixture.app.baseUrl);

const SETTINGS = '/api/console/shift-settings';
const TERMS = '/api/console/terms';

function formOf(settings: ShiftSettings) {
  const { payRates, updatedAt: _updatedAt, updatedByName: _updatedByName, can: _can, ...values } = settings;
  return { ...values, payRates: payRates.map(({ post, hourlyRateFen }) => ({ post, hourlyRateFen })) };
}

describe('shift settings', () => {
  it('should start from the defaults and let any staff member read them, only admins edit', async () => {
    const asStudent = await send<ShiftSettings>('student-tiantian', 'GET', SETTINGS);
    expect(asStudent.status).toBe(200);
    expect(asStudent.body).toMatchObject({
      maxWeeklyMinutes: 480,
      maxMonthlyMinutes: 2400,
      minRestMinutes: 0,
      earlyClockInMinutes: 10,
      lateGraceMinutes: 5,
      autoCloseAfterMinutes: 30,
      teacherWeight: 40,
      mentorWeight: 60,
      can: { edit: false },
    });
    expect(asStudent.body.payRates.find((rate) => rate.post === 'warehouse')?.hourlyRateFen).toBe(1200);
    expect((await send<ShiftSettings>('admin', 'GET', SETTINGS)).body.can.edit).toBe(true);
    expect((await send('customer', 'GET', SETTINGS)).status).toBe(403);

    const form = formOf(asStudent.body);
    for (const persona of ['teacher', 'mentor', 'student-tiantian']) {
      const refused = await send(persona, 'PUT', SETTINGS, { ...form, maxWeeklyMinutes: 600 });
      expect(refused.status).toBe(403);
      expect(refused.body.error?.code).toBe('FORBIDDEN');
    }
  });

  it('should save an admin\'s settings and rates, read back through the shift rules', async () => {
    const current = (await send<ShiftSettings>('admin', 'GET', SETTINGS)).body;
    const saved = await send<ShiftSettings>('admin', 'PUT', SETTINGS, {
      ...formOf(current),
      maxWeeklyMinutes: 420,
      lateGraceMinutes: 3,
      teacherWeight: 50,
      mentorWeight: 50,
      payRates: [{ post: 'warehouse', hourlyRateFen: 1350 }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ maxWeeklyMinutes: 420, lateGraceMinutes: 3, teacherWeight: 50, mentorWeight: 50, updatedByName: expect.any(String) });
    const rates = Object.fromEntries(saved.body.payRates.map((rate) => [rate.post, rate.hourlyRateFen]));
    expect(rates).toMatchObject({ warehouse: 1350, live_host: 1200 });
    expect((await send<ShiftSettings>('teacher', 'GET', SETTINGS)).body).toMatchObject({ maxWeeklyMinutes: 420, teacherWeight: 50 });
  });

  it('should refuse weights not summing to 100 and rates under ¥12/h, changing nothing', async () => {
    const before = (await send<ShiftSettings>('admin', 'GET', SETTINGS)).body;
    const form = formOf(before);

    const weights = await send('admin', 'PUT', SETTINGS, { ...form, maxWeeklyMinutes: 300, teacherWeight: 50, mentorWeight: 60 });
    expect(weights.status).toBe(422);
    expect(weights.body.error?.code).toBe('SHIFT_WEIGHTS_INVALID');
    expect(weights.body.error?.message).toBe('校内导师与企业导师的权重之和必须等于 100%（现在是 110%）');

    const rate = await send('admin', 'PUT', SETTINGS, { ...form, maxWeeklyMinutes: 300, payRates: [{ post: 'live_host', hourlyRateFen: 1199 }] });
    expect(rate.status).toBe(422);
    expect(rate.body.error?.code).toBe('PAY_RATE_TOO_LOW');
    expect(rate.body.error?.message).toContain('直播主播');
    expect(rate.body.error?.message).toContain('¥12.00');

    for (const bad of [
      { ...form, maxWeeklyMinutes: 0 },
      { ...form, lateGraceMinutes: -1 },
      { ...form, earlyClockInMinutes: 2.5 },
      { ...form, teacherWeight: 101, mentorWeight: -1 },
      { ...form, payRates: [{ post: 'warehouse', hourlyRateFen: 1250.5 }] },
      { ...form, payRates: [{ post: 'nobody', hourlyRateFen: 1500 }] },
      { ...form, payRates: [{ post: 'warehouse', hourlyRateFen: 1500 }, { post: 'warehouse', hourlyRateFen: 1600 }] },
    ]) {
      const refused = await send('admin', 'PUT', SETTINGS, bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.error?.code).toBe('VALIDATION_FAILED');
    }

    expect((await send<ShiftSettings>('admin', 'GET', SETTINGS)).body).toEqual(before);
  });
});

describe('terms', () => {
  const term = (name: string, startsOn: string, endsOn: string) => ({ name, startsOn, endsOn });

  it('should let admins create and edit terms that do not overlap, and staff list them', async () => {
    const created = await send<Term>('admin', 'POST', TERMS, term('  2031 春季学期 ', '2031-02-24', '2031-07-10'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '2031 春季学期', startsOn: '2031-02-24', endsOn: '2031-07-10', closedAt: null });
    const autumn = await send<Term>('admin', 'POST', TERMS, term('2031 秋季学期', '2031-09-01', '2032-01-20'));
    expect(autumn.status).toBe(201);

    const overlapping = await send('admin', 'POST', TERMS, term('2031 暑期', '2031-07-10', '2031-08-31'));
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error).toMatchObject({ code: 'TERM_OVERLAPS', message: '学期日期与“2031 春季学期”重叠' });
    const same = await send('admin', 'POST', TERMS, term('2031 春季学期', '2033-02-24', '2033-07-10'));
    expect(same.status).toBe(409);
    expect(same.body.error?.code).toBe('TERM_NAME_TAKEN');
    const backwards = await send('admin', 'POST', TERMS, term('倒序', '2034-03-01', '2034-02-01'));
    expect(backwards.status).toBe(422);
    expect(backwards.body.error?.code).toBe('TERM_DATES_INVALID');
    for (const bad of [term('', '2034-03-01', '2034-04-01'), term('x', '2034-02-30', '2034-04-01'), term('x', '2034/03/01', '2034-04-01'), { name: 'x' }]) {
      expect((await send('admin', 'POST', TERMS, bad)).status).toBe(400);
    }

    const moved = await send<Term>('admin', 'PUT', `${TERMS}/${created.body.id}`, term('2031 春季学期', '2031-02-24', '2031-07-05'));
    expect(moved.status).toBe(200);
    expect(moved.body.endsOn).toBe('2031-07-05');
    // Editing a term never counts it as overlapping itself; moving into another still does.
    const into = await send('admin', 'PUT', `${TERMS}/${created.body.id}`, term('2031 春季学期', '2031-02-24', '2031-09-01'));
    expect(into.status).toBe(409);
    expect((await send('admin', 'PUT', `${TERMS}/999999`, term('不存在', '2040-01-01', '2040-02-01'))).body.error?.code).toBe('TERM_NOT_FOUND');

    for (const persona of ['teacher', 'student-tiantian', 'mentor']) {
      expect((await send(persona, 'POST', TERMS, term('2035 春', '2035-02-01', '2035-06-30'))).status).toBe(403);
      expect((await send(persona, 'PUT', `${TERMS}/${created.body.id}`, term('改名', '2031-02-24', '2031-07-05'))).status).toBe(403);
    }

    const listed = await send<TermList>('teacher', 'GET', TERMS);
    expect(listed.status).toBe(200);
    expect(listed.body.can).toEqual({ manage: false, close: false });
    const names = listed.body.items.map((item) => item.name);
    expect(names).toContain('2031 春季学期');
    // Latest first.
    expect(names.indexOf('2031 秋季学期')).toBeLessThan(names.indexOf('2031 春季学期'));
    expect((await send<TermList>('admin', 'GET', TERMS)).body.can).toEqual({ manage: true, close: true });
    expect((await send('customer', 'GET', TERMS)).status).toBe(403);
  });
});
