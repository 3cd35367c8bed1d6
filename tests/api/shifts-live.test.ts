import { schema } from '@qiaodu/db';
import { LIVE_CODE_PATTERN, type LiveBoard, type LiveSession, type LiveSessionList, type MyShift } from '@qiaodu/shared';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { clockedInDirectly, shiftWithPlace } from '../support/attendance-shifts';
import { personaClient } from '../support/auth';
import { manualClock } from '../support/clock';
import { orderClient, pickup, productWithStock } from '../support/orders';

/**
 * 直播: a session on a 直播主播 shift, its short code, orders placed through `?live=CODE` links
 * attributed to it (a stale or unknown code never refuses an order), and the live board.
 */
const clock = manualClock();
const fixture = useSeededApp({ overrides: { clock: clock.now, orderJobTimer: false } });
const client = personaClient(() => fixture.app.baseUrl);
const shop = orderClient(() => fixture.app.baseUrl, client);
const db = () => fixture.testDb.database.db;
const { send } = client;
const HOUR = 3_600_000;

let zhibo: number;
let liveShift: { shiftId: number; assignmentId: number; teamId: number };
let skuId: number;
const sessionCount = async () => (await db().select({ n: count() }).from(schema.liveSessions))[0]!.n;
const liveOf = async (orderId: number) => (await db().select({ id: schema.orders.liveSessionId }).from(schema.orders).where(eq(schema.orders.id, orderId)))[0]!.id;

beforeAll(async () => {
  liveShift = await shiftWithPlace(db(), { team: 'zhibo-daihuo', post: 'live_host', student: 'student-zhibo', now: clock.now(), startsInMinutes: -5, durationMinutes: 180 });
  zhibo = liveShift.teamId;
  skuId = (await productWithStock(db(), zhibo, { stock: 100, priceFen: 2500 })).skuIds[0]!;
});

describe('live sessions', () => {
  let session: LiveSession;

  it('should let the host create a session on a live_host shift with a short unique code and shop links', async () => {
    const list = await send<LiveSessionList>('student-zhibo', 'GET', `/api/console/teams/${zhibo}/live-sessions`);
    expect(list.status).toBe(200);
    expect(list.body.can.create).toBe(true);
    expect(list.body.shifts.map((shift) => shift.shiftId)).toContain(liveShift.shiftId);
    const created = await send<LiveSession>('student-zhibo', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: liveShift.shiftId, title: '江门陈皮专场' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    session = created.body;
    expect(session.code).toMatch(new RegExp(LIVE_CODE_PATTERN));
    expect(session).toMatchObject({ state: 'pending', shopPath: `/?live=${session.code}`, can: { start: true, end: false } });
    const second = await send<LiveSession>('student-zhibo', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: liveShift.shiftId });
    expect(second.body.code).not.toBe(session.code);
  });

  it('should refuse a session on a shift of another post, and to people outside the team, changing nothing', async () => {
    const warehouse = await shiftWithPlace(db(), { team: 'zhibo-daihuo', post: 'warehouse', student: 'student-zhibo', now: clock.now(), startsInMinutes: 600 });
    const before = await sessionCount();
    const wrongPost = await send('student-zhibo', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: warehouse.shiftId });
    expect(wrongPost.status).toBe(409);
    expect(wrongPost.body.error?.code).toBe('LIVE_SHIFT_NOT_LIVE_HOST');
    const outsider = await send('student-yuecai', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: liveShift.shiftId });
    expect(outsider.status).toBe(404);
    const unknownShift = await send('student-zhibo', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: 999_999 });
    expect(unknownShift.body.error?.code).toBe('LIVE_SHIFT_NOT_FOUND');
    expect(await sessionCount()).toBe(before);
    expect((await send('student-yuecai', 'GET', `/api/console/live-sessions/${session.id}/board`)).status).toBe(404);
  });

  it('should attribute orders placed with the code, and show them on the board with paid GMV', async () => {
    const started = await send<LiveSession>('student-zhibo', 'POST', `/api/console/live-sessions/${session.id}/start`);
    expect(started.body).toMatchObject({ state: 'live', can: { start: false, end: true } });
    expect((await send('student-zhibo', 'POST', `/api/console/live-sessions/${session.id}/start`)).status).toBe(409);

    await clockedInDirectly(db(), liveShift.assignmentId, clock.now());
    const hub = await send<MyShift>('student-zhibo', 'GET', '/api/console/my-shift');
    expect(hub.body.current?.liveSessions.map((brief) => brief.code)).toContain(session.code);

    const paid = await shop.placePaid('customer', { items: [{ skuId, quantity: 2 }], delivery: pickup, liveCode: session.code.toLowerCase() });
    const unpaid = await shop.placeOk('customer-2', { items: [{ skuId, quantity: 1 }], delivery: pickup, liveCode: session.code });
    const unknown = await shop.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup, liveCode: 'ZZZZZZ' });
    const garbage = await shop.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup, liveCode: '<script>' });
    expect(await liveOf(paid.id)).toBe(session.id);
    expect(await liveOf(unpaid.id)).toBe(session.id);
    expect(await liveOf(unknown.id)).toBeNull();
    expect(await liveOf(garbage.id)).toBeNull();

    const board = await send<LiveBoard>('student-zhibo', 'GET', `/api/console/live-sessions/${session.id}/board`);
    expect(board.status).toBe(200);
    expect(board.body.totals).toEqual({ orders: 2, paidOrders: 1, paidUnits: 2, paidGmvFen: paid.totalFen, refundedFen: 0 });
    expect(board.body.orders.map((order) => order.orderNo).sort()).toEqual([paid.orderNo, unpaid.orderNo].sort());
    for (const order of board.body.orders) expect(order.customer).toMatch(/\*/);
    expect(board.body.items[0]).toMatchObject({ paidUnits: 2, orderedUnits: 3 });
    // The team's teacher reads it too.
    expect((await send('teacher-2', 'GET', `/api/console/live-sessions/${session.id}/board`)).status).toBe(200);
  });

  it('should keep attributing for 24 hours after the end, then ignore the code without refusing the order', async () => {
    const ended = await send<LiveSession>('student-zhibo', 'POST', `/api/console/live-sessions/${session.id}/end`);
    expect(ended.body.state).toBe('ended');
    expect((await send('student-zhibo', 'POST', `/api/console/live-sessions/${session.id}/end`)).status).toBe(409);
    clock.advance(23 * HOUR);
    const late = await shop.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup, liveCode: session.code });
    expect(await liveOf(late.id)).toBe(session.id);
    clock.advance(2 * HOUR);
    const stale = await shop.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup, liveCode: session.code });
    expect(stale.status).toBe('pending_payment');
    expect(await liveOf(stale.id)).toBeNull();
  });
});

