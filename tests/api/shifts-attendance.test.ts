import { schema } from '@qiaodu/db';
import { localDateOf, monthStartOf, type AttendanceHistory, type AttendanceList, type AttendanceRow, type MyShift } from '@qiaodu/shared';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { addPlace, clockedInDirectly, placeRow, shiftWithPlace } from '../support/attendance-shifts';
import { personaClient } from '../support/auth';
import { manualClock } from '../support/clock';
import { userIdOf } from '../support/inventory';

/**
 * Working a shift on the server clock: the early limit and the late grace at their boundaries,
 * one active shift per student, the no-show and auto-close jobs (moved by an injected clock and
 * run by hand), and a lead's corrections with their history. Refusals change nothing.
 */
const clock = manualClock(new Date('2026-03-02T01:00:00Z'));
const fixture = useSeededApp({ overrides: { clock: clock.now, orderJobTimer: false } });
const client = personaClient(() => fixture.app.baseUrl);
const db = () => fixture.testDb.database.db;
const MINUTE = 60_000;

const clockIn = (persona: string, assignmentId: number) => client.send<MyShift>(persona, 'POST', `/api/console/shift-places/${assignmentId}/clock-in`);
const clockOut = (persona: string, assignmentId: number) => client.send<MyShift>(persona, 'POST', `/api/console/shift-places/${assignmentId}/clock-out`);
/** Moves the manual clock to an instant (forward only). */
function moveTo(instant: Date): void {
  const delta = instant.getTime() - clock.now().getTime();
  if (delta < 0) throw new Error('the test clock only moves forward');
  clock.advance(delta);
}

