import { schema } from '@qiaodu/db';
import { PICKUP_GUESS_WINDOW_MS } from '@qiaodu/server/fulfilment/pickup-service';
import {
  maskName,
  maskPhone,
  PICKUP_PLACE,
  type OrderDetail,
  type PickList,
  type ShippingLabel,
  type TeamOrderDetail,
  type TeamOrderList,
} from '@qiaodu/shared';
import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { teamIdOf, userIdOf } from '../support/inventory';
import { express, orderClient, pickup, productWithStock } from '../support/orders';

const { orderEvents, orderParcels, orders, personalDataAccessLog, refundItems, refunds } = schema;

/**
 * The app's clock runs with real time plus an offset the rate-limit test moves forward, so that
 * its guesses fall inside one 10-minute window whatever the time of day the suite runs.
 */
let clockOffsetMs = 0;
const fixture = useSeededApp({ overrides: { clock: () => new Date(Date.now() + clockOffsetMs) } });
const db = () => fixture.testDb.database.db;
const client = personaClient(() => fixture.app.baseUrl);
const shop = orderClient(() => fixture.app.baseUrl, client);
const { send } = client;

const teamPath = (teamId: number, rest: string) => `/api/console/teams/${teamId}${rest}`;
const teamOrder = (persona: string, teamId: number, orderId: number) =>
  send<TeamOrderDetail>(persona, 'GET', teamPath(teamId, `/orders/${orderId}`));
const queue = (persona: string, teamId: number, name: string) =>
  send<TeamOrderList>(persona, 'GET', teamPath(teamId, `/orders?queue=${name}&pageSize=100`));
const ship = (persona: string, teamId: number, orderId: number, body: unknown) =>
  send<TeamOrderDetail>(persona, 'POST', teamPath(teamId, `/orders/${orderId}/ship`), body);
const markReady = (persona: string, teamId: number, orderId: number) =>
  send<TeamOrderDetail>(persona, 'POST', teamPath(teamId, `/orders/${orderId}/ready`));
const printLabel = (persona: string, teamId: number, orderId: number) =>
  send<ShippingLabel>(persona, 'POST', teamPath(teamId, `/orders/${orderId}/label`));
const verify = (persona: string, teamId: number, code: unknown) =>
  send<TeamOrderDetail>(persona, 'POST', teamPath(teamId, '/pickups/verify'), { code });
const pickList = (persona: string, teamId: number, method?: string) =>
  send<PickList>(persona, 'GET', teamPath(teamId, `/pick-list${method ? `?method=${method}` : ''}`));

let tiantian: number;
let feiyi: number;
let yuecai: number;
/** Fresh goods of each team with plain numbers: two SKUs at ¥15.00 and ¥15.00 (tiantian), one at ¥20.00 (feiyi). */
let tiantianSkus: number[];
let feiyiSku: number;
let yuecaiSku: number;
let customerId: number;

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
  yuecai = await teamIdOf(db(), 'yuecai-meishi');
  tiantianSkus = (await productWithStock(db(), tiantian, { stock: 200, priceFen: 1500, skuCount: 2 })).skuIds;
  feiyiSku = (await productWithStock(db(), feiyi, { stock: 200, priceFen: 2000 })).skuIds[0]!;
  yuecaiSku = (await productWithStock(db(), yuecai, { stock: 200, priceFen: 900 })).skuIds[0]!;
  customerId = await userIdOf(db(), 'customer');
});

/** A paid express order of `customer` with two units of tiantian's first SKU and one of feiyi's. */
async function paidTwoTeamExpressOrder(): Promise<OrderDetail> {
  const addressId = await shop.addressOf('customer');
  return shop.placePaid('customer', {
    items: [
      { skuId: tiantianSkus[0]!, quantity: 2 },
      { skuId: feiyiSku, quantity: 1 },
    ],
    delivery: express(addressId),
  });
}

async function paidTwoTeamPickupOrder(): Promise<OrderDetail> {
  return shop.placePaid('customer', {
    items: [
      { skuId: tiantianSkus[1]!, quantity: 1 },
      { skuId: feiyiSku, quantity: 3 },
    ],
    delivery: pickup,
  });
}

