import { schema } from '@qiaodu/db';
import type { MyShifts, PlaceResult, ScheduleWeekView, ShiftView, SwapRequestView } from '@qiaodu/shared';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { manualClock } from '../support/clock';
import { teamIdOf, userIdOf } from '../support/inventory';
import { addStudent, at, planningClient } from '../support/planning-shifts';

/**
 * The guards around planning: a classmate's unavailability stays with the planners, dates and
 * instants outside 2000–2099 are bad input (400, not a 500 from date arithmetic or PostgreSQL),
 * an assigned place is given up only through a request, only the team's students hold places,
 * and the open-shift preview counts the same held shifts as the sign-up check.
 *
 * Wednesday 2038-03-03 10:00 in Jiangmen; the next week starts Monday 2038-03-08.
 */
const clock = manualClock(new Date('2038-03-03T02:00:00Z'));
const fixture = useSeededApp({ overrides: { clock: clock.now } });
const db = () => fixture.testDb.database.db;
const api = planningClient(() => fixture.app.baseUrl);
const WEEK = '2038-03-08';

let team: number;
const shiftsOf = (week: ScheduleWeekView) => week.days.flatMap((day) => day.posts.flatMap((post) => post.shifts));

async function insertShift(date: string, from: string, to: string, options: { status?: 'draft' | 'published'; open?: boolean; capacity?: number } = {}): Promise<number> {
  const [row] = await db()
    .insert(schema.shifts)
    .values({
      teamId: team,
      post: 'warehouse',
      startsAt: new Date(at(date, from)),
      endsAt: new Date(at(date, to)),
      capacity: options.capacity ?? 3,
      status: options.status ?? 'published',
      openForSignup: options.open ?? true,
    })
    .returning({ id: schema.shifts.id });
  return row!.id;
}

async function placeDirectly(shiftId: number, studentId: number, source: 'signup' | 'assigned' = 'assigned'): Promise<number> {
  const [row] = await db().insert(schema.shiftAssignments).values({ shiftId, studentId, source }).returning({ id: schema.shiftAssignments.id });
  return row!.id;
}

const placesOn = async (shiftId: number) =>
  db().select({ studentId: schema.shiftAssignments.studentId, status: schema.shiftAssignments.status }).from(schema.shiftAssignments).where(eq(schema.shiftAssignments.shiftId, shiftId));

beforeAll(async () => {
  team = await teamIdOf(db(), 'tiantian-yunying-1');
});

describe("a classmate's unavailability", () => {
  it('should warn the planners with the note, and show students nothing of it', async () => {
    const classmate = 'student-guard-1';
    await addStudent(db(), team, classmate);
    const declared = await api.send('student-tiantian', 'POST', '/api/console/shifts/availability', {
      kind: 'unavailable',
      startsAt: at(WEEK, '08:00'),
      endsAt: at(WEEK, '18:00'),
      note: '复诊看牙',
    });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);
    const shiftId = await insertShift(WEEK, '09:00', '11:00');
    await placeDirectly(shiftId, await userIdOf(db(), 'student-tiantian'));

    const lead = await api.team<ScheduleWeekView>('lead-tiantian', 'GET', team, `/schedule-weeks/${WEEK}`);
    expect(lead.status).toBe(200);
    const planned = shiftsOf(lead.body).find((shift) => shift.id === shiftId)!;
    expect(planned.warnings.map((warning) => warning.message).join()).toContain('复诊看牙');

    for (const viewer of [classmate, 'student-tiantian']) {
      const week = await api.team<ScheduleWeekView>(viewer, 'GET', team, `/schedule-weeks/${WEEK}`);
      expect(week.status).toBe(200);
      const seen = shiftsOf(week.body).find((shift) => shift.id === shiftId)!;
      expect(seen.warnings).toEqual([]);
      expect(JSON.stringify(week.body)).not.toContain('复诊看牙');
      expect(JSON.stringify(week.body)).not.toContain('不可上岗');
      const one = await api.team<ShiftView>(viewer, 'POST', team, `/shifts/${shiftId}/signup`);
      expect(JSON.stringify(one.body)).not.toContain('复诊看牙');
    }
  });
});

describe('dates and instants outside 2000–2099', () => {
  it('should answer 400 for a week or generation in year 9999 or 2100, creating nothing', async () => {
    const shifts = async () => (await db().select({ n: count() }).from(schema.shifts).where(eq(schema.shifts.teamId, team)))[0]!.n;
    const before = await shifts();
    for (const weekStart of ['9999-12-27', '2100-01-04', '1999-12-27']) {
      const week = await api.team('lead-tiantian', 'GET', team, `/schedule-weeks/${weekStart}`);
      expect(week.status, weekStart).toBe(400);
      expect(week.body.error?.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(week.body.error)).toContain('2000–2099');
      const generated = await api.team('lead-tiantian', 'POST', team, `/schedule-weeks/${weekStart}/generate`, {});
      expect(generated.status, weekStart).toBe(400);
    }
    expect(await shifts()).toBe(before);
  });

  it('should refuse availability and one-off shifts in year 0000 or 0001 with a Chinese message, storing nothing', async () => {
    const declarations = async () => (await db().select({ n: count() }).from(schema.availabilityDeclarations))[0]!.n;
    const before = await declarations();
    for (const startsAt of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z']) {
      const refused = await api.send('student-tiantian', 'POST', '/api/console/shifts/availability', {
        kind: 'unavailable',
        startsAt,
        endsAt: '0001-01-02T00:00:00Z',
      });
      expect(refused.status, startsAt).toBe(400);
      expect(refused.body.error?.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(refused.body.error)).toContain('时间应在');
    }
    expect(await declarations()).toBe(before);
    const oneOff = await api.team('lead-tiantian', 'POST', team, '/shifts', {
      post: 'warehouse',
      startsAt: '0001-01-01T00:00:00Z',
      endsAt: '0001-01-01T02:00:00Z',
      capacity: 1,
    });
    expect(oneOff.status).toBe(400);
  });
});