describe('live sessions: the team, the shift and the time they belong to', () => {
  it("should count only the session team's lines of a mixed order on the board", async () => {
    const shift = await shiftWithPlace(db(), { team: 'zhibo-daihuo', post: 'live_host', student: 'student-zhibo', now: clock.now(), startsInMinutes: -5, durationMinutes: 180 });
    const created = await send<LiveSession>('teacher-2', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: shift.shiftId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const otherSku = (await productWithStock(db(), 'yuecai-meishi', { stock: 100, priceFen: 9900 })).skuIds[0]!;
    const mixed = await shop.placePaid('customer', { items: [{ skuId, quantity: 2 }, { skuId: otherSku, quantity: 1 }], delivery: pickup, liveCode: created.body.code });
    expect(await liveOf(mixed.id)).toBe(created.body.id);
    expect(mixed.totalFen).toBe(2 * 2500 + 9900);

    const board = await send<LiveBoard>('teacher-2', 'GET', `/api/console/live-sessions/${created.body.id}/board`);
    expect(board.status).toBe(200);
    expect(board.body.totals).toEqual({ orders: 1, paidOrders: 1, paidUnits: 2, paidGmvFen: 5000, refundedFen: 0 });
    expect(board.body.items).toEqual([{ title: expect.any(String), paidUnits: 2, orderedUnits: 2, paidFen: 5000 }]);
    expect(board.body.orders).toEqual([expect.objectContaining({ orderNo: mixed.orderNo, totalFen: 5000, paidFen: 5000, units: 2 })]);
  });

  it("should attribute a never-ended session's code until 24 h after its shift's end, and never on a cancelled shift", async () => {
    const shift = await shiftWithPlace(db(), { team: 'zhibo-daihuo', post: 'live_host', student: 'student-zhibo', now: clock.now(), startsInMinutes: -5, durationMinutes: 60 });
    const created = await send<LiveSession>('teacher-2', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: shift.shiftId });
    expect(created.status).toBe(201);
    clock.advance(shift.endsAt.getTime() + 24 * HOUR - clock.now().getTime() - 60_000);
    const inTime = await shop.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup, liveCode: created.body.code });
    expect(await liveOf(inTime.id)).toBe(created.body.id);
    clock.advance(2 * 60_000);
    const late = await shop.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup, liveCode: created.body.code });
    expect(late.status).toBe('pending_payment');
    expect(await liveOf(late.id)).toBeNull();

    const called = await shiftWithPlace(db(), { team: 'zhibo-daihuo', post: 'live_host', student: 'student-zhibo', now: clock.now(), startsInMinutes: -5, durationMinutes: 120 });
    const onCalled = await send<LiveSession>('teacher-2', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: called.shiftId });
    expect(onCalled.status).toBe(201);
    await db().update(schema.shifts).set({ status: 'cancelled' }).where(eq(schema.shifts.id, called.shiftId));
    const cancelled = await shop.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup, liveCode: onCalled.body.code });
    expect(await liveOf(cancelled.id)).toBeNull();
  });

  it('should refuse a session on a shift that has ended or is still a draft, creating nothing', async () => {
    const over = await shiftWithPlace(db(), { team: 'zhibo-daihuo', post: 'live_host', student: 'student-zhibo', now: clock.now(), startsInMinutes: -120, durationMinutes: 60 });
    const draft = await shiftWithPlace(db(), { team: 'zhibo-daihuo', post: 'live_host', student: 'student-zhibo', now: clock.now(), startsInMinutes: 60, status: 'draft' });
    const before = await sessionCount();
    const ended = await send('teacher-2', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: over.shiftId });
    expect(ended.status).toBe(409);
    expect(ended.body.error?.code).toBe('LIVE_SHIFT_ENDED');
    expect(ended.body.error?.message).toContain('已结束');
    const drafted = await send('teacher-2', 'POST', `/api/console/teams/${zhibo}/live-sessions`, { shiftId: draft.shiftId });
    expect(drafted.status).toBe(409);
    expect(await sessionCount()).toBe(before);
    const list = await send<LiveSessionList>('teacher-2', 'GET', `/api/console/teams/${zhibo}/live-sessions`);
    expect(list.body.shifts.map((option) => option.shiftId)).not.toContain(over.shiftId);
  });
});