describe('clocking in and out', () => {
  it('should refuse before start − 10 min with the opening time, and open exactly then (not late)', async () => {
    const place = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 60 });
    moveTo(new Date(place.startsAt.getTime() - 10 * MINUTE - 1000));
    const early = await clockIn('student-tiantian', place.assignmentId);
    expect(early.status).toBe(409);
    expect(early.body.error?.code).toBe('CLOCK_IN_NOT_OPEN');
    expect(early.body.error?.message).toMatch(/签到将于 \d{2}:\d{2} 开放/);
    expect((await placeRow(db(), place.assignmentId)).status).toBe('scheduled');

    const hub = await client.send<MyShift>('student-tiantian', 'GET', '/api/console/my-shift');
    expect(hub.body.next).toMatchObject({ assignmentId: place.assignmentId, clockInOpen: false });
    expect(hub.body.next?.clockInOpensAt).toBe(new Date(place.startsAt.getTime() - 10 * MINUTE).toISOString());

    clock.advance(1000);
    const open = await clockIn('student-tiantian', place.assignmentId);
    expect(open.status, JSON.stringify(open.body)).toBe(200);
    expect(open.body.current).toMatchObject({ assignmentId: place.assignmentId, status: 'clocked_in', late: false, minutesSoFar: 0 });
    const row = await placeRow(db(), place.assignmentId);
    expect(row.clockInAt?.toISOString()).toBe(clock.now().toISOString());

    clock.advance(30 * MINUTE);
    expect((await client.send<MyShift>('student-tiantian', 'GET', '/api/console/my-shift')).body.current?.minutesSoFar).toBe(30);
    const out = await clockOut('student-tiantian', place.assignmentId);
    expect(out.status).toBe(200);
    expect(out.body.current).toBeNull();
    const done = await placeRow(db(), place.assignmentId);
    expect(done.status).toBe('completed');
    expect(done.clockOutAt?.toISOString()).toBe(clock.now().toISOString());

    // Clocking out twice is refused and the first clock-out stays as it was.
    clock.advance(MINUTE);
    const twice = await clockOut('student-tiantian', place.assignmentId);
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe('INVALID_STATE');
    expect((await placeRow(db(), place.assignmentId)).clockOutAt).toEqual(done.clockOutAt);
    // And clocking in again after clocking out too.
    expect((await clockIn('student-tiantian', place.assignmentId)).body.error?.code).toBe('INVALID_STATE');
  });

  it('should record late only after start + 5 min grace', async () => {
    const onTime = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 120 });
    moveTo(new Date(onTime.startsAt.getTime() + 5 * MINUTE));
    expect((await clockIn('student-tiantian', onTime.assignmentId)).body.current?.late).toBe(false);
    await clockOut('student-tiantian', onTime.assignmentId);

    const late = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 120 });
    moveTo(new Date(late.startsAt.getTime() + 5 * MINUTE + 1000));
    const hub = await client.send<MyShift>('student-tiantian', 'GET', '/api/console/my-shift');
    expect(hub.body.next).toMatchObject({ assignmentId: late.assignmentId, clockInOpen: true, lateIfNow: true });
    const answer = await clockIn('student-tiantian', late.assignmentId);
    expect(answer.body.current?.late).toBe(true);
    expect((await placeRow(db(), late.assignmentId)).late).toBe(true);
    await clockOut('student-tiantian', late.assignmentId);
  });

  it('should refuse clock-in at the end of the shift and on a draft shift', async () => {
    const over = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 10, durationMinutes: 60 });
    moveTo(over.endsAt);
    expect((await clockIn('student-tiantian', over.assignmentId)).body.error?.code).toBe('CLOCK_IN_CLOSED');
    const draft = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 0, status: 'draft' });
    const refused = await clockIn('student-tiantian', draft.assignmentId);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('SHIFT_NOT_WORKABLE');
    expect((await placeRow(db(), draft.assignmentId)).status).toBe('scheduled');
  });

  it("should not let a student clock into another student's place", async () => {
    const place = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 0 });
    const other = await clockIn('student-feiyi', place.assignmentId);
    expect(other.status).toBe(404);
    expect(other.body.error?.code).toBe('SHIFT_PLACE_NOT_FOUND');
    expect(other.body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await placeRow(db(), place.assignmentId)).status).toBe('scheduled');
    expect((await clockOut('student-feiyi', place.assignmentId)).status).toBe(404);
  });

  it('should allow one active shift per student and name the open one', async () => {
    const first = await shiftWithPlace(db(), { team: 'feiyi-wenchuang', post: 'photo_design', student: 'student-feiyi', now: clock.now(), startsInMinutes: 0 });
    const second = await shiftWithPlace(db(), { team: 'feiyi-wenchuang', post: 'photo_design', student: 'student-feiyi', now: clock.now(), startsInMinutes: 5 });
    expect((await clockIn('student-feiyi', first.assignmentId)).status).toBe(200);
    const refused = await clockIn('student-feiyi', second.assignmentId);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('ACTIVE_SHIFT_EXISTS');
    expect(refused.body.error?.message).toContain('请先签退');
    expect(refused.body.error?.message).toContain('美工设计');
    expect((await placeRow(db(), second.assignmentId)).status).toBe('scheduled');
    await clockOut('student-feiyi', first.assignmentId);
    expect((await clockIn('student-feiyi', second.assignmentId)).status).toBe(200);
    await clockOut('student-feiyi', second.assignmentId);
  });
});

