import { schema } from '@qiaodu/db';
import type { EvidenceFigureKey, ShiftEvidence, ShiftGradingView } from '@qiaodu/shared';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { manualClock } from '../support/clock';
import { completePlace, gradingClient, insertPlace } from '../support/grading-shifts';
import { teamIdOf, userIdOf } from '../support/inventory';
import { express, orderClient, pickup, productWithStock } from '../support/orders';
import { refundClient } from '../support/refunds';

const { liveSessions, orderParcels, productActivity, stockCountLines, stockCounts } = schema;

/**
 * The scenario's day is written as clock times from 09:50, which is now (whole minutes): the
 * WeChat Pay simulator reads the real time, so payments must happen near it.
 */
const START = Math.floor(Date.now() / 60_000) * 60_000;
const minutesOf = (local: string) => Number(local.slice(0, 2)) * 60 + Number(local.slice(3, 5));
const at = (local: string) => new Date(START + (minutesOf(local) - minutesOf('09:50')) * 60_000);
const clock = manualClock(at('09:50'));
const moveTo = (local: string) => clock.advance(at(local).getTime() - clock.now().getTime());

const fixture = useSeededApp({ overrides: { clock: clock.now } });
const db = () => fixture.testDb.database.db;
const client = personaClient(() => fixture.app.baseUrl);
const shop = orderClient(() => fixture.app.baseUrl, client);
const refunds = refundClient(() => fixture.app.baseUrl, client);
const grading = gradingClient(client);
const { send } = client;

const figures = (evidence: ShiftEvidence) =>
  Object.fromEntries(evidence.groups.flatMap((group) => group.figures.map((figure) => [figure.key, figure.value]))) as Partial<Record<EvidenceFigureKey, number | null>>;

let warehouseView: ShiftGradingView;
let liveView: ShiftGradingView;
let warehouseShift: number;
let countId: number;
let leadPlace: { shiftId: number; assignmentId: number };

/**
 * A warehouse shift of student-tiantian, 10:00–12:00, worked through the
 * real endpoints (shipping, refund decisions, a stock count started and closed by the lead) while
 * clocked in, so attribution puts the shift on each row; the product activity is written for the
 * scenario. Then a live-host shift of student-zhibo, 19:00–21:00, whose session's link brings two
 * paid orders, one with another team's goods in it.
 */