async function orderRow(orderId: number) {
  const [row] = await db().select().from(orders).where(eq(orders.id, orderId));
  return row!;
}

async function parcelOf(orderId: number, teamId: number) {
  const [row] = await db()
    .select()
    .from(orderParcels)
    .where(and(eq(orderParcels.orderId, orderId), eq(orderParcels.teamId, teamId)));
  return row!;
}

async function eventsOf(orderId: number) {
  return db().select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
}

/** The order, its parcels and its timeline: a refused request must leave all of them as they were. */
async function orderState(orderId: number): Promise<string> {
  const parcels = await db().select().from(orderParcels).where(eq(orderParcels.orderId, orderId)).orderBy(asc(orderParcels.id));
  return JSON.stringify({ order: await orderRow(orderId), parcels, events: await eventsOf(orderId) });
}

async function pickupCodeOf(orderId: number): Promise<string> {
  const code = (await orderRow(orderId)).pickupCode;
  if (!code) throw new Error(`order ${orderId} has no pickup code`);
  return code;
}

describe('what a team sees of an order', () => {
  it('should show each team only its own items and parcel, and count the other teams', async () => {
    const order = await paidTwoTeamExpressOrder();
    const ours = await teamOrder('student-tiantian', tiantian, order.id);
    expect(ours.status).toBe(200);
    expect(ours.body).toMatchObject({ id: order.id, orderNo: order.orderNo, status: 'paid', deliveryMethod: 'express', otherTeams: 1, itemsFen: 3000 });
    expect(ours.body.items.map((item) => [item.skuId, item.quantity])).toEqual([[tiantianSkus[0], 2]]);
    expect(ours.body.parcel).toMatchObject({ itemIds: [ours.body.items[0]!.id], carrier: null, trackingNo: null, shippedAt: null });

    const theirs = await teamOrder('student-feiyi', feiyi, order.id);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((item) => [item.skuId, item.quantity])).toEqual([[feiyiSku, 1]]);
    expect(theirs.body).toMatchObject({ itemsFen: 2000, otherTeams: 1 });

    const list = await queue('student-tiantian', tiantian, 'to_ship');
    const listed = list.body.items.find((item) => item.id === order.id);
    expect(listed?.items).toHaveLength(1);
    expect(listed?.can).toEqual({ ship: true, markReady: false, printLabel: true });
  });

  it('should mask the recipient for a student and show it in full to the supervising teacher', async () => {
    const order = await paidTwoTeamExpressOrder();
    const address = order.address!;
    const student = await teamOrder('student-tiantian', tiantian, order.id);
    expect(student.body.recipientMasked).toBe(true);
    expect(student.body.recipient).toEqual({
      name: maskName(address.name),
      phone: maskPhone(address.phone),
      province: address.province,
      city: address.city,
      county: address.county,
      detail: '****',
    });
    expect(JSON.stringify(student.body)).not.toContain(address.phone);

    const teacher = await teamOrder('teacher', tiantian, order.id);
    expect(teacher.status).toBe(200);
    expect(teacher.body.recipientMasked).toBe(false);
    expect(teacher.body.recipient).toEqual(address);
    // The teacher reviews; packing is the students' shift work.
    expect(teacher.body.can).toEqual({ ship: false, markReady: false, printLabel: false });
  });

  it('should never show an unpaid order, and answer an order without the team\'s goods as not found', async () => {
    const addressId = await shop.addressOf('customer');
    const unpaid = await shop.placeOk('customer', { items: [{ skuId: tiantianSkus[0]!, quantity: 1 }], delivery: express(addressId) });
    expect((await teamOrder('student-tiantian', tiantian, unpaid.id)).body.error?.code).toBe('ORDER_NOT_FOUND');
    const all = await queue('student-tiantian', tiantian, 'all');
    expect(all.body.items.map((item) => item.id)).not.toContain(unpaid.id);
    expect((await ship('student-tiantian', tiantian, unpaid.id, { carrier: 'SF', trackingNo: 'SF1234567890' })).body.error?.code).toBe('ORDER_NOT_FOUND');

    const tiantianOnly = await shop.placePaid('customer', { items: [{ skuId: tiantianSkus[0]!, quantity: 1 }], delivery: express(addressId) });
    const other = await teamOrder('student-feiyi', feiyi, tiantianOnly.id);
    expect(other.status).toBe(404);
    expect(other.body.error?.code).toBe('ORDER_NOT_FOUND');
    expect((await ship('student-feiyi', feiyi, tiantianOnly.id, { carrier: 'SF', trackingNo: 'SF1234567890' })).status).toBe(404);
    expect((await printLabel('student-feiyi', feiyi, tiantianOnly.id)).status).toBe(404);
    expect((await teamOrder('student-tiantian', tiantian, 99_999_999)).body.error?.code).toBe('ORDER_NOT_FOUND');
  });

  it('should hide a team\'s orders from a student of another team and refuse a mentor the queues', async () => {
    const order = await paidTwoTeamExpressOrder();
    const stranger = await teamOrder('student-zhibo', tiantian, order.id);
    expect(stranger.status).toBe(404);
    expect((await queue('student-zhibo', tiantian, 'to_ship')).status).toBe(404);
    // The mentor's partner supplies 非遗文创组: they know it exists, and operations are not theirs.
    const mentor = await queue('mentor', feiyi, 'to_ship');
    expect(mentor.status).toBe(403);
    expect(mentor.body.error?.code).toBe('FORBIDDEN');
    expect((await teamOrder('mentor', feiyi, order.id)).status).toBe(403);
    expect((await ship('mentor', feiyi, order.id, { carrier: 'SF', trackingNo: 'SF1234567890' })).status).toBe(403);
    expect((await ship('teacher', feiyi, order.id, { carrier: 'SF', trackingNo: 'SF1234567890' })).status).toBe(403);
    expect((await parcelOf(order.id, feiyi)).shippedAt).toBeNull();
  });
});