describe('two devices at once', () => {
  it('should let exactly one of two racing clock-ins win, for one place and for two places', async () => {
    const first = await shiftWithPlace(db(), { team: 'yuecai-meishi', post: 'customer_service', student: 'student-yuecai', now: clock.now(), startsInMinutes: 0 });
    const second = await shiftWithPlace(db(), { team: 'yuecai-meishi', post: 'customer_service', student: 'student-yuecai', now: clock.now(), startsInMinutes: 0 });
    const samePlace = await Promise.all([clockIn('student-yuecai', first.assignmentId), clockIn('student-yuecai', first.assignmentId)]);
    expect(samePlace.map((answer) => answer.status).sort()).toEqual([200, 409]);
    await clockOut('student-yuecai', first.assignmentId);

    const third = await shiftWithPlace(db(), { team: 'yuecai-meishi', post: 'customer_service', student: 'student-yuecai', now: clock.now(), startsInMinutes: 0 });
    const twoPlaces = await Promise.all([clockIn('student-yuecai', second.assignmentId), clockIn('student-yuecai', third.assignmentId)]);
    expect(twoPlaces.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(twoPlaces.find((answer) => answer.status === 409)?.body.error?.code).toBe('ACTIVE_SHIFT_EXISTS');
    const statuses = [(await placeRow(db(), second.assignmentId)).status, (await placeRow(db(), third.assignmentId)).status].sort();
    expect(statuses).toEqual(['clocked_in', 'scheduled']);
    const open = twoPlaces.find((answer) => answer.status === 200)!.body.current!.assignmentId;
    await clockOut('student-yuecai', open);
  });
});

describe('the no-show and auto-close jobs', () => {
  it('should mark no-shows once the shift ended, and close a forgotten clock-out at end + 30 min', async () => {
    const absent = await shiftWithPlace(db(), { team: 'yuecai-meishi', post: 'customer_service', student: 'student-yuecai', now: clock.now(), startsInMinutes: 10, durationMinutes: 60 });
    const forgot = await shiftWithPlace(db(), { team: 'zhibo-daihuo', post: 'live_host', student: 'student-zhibo', now: clock.now(), startsInMinutes: 10, durationMinutes: 60 });
    moveTo(forgot.startsAt);
    expect((await clockIn('student-zhibo', forgot.assignmentId)).status).toBe(200);

    moveTo(new Date(absent.endsAt.getTime() - 1000));
    await fixture.app.built.orderJobs.runOnce();
    expect((await placeRow(db(), absent.assignmentId)).status).toBe('scheduled');

    moveTo(absent.endsAt);
    const atEnd = await fixture.app.built.orderJobs.runOnce();
    expect(atEnd.shiftNoShows).toBeGreaterThanOrEqual(1);
    expect((await placeRow(db(), absent.assignmentId)).status).toBe('no_show');
    expect((await placeRow(db(), forgot.assignmentId)).status).toBe('clocked_in');

    moveTo(new Date(forgot.endsAt.getTime() + 30 * MINUTE - 1000));
    await fixture.app.built.orderJobs.runOnce();
    expect((await placeRow(db(), forgot.assignmentId)).status).toBe('clocked_in');

    moveTo(new Date(forgot.endsAt.getTime() + 30 * MINUTE));
    await fixture.app.built.orderJobs.runOnce();
    const closed = await placeRow(db(), forgot.assignmentId);
    expect(closed).toMatchObject({ status: 'auto_closed', autoClosed: true, reviewedAt: null });
    expect(closed.clockOutAt?.toISOString()).toBe(forgot.endsAt.toISOString());

    // A second pass changes nothing more.
    const again = await fixture.app.built.orderJobs.runOnce();
    expect(again.shiftAutoClosed).toBe(0);
    expect((await placeRow(db(), forgot.assignmentId)).updatedAt).toEqual(closed.updatedAt);
    // The student is free to clock into the next shift.
    expect((await client.send<MyShift>('student-zhibo', 'GET', '/api/console/my-shift')).body.current).toBeNull();
  });
});

describe('attendance and corrections', () => {
  it('should let the lead correct a no-show with a reason, keep the history, and review an auto-closed shift', async () => {
    const place = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 10, durationMinutes: 60 });
    const forgot = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'lead-tiantian', now: clock.now(), startsInMinutes: 10, durationMinutes: 60 });
    await clockedInDirectly(db(), forgot.assignmentId, forgot.startsAt);
    moveTo(new Date(place.endsAt.getTime() + 31 * MINUTE));
    await fixture.app.built.orderJobs.runOnce();
    const date = localDateOf(place.startsAt);
    const base = `/api/console/teams/${place.teamId}/attendance`;

    const list = await client.send<AttendanceList>('lead-tiantian', 'GET', `${base}?from=${date}&to=${date}`);
    expect(list.status).toBe(200);
    expect(list.body.can.correct).toBe(true);
    expect(list.body.items.find((row) => row.assignmentId === place.assignmentId)).toMatchObject({ status: 'no_show', correctionCount: 0 });
    expect(list.body.items.find((row) => row.assignmentId === forgot.assignmentId)).toMatchObject({ status: 'auto_closed', needsReview: true });
    expect(list.body.reviewCount).toBeGreaterThanOrEqual(1);
    const review = await client.send<AttendanceList>('lead-tiantian', 'GET', `${base}?from=${date}&to=${date}&needsReview=true`);
    expect(review.body.items.map((row) => row.assignmentId)).toEqual([forgot.assignmentId]);

    // A student sees attendance but may not correct it.
    const asStudent = await client.send<AttendanceList>('student-tiantian', 'GET', `${base}?from=${date}&to=${date}`);
    expect(asStudent.body.can.correct).toBe(false);
    const corrections = () => db().select({ n: count() }).from(schema.attendanceCorrections);
    const before = (await corrections())[0]!.n;
    const body = { reason: '实际到岗，忘记签到（见监控）', status: 'completed', clockInAt: place.startsAt.toISOString(), clockOutAt: place.endsAt.toISOString() };
    const forbidden = await client.send('student-tiantian', 'POST', `${base}/${place.assignmentId}/corrections`, body);
    expect(forbidden.status).toBe(403);

    // Without a reason: refused, nothing changed.
    const noReason = await client.send('lead-tiantian', 'POST', `${base}/${place.assignmentId}/corrections`, { ...body, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.code).toBe('VALIDATION_FAILED');
    // A shape the database would refuse: completed without a clock-out.
    const broken = await client.send('lead-tiantian', 'POST', `${base}/${place.assignmentId}/corrections`, { reason: '补签', status: 'completed', clockInAt: place.startsAt.toISOString() });
    expect(broken.status).toBe(422);
    expect(broken.body.error?.code).toBe('ATTENDANCE_CORRECTION_INVALID');
    expect((await corrections())[0]!.n).toBe(before);
    expect((await placeRow(db(), place.assignmentId)).status).toBe('no_show');

    const corrected = await client.send<AttendanceRow>('lead-tiantian', 'POST', `${base}/${place.assignmentId}/corrections`, body);
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body).toMatchObject({ status: 'completed', clockInAt: place.startsAt.toISOString(), correctionCount: 1 });
    const history = await client.send<AttendanceHistory>('teacher', 'GET', `${base}/${place.assignmentId}`);
    expect(history.body.corrections).toHaveLength(1);
    expect(history.body.corrections[0]).toMatchObject({
      reason: body.reason,
      correctedBy: { id: await userIdOf(db(), 'lead-tiantian') },
      before: { status: 'no_show', clockInAt: null, clockOutAt: null },
      after: { status: 'completed', clockInAt: place.startsAt.toISOString(), clockOutAt: place.endsAt.toISOString() },
    });

    // Review of the auto-closed shift, with the real clock-out time the lead knows.
    const realOut = new Date(forgot.endsAt.getTime() - 15 * MINUTE).toISOString();
    const reviewed = await client.send<AttendanceRow>('teacher', 'POST', `${base}/${forgot.assignmentId}/review`, { clockOutAt: realOut });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'auto_closed', clockOutAt: realOut, needsReview: false, correctionCount: 1 });
    expect(reviewed.body.reviewedBy?.id).toBe(await userIdOf(db(), 'teacher'));
    const twice = await client.send('teacher', 'POST', `${base}/${forgot.assignmentId}/review`, {});
    expect(twice.status).toBe(409);
  });

  it("should refuse corrections once the student's timesheet for that month is approved", async () => {
    const place = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 10, durationMinutes: 60 });
    moveTo(place.endsAt);
    await fixture.app.built.orderJobs.runOnce();
    await db()
      .insert(schema.timesheets)
      .values({ studentId: place.studentId, month: monthStartOf(localDateOf(place.startsAt)), status: 'approved', approvedAt: clock.now() })
      .onConflictDoUpdate({ target: [schema.timesheets.studentId, schema.timesheets.month], set: { status: 'approved', approvedAt: clock.now() } });
    const refused = await client.send('lead-tiantian', 'POST', `/api/console/teams/${place.teamId}/attendance/${place.assignmentId}/corrections`, {
      reason: '补签',
      status: 'completed',
      clockInAt: place.startsAt.toISOString(),
      clockOutAt: place.endsAt.toISOString(),
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('ATTENDANCE_MONTH_LOCKED');
    expect((await placeRow(db(), place.assignmentId)).status).toBe('no_show');
    await db().delete(schema.timesheets).where(eq(schema.timesheets.studentId, place.studentId));
  });

  it("should not correct another team's place through this team's path", async () => {
    const place = await shiftWithPlace(db(), { team: 'feiyi-wenchuang', post: 'photo_design', student: 'student-feiyi', now: clock.now(), startsInMinutes: 10 });
    const other = await addPlace(db(), place.shiftId, 'student-tiantian');
    const tiantian = (await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 600 })).teamId;
    const refused = await client.send('lead-tiantian', 'POST', `/api/console/teams/${tiantian}/attendance/${other}/corrections`, { reason: '试试', status: 'no_show' });
    expect(refused.status).toBe(404);
    expect((await placeRow(db(), other)).status).toBe('scheduled');
  });
});