beforeAll(async () => {
  const tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  const zhibo = await teamIdOf(db(), 'zhibo-daihuo');
  const student = await userIdOf(db(), 'student-tiantian');
  const teacher = await userIdOf(db(), 'teacher');
  const goods = await productWithStock(db(), tiantian, { stock: 50, priceFen: 1500 });
  const skuId = goods.skuIds[0]!;

  const place = await insertPlace(db(), { teamId: tiantian, studentId: student, post: 'warehouse', startsAt: at('10:00'), status: 'clocked_in', clockInOffset: -2 });
  warehouseShift = place.shiftId;
  const address = await shop.addressOf('customer');
  moveTo('09:55');
  const orders = [];
  for (let index = 0; index < 4; index += 1) {
    orders.push(await shop.placePaid('customer', { items: [{ skuId, quantity: 1 }], delivery: express(address) }));
  }
  // paid_at is WeChat Pay's success_time, which the simulator takes from the real clock: pinned
  // to the scenario's 09:55 so the minutes to shipping are exact.
  await db().update(schema.orders).set({ paidAt: at('09:55') }).where(inArray(schema.orders.id, orders.map((order) => order.id)));
  const ship = async (orderId: number, local: string) => {
    moveTo(local);
    const answer = await send('student-tiantian', 'POST', `/api/console/teams/${tiantian}/orders/${orderId}/ship`, { carrier: 'SF', trackingNo: `SF${orderId}0000001` });
    expect(answer.status).toBe(200);
  };
  // Paid at 09:55, shipped 10, 30 and 60 minutes later: the median is 30.
  await ship(orders[0]!.id, '10:05');
  await ship(orders[1]!.id, '10:25');
  await ship(orders[2]!.id, '10:55');

  moveTo('11:10');
  const missing = await refunds.requestOk('customer', orders[0]!.id, { reason: '少件 / 漏发' });
  const changedMind = await refunds.requestOk('customer', orders[1]!.id, { reason: '不想要了 / 拍错了' });
  moveTo('11:30');
  expect((await refunds.reject('student-tiantian', tiantian, changedMind.id, { comment: '商品已发出，请收货后再申请退货' })).status).toBe(200);
  moveTo('11:40');
  await refunds.approveOk('student-tiantian', tiantian, missing.id);

  // A delivery received in the shift (stock.move is the members' work).
  moveTo('11:44');
  expect((await send('student-tiantian', 'POST', `/api/console/teams/${tiantian}/stock/receipts`, { skuId, quantity: 12, unitCostFen: 800 })).status).toBe(201);

  // A stock count through the real endpoints: the lead starts it outside any shift (not clocked
  // in yet), the student counts its 4 lines in the shift (3 match the system), and the lead closes
  // it clocked into a shift of their own. The lines are the student's work; the close the lead's.
  moveTo('11:45');
  const extra = await productWithStock(db(), tiantian, { stock: 10, skuCount: 4 });
  const started = await send<{ id: number }>('lead-tiantian', 'POST', `/api/console/teams/${tiantian}/stock-counts`, { skuIds: extra.skuIds, note: '月中抽盘' });
  expect(started.status).toBe(201);
  countId = started.body.id;
  const lead = await userIdOf(db(), 'lead-tiantian');
  leadPlace = await insertPlace(db(), { teamId: tiantian, studentId: lead, post: 'store_ops', startsAt: at('11:00'), status: 'clocked_in' });
  moveTo('11:47');
  const recorded = await send('student-tiantian', 'PUT', `/api/console/teams/${tiantian}/stock-counts/${countId}/lines`, {
    lines: extra.skuIds.map((skuId, index) => ({ skuId, countedQuantity: index === 3 ? 9 : 10 })),
  });
  expect(recorded.status).toBe(200);
  moveTo('11:50');
  expect((await send('lead-tiantian', 'POST', `/api/console/teams/${tiantian}/stock-counts/${countId}/approve`)).status).toBe(200);
  // Product work in the shift, approved later by the teacher.
  await db().insert(productActivity).values([
    { productId: goods.productId, teamId: tiantian, action: 'edited', actorId: student, shiftId: warehouseShift, createdAt: at('11:52') },
    { productId: goods.productId, teamId: tiantian, action: 'edited', actorId: student, shiftId: warehouseShift, createdAt: at('11:53') },
    { productId: goods.productId, teamId: tiantian, action: 'submitted', actorId: student, shiftId: warehouseShift, createdAt: at('11:54') },
    { productId: goods.productId, teamId: tiantian, action: 'approved', actorId: teacher, shiftId: null, createdAt: at('14:00') },
  ]);

  moveTo('12:03');
  await completePlace(db(), place.assignmentId, clock.now());
  await completePlace(db(), leadPlace.assignmentId, clock.now());
  // Shipped after clocking out: outside any shift, not this place's evidence.
  await ship(orders[3]!.id, '12:10');
  const [outside] = await db().select().from(orderParcels).where(eq(orderParcels.orderId, orders[3]!.id));
  expect(outside?.shippedShiftId).toBeNull();
  warehouseView = (await grading.view('teacher', place.assignmentId)).body;

  // The live host's evening.
  const host = await userIdOf(db(), 'student-zhibo');
  const liveGoods = await productWithStock(db(), zhibo, { stock: 20, priceFen: 1500 });
  const live = await insertPlace(db(), { teamId: zhibo, studentId: host, post: 'live_host', startsAt: at('19:00'), status: 'clocked_in', clockInOffset: 5, late: true });
  await db().insert(liveSessions).values({ shiftId: live.shiftId, code: 'GRADEEV1', title: '陈皮专场', startedAt: at('19:05'), createdBy: host });
  moveTo('19:20');
  await shop.placePaid('customer', { items: [{ skuId: liveGoods.skuIds[0]!, quantity: 2 }], delivery: pickup, liveCode: 'gradeev1' });
  // With a line of another team's goods in the same order: not this team's live sales.
  await shop.placePaid('customer', { items: [{ skuId: liveGoods.skuIds[0]!, quantity: 3 }, { skuId, quantity: 2 }], delivery: pickup, liveCode: 'GRADEEV1' });
  // Placed through the link but never paid: not GMV.
  await shop.placeOk('customer', { items: [{ skuId: liveGoods.skuIds[0]!, quantity: 1 }], delivery: pickup, liveCode: 'GRADEEV1' });
  moveTo('21:00');
  await completePlace(db(), live.assignmentId, clock.now());
  liveView = (await grading.view('teacher-2', live.assignmentId)).body;
});

