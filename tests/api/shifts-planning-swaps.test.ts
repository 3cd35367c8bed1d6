import { schema } from '@qiaodu/db';
import { and, eq } from 'drizzle-orm';
import type { MyShifts, MySwapRequests, PlaceResult, ShiftView, SwapRequestView } from '@qiaodu/shared';
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

let team = 0;
async function shiftWith(date: string, studentId: number): Promise<{ shift: ShiftView; assignmentId: number }> {
  const shift = await api.team<ShiftView>('lead-tiantian', 'POST', team, '/shifts', { post: 'warehouse', startsAt: at(date, '09:00'), endsAt: at(date, '11:00'), capacity: 1 });
  const placed = await api.team<PlaceResult>('lead-tiantian', 'POST', team, `/shifts/${shift.body.id}/places`, { studentId });
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  return { shift: shift.body, assignmentId: placed.body.shift.places[0]!.assignmentId };
}
const holdersOf = async (shiftId: number) =>
  (
    await db()
      .select({ studentId: schema.shiftAssignments.studentId, source: schema.shiftAssignments.source })
      .from(schema.shiftAssignments)
      .where(and(eq(schema.shiftAssignments.shiftId, shiftId), eq(schema.shiftAssignments.status, 'scheduled')))
  ).map((p) => [p.studentId, p.source]);