describe('giving up a place', () => {
  it('should let a student withdraw from a place they signed up for, but not from one a lead assigned', async () => {
    const studentId = await userIdOf(db(), 'student-tiantian');
    const assignedShift = await insertShift('2038-03-10', '14:00', '16:00');
    const assigned = await api.team<PlaceResult>('lead-tiantian', 'POST', team, `/shifts/${assignedShift}/places`, { studentId });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    expect(assigned.body.shift.can.withdraw).toBe(false);

    const mine = await api.send<MyShifts>('student-tiantian', 'GET', '/api/console/shifts/mine');
    const place = mine.body.upcoming.flatMap((day) => day.items).find((item) => item.shiftId === assignedShift)!;
    expect(place.can).toEqual({ withdraw: false, requestSwap: true });

    const refused = await api.team('student-tiantian', 'DELETE', team, `/shifts/${assignedShift}/signup`);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('SHIFT_PLACE_NOT_WITHDRAWABLE');
    expect(refused.body.error?.message).toContain('换班或代班');
    expect(await placesOn(assignedShift)).toEqual([{ studentId, status: 'scheduled' }]);

    const openShift = await insertShift('2038-03-11', '14:00', '16:00');
    const signed = await api.team<PlaceResult>('student-tiantian', 'POST', team, `/shifts/${openShift}/signup`);
    expect(signed.status).toBe(201);
    expect(signed.body.shift.can.withdraw).toBe(true);
    const withdrawn = await api.team<ShiftView>('student-tiantian', 'DELETE', team, `/shifts/${openShift}/signup`);
    expect(withdrawn.status).toBe(200);
    expect(await placesOn(openShift)).toEqual([{ studentId, status: 'released' }]);
  });
});

describe('who holds a place', () => {
  it('should refuse a sign-up by an admin, and a cover accepted by an admin, changing nothing', async () => {
    const shiftId = await insertShift('2038-03-12', '09:00', '11:00');
    const signUp = await api.team('admin', 'POST', team, `/shifts/${shiftId}/signup`);
    expect(signUp.status).toBe(422);
    expect(signUp.body.error).toMatchObject({ code: 'SHIFT_STUDENT_NOT_MEMBER', message: '只有本团队的学生成员可以报名班次' });
    expect(await placesOn(shiftId)).toEqual([]);

    const covered = await insertShift('2038-03-12', '14:00', '16:00');
    const assignmentId = await placeDirectly(covered, await userIdOf(db(), 'student-tiantian'), 'signup');
    const request = await api.team<SwapRequestView>('student-tiantian', 'POST', team, '/swap-requests', { kind: 'cover', assignmentId, note: '家里有事' });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    const accepted = await api.team('admin', 'POST', team, `/swap-requests/${request.body.id}/accept`);
    expect(accepted.status).toBe(422);
    expect(accepted.body.error).toMatchObject({ code: 'SHIFT_STUDENT_NOT_MEMBER', message: '只有本团队的学生成员可以接受代班或换班' });
    const [row] = await db().select({ status: schema.swapRequests.status }).from(schema.swapRequests).where(eq(schema.swapRequests.id, request.body.id));
    expect(row!.status).toBe('requested');
  });
});

describe('the open-shift preview', () => {
  it('should count places on draft shifts as the sign-up check does, so both say overlap', async () => {
    const persona = 'student-guard-2';
    const studentId = await addStudent(db(), team, persona);
    const draft = await insertShift('2038-03-09', '09:00', '11:00', { status: 'draft' });
    await placeDirectly(draft, studentId);
    const open = await insertShift('2038-03-09', '10:00', '12:00');

    const mine = await api.send<MyShifts>(persona, 'GET', '/api/console/shifts/mine');
    expect(mine.status).toBe(200);
    const offered = mine.body.open.flatMap((day) => day.items).find((item) => item.shiftId === open)!;
    expect(offered.problems.map((problem) => problem.code)).toContain('overlap');

    const refused = await api.team(persona, 'POST', team, `/shifts/${open}/signup`);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('SHIFT_OVERLAP');
    expect(await db().select().from(schema.shiftAssignments).where(and(eq(schema.shiftAssignments.shiftId, open), eq(schema.shiftAssignments.studentId, studentId)))).toEqual([]);
  });
});