describe('who corrects what, and when', () => {
  it("should refuse a lead correcting or reviewing their own attendance, and let the teacher do it", async () => {
    const own = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'lead-tiantian', now: clock.now(), startsInMinutes: 10, durationMinutes: 60 });
    const forgot = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'lead-tiantian', now: clock.now(), startsInMinutes: 80, durationMinutes: 60 });
    moveTo(new Date(forgot.startsAt.getTime()));
    await clockedInDirectly(db(), forgot.assignmentId, forgot.startsAt);
    moveTo(new Date(forgot.endsAt.getTime() + 31 * MINUTE));
    await fixture.app.built.orderJobs.runOnce();
    expect((await placeRow(db(), own.assignmentId)).status).toBe('no_show');
    expect((await placeRow(db(), forgot.assignmentId)).status).toBe('auto_closed');
    const base = `/api/console/teams/${own.teamId}/attendance`;
    const corrections = async () => (await db().select({ n: count() }).from(schema.attendanceCorrections))[0]!.n;
    const before = await corrections();

    const body = { reason: '我其实到岗了', status: 'completed', clockInAt: own.startsAt.toISOString(), clockOutAt: own.endsAt.toISOString() };
    const self = await client.send('lead-tiantian', 'POST', `${base}/${own.assignmentId}/corrections`, body);
    expect(self.status).toBe(403);
    expect(self.body.error?.code).toBe('ATTENDANCE_OWN_PLACE');
    expect(self.body.error?.message).toContain('自己的考勤');
    const selfReview = await client.send('lead-tiantian', 'POST', `${base}/${forgot.assignmentId}/review`, {});
    expect(selfReview.status).toBe(403);
    expect(selfReview.body.error?.code).toBe('ATTENDANCE_OWN_PLACE');
    expect(await corrections()).toBe(before);
    expect(await placeRow(db(), own.assignmentId)).toMatchObject({ status: 'no_show', clockInAt: null });
    expect((await placeRow(db(), forgot.assignmentId)).reviewedAt).toBeNull();

    const byTeacher = await client.send<AttendanceRow>('teacher', 'POST', `${base}/${own.assignmentId}/corrections`, body);
    expect(byTeacher.status, JSON.stringify(byTeacher.body)).toBe(200);
    expect(byTeacher.body.status).toBe('completed');
    expect((await client.send('teacher', 'POST', `${base}/${forgot.assignmentId}/review`, {})).status).toBe(200);
  });

  it('should refuse a correction before the shift has ended, changing nothing', async () => {
    const place = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 60, durationMinutes: 60 });
    const path = `/api/console/teams/${place.teamId}/attendance/${place.assignmentId}/corrections`;
    const ahead = await client.send('lead-tiantian', 'POST', path, { reason: '提前记缺勤', status: 'no_show' });
    expect(ahead.status).toBe(409);
    expect(ahead.body.error?.code).toBe('ATTENDANCE_SHIFT_NOT_OVER');
    // Under way (started, not ended) is still not over, even for the teacher.
    moveTo(new Date(place.startsAt.getTime() + 5 * MINUTE));
    const during = await client.send('teacher', 'POST', path, {
      reason: '补签',
      status: 'completed',
      clockInAt: place.startsAt.toISOString(),
      clockOutAt: new Date(place.startsAt.getTime() + MINUTE).toISOString(),
    });
    expect(during.status).toBe(409);
    expect(during.body.error?.code).toBe('ATTENDANCE_SHIFT_NOT_OVER');
    expect(await placeRow(db(), place.assignmentId)).toMatchObject({ status: 'scheduled', clockInAt: null });
  });

  it('should answer 400 for dates and times outside 2000–2099, changing nothing', async () => {
    const place = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 10, durationMinutes: 60 });
    moveTo(new Date(place.endsAt.getTime() + MINUTE));
    await fixture.app.built.orderJobs.runOnce();
    const base = `/api/console/teams/${place.teamId}/attendance`;
    for (const query of ['from=9999-12-31&to=9999-12-31', 'from=2026-03-01&to=2100-01-01', 'from=1999-12-31&to=2000-01-01']) {
      const list = await client.send('lead-tiantian', 'GET', `${base}?${query}`);
      expect(list.status, query).toBe(400);
      expect(list.body.error?.code).toBe('VALIDATION_FAILED');
    }
    for (const instant of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '2100-01-01T00:00:00+08:00']) {
      const corrected = await client.send('lead-tiantian', 'POST', `${base}/${place.assignmentId}/corrections`, {
        reason: '补签',
        status: 'completed',
        clockInAt: instant,
        clockOutAt: place.endsAt.toISOString(),
      });
      expect(corrected.status, instant).toBe(400);
      expect(JSON.stringify(corrected.body.error)).toContain('时间应在');
      const out = await client.send('lead-tiantian', 'POST', `${base}/${place.assignmentId}/corrections`, { reason: '补签', clockOutAt: instant });
      expect(out.status, instant).toBe(400);
      const review = await client.send('teacher', 'POST', `${base}/${place.assignmentId}/review`, { clockOutAt: instant });
      expect(review.status, instant).toBe(400);
    }
    expect(await placeRow(db(), place.assignmentId)).toMatchObject({ status: 'no_show', clockInAt: null, clockOutAt: null });
  });
});

describe('places on shifts that never went out', () => {
  it('should release scheduled places on ended draft and cancelled shifts, and mark no-shows only on published ones', async () => {
    const draft = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 10, durationMinutes: 60, status: 'draft' });
    const cancelled = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 10, durationMinutes: 60, status: 'cancelled' });
    const published = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 10, durationMinutes: 60 });
    const later = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: 'student-tiantian', now: clock.now(), startsInMinutes: 600, durationMinutes: 60, status: 'draft' });

    moveTo(new Date(draft.endsAt.getTime() - MINUTE));
    await fixture.app.built.orderJobs.runOnce();
    expect((await placeRow(db(), draft.assignmentId)).status).toBe('scheduled');

    moveTo(draft.endsAt);
    await fixture.app.built.orderJobs.runOnce();
    expect((await placeRow(db(), draft.assignmentId)).status).toBe('released');
    expect((await placeRow(db(), cancelled.assignmentId)).status).toBe('released');
    expect((await placeRow(db(), published.assignmentId)).status).toBe('no_show');
    expect((await placeRow(db(), later.assignmentId)).status).toBe('scheduled');
  });
});