describe('swap and cover requests', () => {
  it('should carry a cover from request through a classmate accepting to the lead approving', async () => {
    team = await teamIdOf(db(), 'tiantian-yunying-1');
    await api.team('lead-tiantian', 'POST', team, '/schedule-weeks/2037-11-30/generate', {});
    await api.team('lead-tiantian', 'POST', team, '/schedule-weeks/2037-11-30/publish');
    const a = await addStudent(db(), team, 'swap-a');
    const b = await addStudent(db(), team, 'swap-b');
    const { shift, assignmentId } = await shiftWith('2037-12-01', a);

    const request = await api.team<SwapRequestView>('swap-a', 'POST', team, '/swap-requests', { kind: 'cover', assignmentId, note: '要考试' });
    expect(request.status).toBe(201);
    expect(request.body).toMatchObject({ status: 'requested', kind: 'cover', targetStudent: null, can: { withdraw: true, accept: false } });
    const second = await api.team('swap-a', 'POST', team, '/swap-requests', { kind: 'cover', assignmentId });
    expect([second.status, second.body.error?.code]).toEqual([409, 'SWAP_REQUEST_OPEN']);
    const notMine = await api.team('swap-b', 'POST', team, '/swap-requests', { kind: 'cover', assignmentId });
    expect([notMine.status, notMine.body.error?.code]).toEqual([404, 'SHIFT_PLACE_NOT_FOUND']);

    const incoming = await api.send<MySwapRequests>('swap-b', 'GET', '/api/console/shifts/swap-requests');
    expect(incoming.body.incoming.map((r) => [r.id, r.can.accept])).toEqual([[request.body.id, true]]);
    const own = await api.team('swap-a', 'POST', team, `/swap-requests/${request.body.id}/accept`);
    expect([own.status, own.body.error?.code]).toEqual([403, 'SWAP_NOT_YOURS']);
    const early = await api.team('lead-tiantian', 'POST', team, `/swap-requests/${request.body.id}/approve`, {});
    expect([early.status, early.body.error?.code]).toEqual([409, 'INVALID_STATE']);

    const accepted = await api.team<SwapRequestView>('swap-b', 'POST', team, `/swap-requests/${request.body.id}/accept`);
    expect(accepted.body).toMatchObject({ status: 'accepted', acceptedBy: { id: b } });
    const pending = await api.team<{ items: SwapRequestView[] }>('lead-tiantian', 'GET', team, '/swap-requests');
    expect(pending.body.items.find((r) => r.id === request.body.id)?.can.approve).toBe(true);
    const byStudent = await api.team('swap-b', 'POST', team, `/swap-requests/${request.body.id}/approve`, {});
    expect([byStudent.status, byStudent.body.error?.code]).toEqual([403, 'FORBIDDEN']);

    const approved = await api.team<{ request: SwapRequestView }>('lead-tiantian', 'POST', team, `/swap-requests/${request.body.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.request.status).toBe('approved');
    expect(await holdersOf(shift.id)).toEqual([[b, 'cover']]);
    const again = await api.team('lead-tiantian', 'POST', team, `/swap-requests/${request.body.id}/approve`, {});
    expect([again.status, again.body.error?.code]).toEqual([409, 'INVALID_STATE']);

    const mine = await api.send<MyShifts>('swap-b', 'GET', '/api/console/shifts/mine');
    expect(mine.body.upcoming.flatMap((d) => d.items).map((p) => [p.shiftId, p.source])).toEqual([[shift.id, 'cover']]);
    // The cover is next week: this week's and this month's minutes are still free.
    expect(mine.body.minutes).toEqual({ week: 0, month: 0, maxWeekly: 480, maxMonthly: 2400 });
    const given = await api.send<MyShifts>('swap-a', 'GET', '/api/console/shifts/mine');
    expect(given.body.upcoming).toEqual([]);
  });

  it('should exchange two places on approval of a swap the named classmate accepted', async () => {
    const c = await addStudent(db(), team, 'swap-c');
    const d = await addStudent(db(), team, 'swap-d');
    const mine = await shiftWith('2037-12-02', c);
    const theirs = await shiftWith('2037-12-03', d);
    const request = await api.team<SwapRequestView>('swap-c', 'POST', team, '/swap-requests', {
      kind: 'swap', assignmentId: mine.assignmentId, targetAssignmentId: theirs.assignmentId,
    });
    expect(request.status).toBe(201);
    expect(request.body).toMatchObject({ targetStudent: { id: d }, targetPlace: { assignmentId: theirs.assignmentId } });
    const stranger = await addStudent(db(), team, 'swap-e');
    expect(stranger).toBeGreaterThan(0);
    const wrong = await api.team('swap-e', 'POST', team, `/swap-requests/${request.body.id}/accept`);
    expect([wrong.status, wrong.body.error?.code]).toEqual([403, 'SWAP_NOT_YOURS']);
    expect((await api.team('swap-d', 'POST', team, `/swap-requests/${request.body.id}/accept`)).status).toBe(200);
    const approved = await api.team('teacher', 'POST', team, `/swap-requests/${request.body.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(await holdersOf(mine.shift.id)).toEqual([[d, 'swap']]);
    expect(await holdersOf(theirs.shift.id)).toEqual([[c, 'swap']]);
  });

  it('should check the limits at approval, change nothing when they break, and let the lead reject', async () => {
    const f = await addStudent(db(), team, 'swap-f');
    const g = await addStudent(db(), team, 'swap-g');
    const given = await shiftWith('2037-12-04', f);
    await shiftWith('2037-12-01', g);
    const request = await api.team<SwapRequestView>('swap-f', 'POST', team, '/swap-requests', { kind: 'cover', assignmentId: given.assignmentId, targetStudentId: g });
    expect((await api.team('swap-g', 'POST', team, `/swap-requests/${request.body.id}/accept`)).status).toBe(200);
    await setPlanningRules(db(), { maxWeeklyMinutes: 180 });
    const blocked = await api.team('lead-tiantian', 'POST', team, `/swap-requests/${request.body.id}/approve`, {});
    expect([blocked.status, blocked.body.error?.code]).toEqual([422, 'SHIFT_LIMIT_EXCEEDED']);
    expect(blocked.body.error?.message).toContain('本周已排 2 小时，再加 2 小时将超过每周 3 小时上限');
    expect(await holdersOf(given.shift.id)).toEqual([[f, 'assigned']]);
    const leadOverride = await api.team('lead-tiantian', 'POST', team, `/swap-requests/${request.body.id}/approve`, { override: true });
    expect([leadOverride.status, leadOverride.body.error?.code]).toEqual([403, 'SHIFT_OVERRIDE_NOT_ALLOWED']);
    const rejected = await api.team<SwapRequestView>('lead-tiantian', 'POST', team, `/swap-requests/${request.body.id}/reject`);
    expect(rejected.body.status).toBe('rejected');
    await setPlanningRules(db(), {});
  });

  it('should let the requester withdraw and a named classmate decline, once', async () => {
    const h = await addStudent(db(), team, 'swap-h');
    const i = await addStudent(db(), team, 'swap-i');
    const place = await shiftWith('2037-12-05', h);
    const first = await api.team<SwapRequestView>('swap-h', 'POST', team, '/swap-requests', { kind: 'cover', assignmentId: place.assignmentId });
    const byOther = await api.team('swap-i', 'POST', team, `/swap-requests/${first.body.id}/withdraw`);
    expect([byOther.status, byOther.body.error?.code]).toEqual([403, 'SWAP_NOT_YOURS']);
    expect((await api.team<SwapRequestView>('swap-h', 'POST', team, `/swap-requests/${first.body.id}/withdraw`)).body.status).toBe('withdrawn');
    const twice = await api.team('swap-h', 'POST', team, `/swap-requests/${first.body.id}/withdraw`);
    expect([twice.status, twice.body.error?.code]).toEqual([409, 'INVALID_STATE']);

    const named = await api.team<SwapRequestView>('swap-h', 'POST', team, '/swap-requests', { kind: 'cover', assignmentId: place.assignmentId, targetStudentId: i });
    expect(named.status).toBe(201);
    expect((await api.team<SwapRequestView>('swap-i', 'POST', team, `/swap-requests/${named.body.id}/decline`)).body.status).toBe('declined');
    const accept = await api.team('swap-i', 'POST', team, `/swap-requests/${named.body.id}/accept`);
    expect([accept.status, accept.body.error?.code]).toEqual([409, 'INVALID_STATE']);

    const bad = await api.team('swap-h', 'POST', team, '/swap-requests', { kind: 'swap', assignmentId: place.assignmentId });
    expect([bad.status, bad.body.error?.message]).toEqual([400, '换班需要选择同学的班次']);
    const self = await api.team('swap-h', 'POST', team, '/swap-requests', { kind: 'cover', assignmentId: place.assignmentId, targetStudentId: h });
    expect([self.status, self.body.error?.code]).toEqual([422, 'SWAP_TARGET_INVALID']);
  });
});
