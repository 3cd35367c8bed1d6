import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { atLocal, localDateOf } from '@qiaodu/shared';
import { scheduleWeeks, shiftAssignments, shifts, shiftTemplates, terms, users } from '../schema';
import { useTempDatabase } from '../testing/temp-database';
import { seedDemoData } from './index';
import { termOf } from './shifts-term';

const temp = useTempDatabase('seed-shifts');

/** Thursday 26 November 2026, 09:00 in Jiangmen: this week is 23–29 November. */
const NOW = atLocal('2026-11-26', 9 * 60);

async function snapshot() {
  const { db } = temp.database;
  return {
    terms: await db.select().from(terms).orderBy(asc(terms.id)),
    templates: await db.select().from(shiftTemplates).orderBy(asc(shiftTemplates.id)),
    weeks: await db.select().from(scheduleWeeks).orderBy(asc(scheduleWeeks.id)),
    shifts: await db.select().from(shifts).orderBy(asc(shifts.id)),
    places: await db.select().from(shiftAssignments).orderBy(asc(shiftAssignments.id)),
  };
}

async function placesOf(persona: string) {
  const { db } = temp.database;
  return db
    .select({ id: shiftAssignments.id, status: shiftAssignments.status, late: shiftAssignments.late, autoClosed: shiftAssignments.autoClosed, reviewedAt: shiftAssignments.reviewedAt, startsAt: shifts.startsAt, post: shifts.post })
    .from(shiftAssignments)
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .innerJoin(users, eq(users.id, shiftAssignments.studentId))
    .where(eq(users.persona, persona))
    .orderBy(asc(shifts.startsAt));
}

const count = <T>(rows: readonly T[], pick: (row: T) => string) =>
  rows.reduce<Record<string, number>>((sums, row) => ({ ...sums, [pick(row)]: (sums[pick(row)] ?? 0) + 1 }), {});