describe('shift evidence', () => {
  it('should count the warehouse student’s own shipments in the shift with the median minutes from paid to shipped and the pick errors reported after', () => {
    expect(warehouseView.evidence.headline.map((figure) => [figure.key, figure.value])).toEqual([
      ['parcelsShipped', 3],
      ['medianShipMinutes', 30],
      ['pickErrors', 1],
      ['stockCountAccuracy', 750],
    ]);
    expect(figures(warehouseView.evidence)).toMatchObject({ parcelsShipped: 3, medianShipMinutes: 30, pickErrors: 1 });
  });

  it('should show the attendance, stock count accuracy, refund decisions and product work of the place', () => {
    const values = figures(warehouseView.evidence);
    expect(values).toMatchObject({
      scheduledMinutes: 120,
      clockedMinutes: 120,
      late: 0,
      autoClosed: 0,
      corrections: 0,
      // Lines the student counted; the close was the lead's, in the lead's shift.
      stockLinesCounted: 4,
      stockCountsClosed: 0,
      stockCountAccuracy: 750,
      stockReceipts: 1,
      stockAdjustments: 0,
      // Requested 11:10, decided 11:30 and 11:40: the median of 20 and 30.
      refundsDecided: 2,
      medianDecisionMinutes: 25,
      refundsApproved: 1,
      refundsRejected: 1,
      productEdits: 2,
      productSubmissions: 1,
      productsApproved: 1,
    });
    expect(warehouseView.evidence.groups.map((group) => group.key)).toEqual(['attendance', 'shipping', 'stock', 'refunds', 'products']);
    expect(warehouseView.evidence.groups[1]?.title).toBe('发货');
  });

  it('should credit the count\'s lines to the student who counted them and its close to the closer\'s shift', async () => {
    const [count] = await db().select().from(stockCounts).where(eq(stockCounts.id, countId));
    expect(count).toMatchObject({ status: 'approved', shiftId: null, closedShiftId: leadPlace.shiftId });
    const lines = await db().select().from(stockCountLines).where(eq(stockCountLines.stockCountId, countId));
    expect(lines.every((line) => line.shiftId === warehouseShift)).toBe(true);
    const leadView = (await grading.view('teacher', leadPlace.assignmentId)).body;
    expect(figures(leadView.evidence)).toMatchObject({ stockCountsClosed: 1, stockLinesCounted: 0, stockCountAccuracy: null });
  });

  it('should give the live host the session’s paid orders, units and GMV of the team\'s own goods', () => {
    expect(liveView.evidence.headline.map((figure) => [figure.key, figure.value])).toEqual([
      ['liveOrders', 2],
      ['liveGmvFen', 7500],
      ['liveItems', 5],
    ]);
    expect(figures(liveView.evidence)).toMatchObject({ liveSessions: 1, late: 1, scheduledMinutes: 120, clockedMinutes: 115 });
    expect(liveView.evidence.groups.map((group) => group.key)).toEqual(['attendance', 'live']);
  });
});