describe('shipping', () => {
  it('should ship an order of two teams in two parcels: paid → partially_shipped → shipped', async () => {
    const order = await paidTwoTeamExpressOrder();
    const liJiaxin = await userIdOf(db(), 'student-tiantian');

    const first = await ship('student-tiantian', tiantian, order.id, { carrier: 'SF', trackingNo: ' sf1234567890 ' });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('partially_shipped');
    expect(first.body.parcel).toMatchObject({ carrier: 'SF', carrierName: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: expect.any(String) });
    expect(first.body.can.ship).toBe(false);
    const parcel = await parcelOf(order.id, tiantian);
    expect(parcel).toMatchObject({ shippedBy: liJiaxin, shippedShiftId: null, trackingNo: 'SF1234567890' });
    expect((await orderRow(order.id)).shippedAt).toBeNull();
    // The other team's parcel still waits in its queue; ours moved to 已发货.
    expect((await queue('student-feiyi', feiyi, 'to_ship')).body.items.map((item) => item.id)).toContain(order.id);
    expect((await queue('student-tiantian', tiantian, 'to_ship')).body.items.map((item) => item.id)).not.toContain(order.id);
    expect((await queue('student-tiantian', tiantian, 'shipped')).body.items.map((item) => item.id)).toContain(order.id);

    const again = await ship('lead-tiantian', tiantian, order.id, { carrier: 'ZTO', trackingNo: 'ZT9999999999' });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('INVALID_STATE');
    expect((await parcelOf(order.id, tiantian)).trackingNo).toBe('SF1234567890');

    const second = await ship('student-feiyi', feiyi, order.id, { carrier: 'EMS', trackingNo: 'EA123456789CN' });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('shipped');
    const row = await orderRow(order.id);
    expect(row.status).toBe('shipped');
    // The auto-complete clock starts when the last parcel leaves.
    expect(row.shippedAt?.toISOString()).toBe(second.body.parcel.shippedAt);

    const steps = (await eventsOf(order.id)).map((event) => [event.action, event.fromStatus, event.toStatus, event.teamId]);
    expect(steps.slice(-4)).toEqual([
      ['parcel_shipped', null, null, tiantian],
      ['ship_part', 'paid', 'partially_shipped', tiantian],
      ['parcel_shipped', null, null, feiyi],
      ['ship_rest', 'partially_shipped', 'shipped', feiyi],
    ]);
    const timeline = second.body.timeline;
    expect(timeline.at(-4)).toMatchObject({
      action: 'parcel_shipped',
      label: '团队包裹已发出',
      actorKind: 'team',
      actorName: '天天市集运营一组·李嘉欣',
      note: '顺丰速运 SF1234567890',
    });
    expect(timeline.at(-1)).toMatchObject({ action: 'ship_rest', label: '全部商品已发货', from: 'partially_shipped', to: 'shipped', actorName: '非遗文创组·吴婉婷' });
    expect(timeline[0]).toMatchObject({ action: 'placed', actorKind: 'customer', actorName: '买家' });

    const customerView = await shop.getOk('customer', order.id);
    expect(customerView.status).toBe('shipped');
    expect(customerView.parcels.map((p) => p.trackingNo).sort()).toEqual(['EA123456789CN', 'SF1234567890']);
  });

  it('should ship an order of one team straight to shipped', async () => {
    const order = await shop.placePaid('customer', { items: [{ skuId: feiyiSku, quantity: 1 }], delivery: express(await shop.addressOf('customer')) });
    const shipped = await ship('student-feiyi', feiyi, order.id, { carrier: 'YTO', trackingNo: 'YT0000000001' });
    expect(shipped.body).toMatchObject({ status: 'shipped', otherTeams: 0 });
    expect((await eventsOf(order.id)).map((event) => event.action).slice(-2)).toEqual(['parcel_shipped', 'ship_rest']);
  });

  it('should let exactly one of two racing ship calls for one parcel win', async () => {
    const order = await paidTwoTeamExpressOrder();
    const [a, b] = await Promise.all([
      ship('student-tiantian', tiantian, order.id, { carrier: 'SF', trackingNo: 'SF0000000001' }),
      ship('lead-tiantian', tiantian, order.id, { carrier: 'JD', trackingNo: 'JD0000000002' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    expect((await parcelOf(order.id, tiantian)).trackingNo).toBe(winner.body.parcel.trackingNo);
    const actions = (await eventsOf(order.id)).map((event) => event.action);
    expect(actions.filter((action) => action === 'parcel_shipped')).toHaveLength(1);
    expect(actions.filter((action) => action === 'ship_part')).toHaveLength(1);
  });

  it('should end shipped when both teams ship their parcels at the same moment', async () => {
    const placed: OrderDetail[] = [];
    for (let i = 0; i < 6; i += 1) placed.push(await paidTwoTeamExpressOrder());
    const answers = await Promise.all(
      placed.flatMap((order, i) => [
        ship('student-tiantian', tiantian, order.id, { carrier: 'SF', trackingNo: `SF10000000${i}` }),
        ship('student-feiyi', feiyi, order.id, { carrier: 'ZTO', trackingNo: `ZT20000000${i}` }),
      ]),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    // Each saw the other's parcel as it really was: one moved the order part-way, the other all the way.
    for (const order of placed) {
      expect((await orderRow(order.id)).status).toBe('shipped');
      const moves = (await eventsOf(order.id)).filter((event) => event.toStatus !== null).map((event) => event.action);
      expect(moves.slice(-2)).toEqual(['ship_part', 'ship_rest']);
    }
  });

  it('should refuse bad carriers and tracking numbers with 400 and change nothing', async () => {
    const order = await paidTwoTeamExpressOrder();
    const before = await orderState(order.id);
    const bad: unknown[] = [
      { carrier: 'XX', trackingNo: 'SF1234567890' },
      { carrier: 'SF', trackingNo: 'SF 1234 5678' },
      { carrier: 'SF', trackingNo: 'SF12' },
      { carrier: 'SF', trackingNo: 'S'.repeat(31) },
      { carrier: 'SF', trackingNo: '顺丰1234567' },
      { carrier: 'SF' },
      { trackingNo: 'SF1234567890' },
      { carrier: 'SF', trackingNo: 1234567890 },
      { carrier: 'SF', trackingNo: 'SF1234567890', shippedAt: '2026-01-01' },
    ];
    for (const body of bad) {
      const res = await ship('student-tiantian', tiantian, order.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_FAILED');
      expect(res.body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await send('student-tiantian', 'POST', teamPath(tiantian, `/orders/abc/ship`), { carrier: 'SF', trackingNo: 'SF1234567890' })).status).toBe(400);
    expect(await orderState(order.id)).toBe(before);
  });

  it('should refuse to ship while open refunds cover every unit of the parcel, and ship when some are left', async () => {
    const order = await paidTwoTeamExpressOrder();
    const item = order.items.find((line) => line.skuId === tiantianSkus[0])!;
    // The customer's refund request as after-sales stores it: both units of tiantian's line.
    const [refund] = await db()
      .insert(refunds)
      .values({ refundNo: `RF-test-${order.id}`, orderId: order.id, teamId: tiantian, customerId, amountFen: 3000, reason: '不想要了' })
      .returning({ id: refunds.id });
    await db().insert(refundItems).values({ refundId: refund!.id, orderItemId: item.id, quantity: 2 });

    const view = await teamOrder('student-tiantian', tiantian, order.id);
    expect(view.body).toMatchObject({ hasOpenRefund: true, can: { ship: false, printLabel: true } });
    expect(view.body.items[0]).toMatchObject({ quantity: 2, refundableQuantity: 0 });
    // The other team has no refund on its goods and is not told about ours.
    expect((await teamOrder('student-feiyi', feiyi, order.id)).body).toMatchObject({ hasOpenRefund: false, can: { ship: true } });

    const before = await orderState(order.id);
    const refused = await ship('student-tiantian', tiantian, order.id, { carrier: 'SF', trackingNo: 'SF5555555555' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'INVALID_STATE', message: '该包裹的商品正在退款，请先处理售后' });
    expect(await orderState(order.id)).toBe(before);

    // Asked for one unit only: the other still goes out.
    await db().update(refundItems).set({ quantity: 1 }).where(eq(refundItems.refundId, refund!.id));
    expect((await ship('student-tiantian', tiantian, order.id, { carrier: 'SF', trackingNo: 'SF5555555555' })).status).toBe(200);
  });

  it('should list the oldest paid order first in 待发货', async () => {
    const older = await paidTwoTeamExpressOrder();
    const newer = await paidTwoTeamExpressOrder();
    const ids = (await queue('student-feiyi', feiyi, 'to_ship')).body.items.map((item) => item.id);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    const all = (await queue('student-feiyi', feiyi, 'all')).body.items.map((item) => item.id);
    expect(all.indexOf(newer.id)).toBeLessThan(all.indexOf(older.id));
  });
});

describe('shipping labels', () => {
  it('should show the full recipient to the packing student and log the access', async () => {
    const order = await paidTwoTeamExpressOrder();
    const student = await userIdOf(db(), 'student-tiantian');
    const res = await printLabel('student-tiantian', tiantian, order.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      orderNo: order.orderNo,
      recipient: order.address,
      sender: { name: '天天市集运营一组', place: PICKUP_PLACE },
      items: [{ title: expect.any(String), quantity: 2 }],
    });
    const log = await db().select().from(personalDataAccessLog).where(eq(personalDataAccessLog.resourceId, order.id));
    expect(log).toEqual([
      expect.objectContaining({ viewerUserId: student, subjectUserId: customerId, resource: 'order', purpose: 'print_shipping_label' }),
    ]);
    expect((await parcelOf(order.id, tiantian)).labelPrintedAt?.toISOString()).toBe(res.body.printedAt);
    expect((await eventsOf(order.id)).at(-1)).toMatchObject({ action: 'label_printed', actorId: student, teamId: tiantian });

    // The customer sees who opened their data (PIPL right of access).
    const exported = await send<{ personalDataAccess: { viewer: string; purpose: string }[] }>('customer', 'GET', '/api/me/export');
    expect(exported.body.personalDataAccess).toContainEqual(expect.objectContaining({ viewer: '李嘉欣', purpose: 'print_shipping_label' }));

    // A reprint after shipping is logged again; a teacher (who reviews, not packs) may not print.
    await ship('student-tiantian', tiantian, order.id, { carrier: 'SF', trackingNo: 'SF7777777777' });
    expect((await printLabel('lead-tiantian', tiantian, order.id)).status).toBe(200);
    expect(await db().select().from(personalDataAccessLog).where(eq(personalDataAccessLog.resourceId, order.id))).toHaveLength(2);
    expect((await printLabel('teacher', tiantian, order.id)).status).toBe(403);
  });

  it('should keep the access log when the customer deletes their account afterwards', async () => {
    const buyer = await userIdOf(db(), 'customer-2');
    const order = await shop.placePaid('customer-2', { items: [{ skuId: feiyiSku, quantity: 1 }], delivery: express(await shop.addressOf('customer-2')) });
    expect((await printLabel('student-feiyi', feiyi, order.id)).status).toBe(200);
    await ship('student-feiyi', feiyi, order.id, { carrier: 'DBL', trackingNo: 'DB0000000001' });
    expect((await shop.confirmReceipt('customer-2', order.id)).status).toBe(200);

    // The log references the user without a cascade; deletion anonymises the row, so it holds.
    const deleted = await send('customer-2', 'DELETE', '/api/me', { confirm: '注销' });
    expect(deleted.status).toBe(200);
    const log = await db().select().from(personalDataAccessLog).where(eq(personalDataAccessLog.resourceId, order.id));
    expect(log).toEqual([expect.objectContaining({ subjectUserId: buyer, purpose: 'print_shipping_label' })]);
    // The finished order stays in the team's books, its recipient erased.
    const view = await teamOrder('teacher', feiyi, order.id);
    expect(view.body).toMatchObject({ status: 'completed', recipient: { name: '已注销用户', phone: '', detail: '' } });
  });

  it('should refuse a label for a pickup order and log nothing', async () => {
    const order = await paidTwoTeamPickupOrder();
    const res = await printLabel('student-tiantian', tiantian, order.id);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('INVALID_STATE');
    expect(await db().select().from(personalDataAccessLog).where(eq(personalDataAccessLog.resourceId, order.id))).toEqual([]);
  });
});

describe('campus pickup', () => {
  it('should prepare each team\'s part, then hand it over by code until the order completes', async () => {
    const order = await paidTwoTeamPickupOrder();
    const code = await pickupCodeOf(order.id);
    expect((await queue('student-tiantian', tiantian, 'to_prepare')).body.items.map((item) => item.id)).toContain(order.id);
    expect((await queue('student-tiantian', tiantian, 'to_ship')).body.items.map((item) => item.id)).not.toContain(order.id);

    // Not everything is prepared yet: the code is right, the handover waits.
    const early = await verify('student-tiantian', tiantian, code);
    expect(early.status).toBe(409);
    expect(early.body.error?.code).toBe('INVALID_STATE');

    const first = await markReady('student-tiantian', tiantian, order.id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'paid', can: { markReady: false, ship: false, printLabel: false } });
    expect(first.body.parcel.readyAt).toEqual(expect.any(String));
    expect(first.body.timeline.at(-1)).toMatchObject({ action: 'parcel_ready', label: '团队已备货', actorName: '天天市集运营一组·李嘉欣' });
    expect((await markReady('lead-tiantian', tiantian, order.id)).status).toBe(409);
    expect((await queue('student-tiantian', tiantian, 'awaiting_pickup')).body.items.map((item) => item.id)).toContain(order.id);

    const second = await markReady('student-feiyi', feiyi, order.id);
    expect(second.body.status).toBe('ready_for_pickup');
    expect(second.body.timeline.at(-1)).toMatchObject({ action: 'ready_for_pickup', from: 'paid', to: 'ready_for_pickup' });

    const wrong = await verify('student-tiantian', tiantian, code === '000000' ? '000001' : '000000');
    expect(wrong.status).toBe(404);
    expect(wrong.body.error?.code).toBe('PICKUP_CODE_NOT_FOUND');

    const handed = await verify('student-tiantian', tiantian, ` ${code} `);
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({ id: order.id, status: 'ready_for_pickup' });
    expect(handed.body.parcel.pickedUpAt).toEqual(expect.any(String));
    expect((await parcelOf(order.id, tiantian)).pickedUpBy).toBe(await userIdOf(db(), 'student-tiantian'));
    // This team's goods are handed over; the code no longer finds anything of ours.
    expect((await verify('lead-tiantian', tiantian, code)).status).toBe(404);

    const last = await verify('student-feiyi', feiyi, code);
    expect(last.status).toBe(200);
    expect(last.body.status).toBe('completed');
    const row = await orderRow(order.id);
    expect(row.completedAt?.toISOString()).toBe(last.body.timeline.at(-1)!.at);
    expect(last.body.timeline.slice(-2).map((entry) => entry.action)).toEqual(['parcel_picked_up', 'pick_up']);
    expect((await queue('student-feiyi', feiyi, 'done')).body.items.map((item) => item.id)).toContain(order.id);
    expect((await shop.getOk('customer', order.id)).status).toBe('completed');
  });

  it('should refuse codes that are not 6 digits with 400 and change nothing', async () => {
    const order = await paidTwoTeamPickupOrder();
    await markReady('student-tiantian', tiantian, order.id);
    const before = await orderState(order.id);
    for (const code of ['12345', '1234567', 'abcdef', '12 345', '', 123456, null]) {
      const res = await verify('student-tiantian', tiantian, code);
      expect(res.status, String(code)).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_FAILED');
    }
    expect(await orderState(order.id)).toBe(before);
  });

  it('should not let a team ship or label a pickup order, nor prepare an express one', async () => {
    const pickupOrder = await paidTwoTeamPickupOrder();
    expect((await ship('student-tiantian', tiantian, pickupOrder.id, { carrier: 'SF', trackingNo: 'SF1234567890' })).status).toBe(409);
    const expressOrder = await paidTwoTeamExpressOrder();
    expect((await markReady('student-tiantian', tiantian, expressOrder.id)).status).toBe(409);
  });

  it('should stop guessing after 20 wrong codes in 10 minutes, and not count right ones', async () => {
    const appNow = Date.now() + clockOffsetMs;
    // To a second past the start of the next window: the whole test then runs inside one.
    clockOffsetMs += PICKUP_GUESS_WINDOW_MS - (appNow % PICKUP_GUESS_WINDOW_MS) + 1_000;
    const orderOf = () => shop.placePaid('customer', { items: [{ skuId: yuecaiSku, quantity: 1 }], delivery: pickup });
    const [one, two] = [await orderOf(), await orderOf()];
    await markReady('student-yuecai', yuecai, one.id);
    await markReady('student-yuecai', yuecai, two.id);
    const codes = new Set([await pickupCodeOf(one.id), await pickupCodeOf(two.id)]);
    const wrongCodes = Array.from({ length: 40 }, (_, i) => String(100_000 + i * 7919)).filter((code) => !codes.has(code));

    for (const code of wrongCodes.slice(0, 19)) expect((await verify('student-yuecai', yuecai, code)).status).toBe(404);
    expect((await verify('student-yuecai', yuecai, await pickupCodeOf(one.id))).status).toBe(200);
    expect((await verify('student-yuecai', yuecai, wrongCodes[19])).status).toBe(404);

    const limited = await verify('student-yuecai', yuecai, wrongCodes[20]);
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // While limited even the right code is refused: the answer tells a guesser nothing.
    const right = await verify('student-yuecai', yuecai, await pickupCodeOf(two.id));
    expect(right.status).toBe(429);
    expect((await parcelOf(two.id, yuecai)).pickedUpAt).toBeNull();
    // Another team's desk is not held up by this one's guesses.
    expect((await verify('student-tiantian', tiantian, wrongCodes[21])).status).toBe(404);
  });
});

describe('pick list', () => {
  it('should total each SKU over the orders waiting to ship or be prepared, with the orders it goes to', async () => {
    const { skuIds } = await productWithStock(db(), feiyi, { stock: 50, priceFen: 500, skuCount: 2 });
    const [x, y] = skuIds as [number, number];
    const addressId = await shop.addressOf('customer');
    const a = await shop.placePaid('customer', { items: [{ skuId: x, quantity: 2 }, { skuId: y, quantity: 1 }], delivery: express(addressId) });
    const b = await shop.placePaid('customer', { items: [{ skuId: x, quantity: 3 }], delivery: pickup });
    const shippedAlready = await shop.placePaid('customer', { items: [{ skuId: y, quantity: 4 }], delivery: express(addressId) });
    await ship('student-feiyi', feiyi, shippedAlready.id, { carrier: 'STO', trackingNo: 'ST0000000009' });
    await shop.placeOk('customer', { items: [{ skuId: y, quantity: 5 }], delivery: express(addressId) }); // unpaid: not packed

    const list = await pickList('student-feiyi', feiyi);
    expect(list.status).toBe(200);
    const line = (skuId: number) => list.body.lines.find((entry) => entry.skuId === skuId);
    expect(line(x)).toMatchObject({
      quantity: 5,
      orders: [
        { id: a.id, orderNo: a.orderNo, quantity: 2 },
        { id: b.id, orderNo: b.orderNo, quantity: 3 },
      ],
    });
    expect(line(y)).toMatchObject({ quantity: 1, orders: [{ id: a.id, quantity: 1 }] });
    expect(list.body.unitCount).toBe(list.body.lines.reduce((sum, entry) => sum + entry.quantity, 0));

    const expressOnly = await pickList('student-feiyi', feiyi, 'express');
    expect(expressOnly.body.lines.find((entry) => entry.skuId === x)).toMatchObject({ quantity: 2, orders: [{ id: a.id }] });
    const pickupOnly = await pickList('teacher', feiyi, 'pickup');
    expect(pickupOnly.status).toBe(200);
    expect(pickupOnly.body.lines.find((entry) => entry.skuId === x)).toMatchObject({ quantity: 3, orders: [{ id: b.id }] });
    expect(pickupOnly.body.lines.find((entry) => entry.skuId === y)).toBeUndefined();
    expect((await pickList('student-feiyi', feiyi, 'drone')).status).toBe(400);
    expect((await pickList('student-tiantian', feiyi)).status).toBe(404);
  });

  it('should count every queue for the chips', async () => {
    const list = await queue('student-feiyi', feiyi, 'to_ship');
    const { counts } = list.body;
    expect(Object.keys(counts).sort()).toEqual(['all', 'awaiting_pickup', 'done', 'shipped', 'to_prepare', 'to_ship']);
    expect(list.body.total).toBe(counts.to_ship);
    expect(counts.all).toBeGreaterThanOrEqual(counts.to_ship + counts.to_prepare + counts.shipped + counts.done);
    expect((await queue('student-feiyi', feiyi, 'later')).status).toBe(400);
    // A team nobody has bought from yet: every chip at zero, an empty pick list.
    const zhibo = await teamIdOf(db(), 'zhibo-daihuo');
    const empty = await queue('student-zhibo', zhibo, 'all');
    expect(empty.body).toMatchObject({ items: [], total: 0, counts: { to_ship: 0, to_prepare: 0, awaiting_pickup: 0, shipped: 0, done: 0, all: 0 } });
    expect((await pickList('student-zhibo', zhibo)).body).toMatchObject({ lines: [], orderCount: 0, unitCount: 0 });
  });
});