describe('the demo shifts seed', () => {
  it('seeds the current term, every team’s weekly slots and four weeks generated from them', async () => {
    await seedDemoData(temp.database.db, { now: NOW });
    const rows = await snapshot();

    expect(rows.terms.map((t) => [t.name, t.startsOn, t.endsOn, t.closedAt])).toEqual([['2026–2027 学年第一学期', '2026-09-01', '2027-01-17', null]]);
    // Warehouse Tue/Thu, store Mon/Wed, live Fri, photos Wed, customer service Mon–Fri.
    expect(rows.templates).toHaveLength(2 + 2 + 1 + 1 + 5);
    expect(count(rows.templates, (t) => t.post)).toEqual({ warehouse: 2, store_ops: 2, live_host: 1, photo_design: 1, customer_service: 5 });

    expect(rows.weeks).toHaveLength(4 * 4);
    expect(count(rows.weeks, (w) => `${w.weekStart} ${w.status}`)).toEqual({
      '2026-11-16 published': 4,
      '2026-11-23 published': 4,
      '2026-11-30 published': 4,
      '2026-12-07 draft': 4,
    });
    for (const week of rows.weeks.filter((w) => w.status === 'published')) expect(week.publishedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());

    // 11 slots a week × 4 weeks, plus tomorrow's extra open warehouse shift.
    expect(count(rows.shifts, (s) => s.status)).toEqual({ published: 3 * 11 + 1, draft: 11 });
    const weekOf = new Map(rows.weeks.map((w) => [w.id, w]));
    for (const shift of rows.shifts.filter((s) => s.templateId !== null)) {
      expect(shift.status).toBe(weekOf.get(shift.scheduleWeekId!)!.status);
      expect(shift.teamId).toBe(weekOf.get(shift.scheduleWeekId!)!.teamId);
    }
    const extra = rows.shifts.filter((s) => s.templateId === null);
    expect(extra).toHaveLength(1);
    expect(extra[0]).toMatchObject({ post: 'warehouse', openForSignup: true, status: 'published', capacity: 2, scheduleWeekId: null });
    expect(localDateOf(extra[0]!.startsAt)).toBe('2026-11-27');
    expect(rows.places.filter((p) => p.shiftId === extra[0]!.id)).toEqual([]);
  }, 120_000);

  it('gives the demo students a realistic fortnight behind them and their next shifts ahead', async () => {
    const rows = await snapshot();
    expect(count(rows.places, (p) => p.status)).toEqual({ completed: 13, scheduled: 12, auto_closed: 1, no_show: 1 });
    expect(rows.places.filter((p) => p.late)).toHaveLength(1);
    // Nobody is on a draft shift, nor clocked in.
    const draftIds = new Set(rows.shifts.filter((s) => s.status === 'draft').map((s) => s.id));
    expect(rows.places.filter((p) => draftIds.has(p.shiftId))).toEqual([]);

    const warehouse = await placesOf('student-tiantian');
    expect(warehouse.map((p) => [localDateOf(p.startsAt), p.status, p.late, p.autoClosed])).toEqual([
      ['2026-11-17', 'completed', false, false],
      ['2026-11-19', 'completed', true, false],
      // A forgotten clock-out the job closed, waiting for review.
      ['2026-11-24', 'auto_closed', false, true],
      ['2026-11-26', 'scheduled', false, false],
      ['2026-12-01', 'scheduled', false, false],
      ['2026-12-03', 'scheduled', false, false],
    ]);
    expect(warehouse[2]!.reviewedAt).toBeNull();
    const lead = await placesOf('lead-tiantian');
    expect(lead.map((p) => p.status)).toEqual(['completed', 'completed', 'no_show', 'completed', 'scheduled', 'scheduled']);

    // Attendance agrees with the clock rules: punctual ones in before the start, the late one after start + grace.
    const byId = new Map(rows.shifts.map((s) => [s.id, s]));
    for (const place of rows.places.filter((p) => p.status === 'completed')) {
      const shift = byId.get(place.shiftId)!;
      const lateBy = (place.clockInAt!.getTime() - shift.startsAt.getTime()) / 60_000;
      expect(lateBy > 5).toBe(place.late);
      expect(lateBy).toBeGreaterThanOrEqual(-10);
      expect(place.clockOutAt!.getTime()).toBeGreaterThan(shift.endsAt.getTime() - 60_000);
    }
    for (const place of rows.places) {
      const shift = byId.get(place.shiftId)!;
      if (place.status === 'scheduled') expect(shift.startsAt.getTime()).toBeGreaterThan(NOW.getTime());
      else expect(shift.endsAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('changes nothing when seeded again at the same time', async () => {
    const before = await snapshot();
    await seedDemoData(temp.database.db, { now: NOW });
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('keeps what the shop changed and duplicates nothing when seeded again later', async () => {
    const { db } = temp.database;
    const [given] = await placesOf('student-tiantian').then((places) => places.filter((p) => p.status === 'scheduled'));
    await db.update(shiftAssignments).set({ status: 'released' }).where(eq(shiftAssignments.id, given!.id));
    // The lead retires Monday's customer service slot.
    await db
      .update(shiftTemplates)
      .set({ active: false })
      .where(and(eq(shiftTemplates.post, 'customer_service'), eq(shiftTemplates.weekday, 1)));
    const before = await snapshot();

    // A week later: one more week of shifts (without the retired slot), nothing twice, the released place still released.
    await seedDemoData(db, { now: new Date(NOW.getTime() + 7 * 24 * 60 * 60_000) });
    const after = await snapshot();
    expect(after.terms).toEqual(before.terms);
    expect(after.templates).toEqual(before.templates);
    expect(after.weeks).toHaveLength(before.weeks.length + 4);
    expect(after.weeks.slice(0, before.weeks.length)).toEqual(before.weeks);
    expect(after.shifts.slice(0, before.shifts.length)).toEqual(before.shifts);
    expect(after.shifts).toHaveLength(before.shifts.length + 10 + 1);
    expect(after.places.find((p) => p.id === given!.id)?.status).toBe('released');
    const keys = after.places.map((p) => `${p.shiftId}/${p.studentId}`);
    expect(new Set(keys).size).toBe(keys.length);
  }, 120_000);

  it('leaves shifts running around the seed time free, so a shift made for now never clashes', async () => {
    const { db } = temp.database;
    // Tuesday 8 December 14:30, in the middle of a warehouse slot of a week seeded as a draft before.
    const busy = atLocal('2026-12-08', 14 * 60 + 30);
    const weeks = await db
      .update(scheduleWeeks)
      .set({ status: 'published', publishedAt: busy })
      .where(eq(scheduleWeeks.weekStart, '2026-12-07'))
      .returning({ id: scheduleWeeks.id });
    await db.update(shifts).set({ status: 'published' }).where(inArray(shifts.scheduleWeekId, weeks.map((w) => w.id)));
    await seedDemoData(db, { now: busy });
    const places = await placesOf('student-tiantian');
    const around = places.filter((p) => Math.abs(p.startsAt.getTime() - busy.getTime()) < 3 * 60 * 60_000);
    expect(around).toEqual([]);
    expect(places.some((p) => localDateOf(p.startsAt) === '2026-12-10' && p.status === 'scheduled')).toBe(true);
  }, 120_000);
});

describe('termOf', () => {
  it('finds the term of any day, holidays belonging to the term before', () => {
    expect(termOf('2026-11-29')).toEqual({ name: '2026–2027 学年第一学期', startsOn: '2026-09-01', endsOn: '2027-01-17' });
    expect(termOf('2027-01-17').endsOn).toBe('2027-01-17');
    expect(termOf('2027-02-01')).toEqual({ name: '2026–2027 学年第一学期', startsOn: '2026-09-01', endsOn: '2027-02-22' });
    expect(termOf('2027-02-23')).toEqual({ name: '2026–2027 学年第二学期', startsOn: '2027-02-23', endsOn: '2027-07-10' });
    expect(termOf('2027-08-15')).toEqual({ name: '2026–2027 学年第二学期', startsOn: '2027-02-23', endsOn: '2027-08-31' });
    expect(termOf('2027-09-01').name).toBe('2027–2028 学年第一学期');
  });
});
