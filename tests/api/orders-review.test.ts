import { schema } from '@qiaodu/db';
import { createDemoRefundExecutor } from '@qiaodu/server/after-sales/demo-executor';
import { PRICE_FEN_MAX, STOCK_QUANTITY_MAX, type CheckoutPreview, type OrderDetail, type TeamOrderDetail, type TeamOrderList } from '@qiaodu/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { ledgerProblems, teamIdOf } from '../support/inventory';
import { receiveStock } from '../support/order-proofs';
import { express, idempotencyKey, orderClient, pickup, productWithStock } from '../support/orders';
import { refundClient } from '../support/refunds';

/**
 * Seams between placement, fulfilment and after-sales found in review: each test is a case
 * where one module's step leaves another's state behind. Runs on PGlite and on PostgreSQL.
 */
// The expiry job runs when a test asks (runOnce), not on a timer. Refunds are paid back at once
// (the demo executor), so a refund settling races the other steps inside one request; WeChat's
// refunds, which settle later by notification, are the WeChat refund tests' subject.
const fixture = useSeededApp({ overrides: { orderJobTimer: false, refundExecutor: createDemoRefundExecutor(() => new Date()) } });
const db = () => fixture.testDb.database.db;
const client = personaClient(() => fixture.app.baseUrl);
const shop = orderClient(() => fixture.app.baseUrl, client);
const refunds = refundClient(() => fixture.app.baseUrl, client);
const { send } = client;

const teamPath = (teamId: number, rest: string) => `/api/console/teams/${teamId}${rest}`;
const ship = (persona: string, teamId: number, orderId: number) =>
  send<TeamOrderDetail>(persona, 'POST', teamPath(teamId, `/orders/${orderId}/ship`), { carrier: 'SF', trackingNo: `SF${Date.now()}` });
const markReady = (persona: string, teamId: number, orderId: number) =>
  send<TeamOrderDetail>(persona, 'POST', teamPath(teamId, `/orders/${orderId}/ready`));
const verify = (persona: string, teamId: number, code: string) =>
  send<TeamOrderDetail>(persona, 'POST', teamPath(teamId, '/pickups/verify'), { code });

let tiantian: number;
let feiyi: number;
let tiantianSku: number;
let feiyiSku: number;

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
  tiantianSku = (await productWithStock(db(), tiantian, { stock: 100, priceFen: 1500 })).skuIds[0]!;
  feiyiSku = (await productWithStock(db(), feiyi, { stock: 100, priceFen: 2000 })).skuIds[0]!;
});

async function paidTwoTeamOrder(method: 'express' | 'pickup'): Promise<OrderDetail> {
  return shop.placePaid('customer', {
    items: [
      { skuId: tiantianSku, quantity: 1 },
      { skuId: feiyiSku, quantity: 2 },
    ],
    delivery: method === 'express' ? express(await shop.addressOf('customer')) : pickup,
  });
}

/** The customer gets every unit of feiyi's line back, approved by feiyi's student. */
async function refundFeiyiLine(order: OrderDetail): Promise<void> {
  const line = order.items.find((item) => item.skuId === feiyiSku)!;
  const asked = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: line.id, quantity: line.quantity }], reason: '不想要了' });
  const decided = await refunds.approveOk('student-feiyi', feiyi, asked.id);
  expect(decided.status).toBe('refunded');
}

async function pickupCodeOf(orderId: number): Promise<string> {
  const [row] = await db().select({ code: schema.orders.pickupCode }).from(schema.orders).where(eq(schema.orders.id, orderId));
  return row!.code!;
}

describe('an order whose last waiting parcel is refunded', () => {
  it('should move a partially shipped order to shipped (and start the auto-complete clock) when the unshipped goods are refunded', async () => {
    const order = await paidTwoTeamOrder('express');
    expect((await ship('student-tiantian', tiantian, order.id)).body.status).toBe('partially_shipped');

    await refundFeiyiLine(order);

    const after = await shop.getOk('customer', order.id);
    expect(after.status).toBe('shipped');
    expect(after.autoCompleteAt).toEqual(expect.any(String));
    expect(after.timeline.at(-1)).toMatchObject({ action: 'ship_rest', from: 'partially_shipped', to: 'shipped', actorKind: 'system', actorName: '系统' });
    // Only the money of the refunded goods went back: the shipped parcel's goods and shipping stay paid.
    expect(after.refundedFen).toBe(4000);
    expect((await shop.confirmReceipt('customer', order.id)).body.status).toBe('completed');
  });

  it('should make a pickup order ready for pickup when the team that had not prepared its part is refunded', async () => {
    const order = await paidTwoTeamOrder('pickup');
    expect((await markReady('student-tiantian', tiantian, order.id)).body.status).toBe('paid');

    await refundFeiyiLine(order);

    const after = await shop.getOk('customer', order.id);
    expect(after.status).toBe('ready_for_pickup');
    expect(after.timeline.at(-1)).toMatchObject({ action: 'ready_for_pickup', from: 'paid', to: 'ready_for_pickup', actorName: '系统' });
    const handed = await verify('student-tiantian', tiantian, await pickupCodeOf(order.id));
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    expect(handed.body.status).toBe('completed');
  });

  it('should complete a pickup order when the goods not yet handed over are refunded', async () => {
    const order = await paidTwoTeamOrder('pickup');
    await markReady('student-tiantian', tiantian, order.id);
    expect((await markReady('student-feiyi', feiyi, order.id)).body.status).toBe('ready_for_pickup');
    expect((await verify('student-tiantian', tiantian, await pickupCodeOf(order.id))).body.status).toBe('ready_for_pickup');

    await refundFeiyiLine(order);

    const after = await shop.getOk('customer', order.id);
    expect(after.status).toBe('completed');
    expect(after.completedAt).toEqual(expect.any(String));
    expect(after.timeline.at(-1)).toMatchObject({ action: 'pick_up', from: 'ready_for_pickup', to: 'completed', actorName: '系统' });
  });

  it('should leave a paid express order waiting when one team’s goods are refunded and the other’s still have to ship', async () => {
    const order = await paidTwoTeamOrder('express');
    await refundFeiyiLine(order);
    expect((await shop.getOk('customer', order.id)).status).toBe('paid');
    expect((await ship('student-tiantian', tiantian, order.id)).body.status).toBe('shipped');
  });
});

describe('checkout preview and placement', () => {
  it('should not call an order orderable that placing refuses for its size', async () => {
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 100, priceFen: PRICE_FEN_MAX });
    const body = { items: [{ skuId: skuIds[0]!, quantity: 30 }], delivery: pickup };
    const placed = await shop.place('customer', body);
    expect([placed.status, placed.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const preview = await send<CheckoutPreview>('customer', 'POST', '/api/checkout/preview', body);
    expect(preview.status).toBe(200);
    expect(preview.body.orderable).toBe(false);
  });
});

describe('an Idempotency-Key whose first request was refused', () => {
  it('should try again under the same key, since the refusal created nothing', async () => {
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 1 });
    const body = { items: [{ skuId: skuIds[0]!, quantity: 2 }], delivery: pickup };
    const key = idempotencyKey();
    const refused = await shop.place('customer', body, key);
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'OUT_OF_STOCK']);
    await receiveStock(fixture.app.baseUrl, tiantian, skuIds[0]!, 5);
    const placed = await shop.place('customer', body, key);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.headers.get('idempotent-replayed')).toBeNull();
    const again = await shop.place('customer', body, key);
    expect([again.status, again.body.id, again.headers.get('idempotent-replayed')]).toEqual([201, placed.body.id, 'true']);
  });
});

describe('racing steps on one order', () => {
  it('should let exactly one of a payment and a cancellation through, with the books matching the winner', async () => {
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 50, skuCount: 2 });
    const [a, b] = skuIds as [number, number];
    const placed: OrderDetail[] = [];
    for (let n = 0; n < 6; n++) {
      // Lines in both orders, so the locks are asked for in both orders too.
      const items = n % 2 === 0 ? [{ skuId: a, quantity: 1 }, { skuId: b, quantity: 2 }] : [{ skuId: b, quantity: 2 }, { skuId: a, quantity: 1 }];
      const order = await shop.placeOk('customer', { items, delivery: pickup });
      // The prepay changes nothing; the money arriving (the simulator's notification) races the cancellation.
      expect((await shop.pay('customer', order.id)).status).toBe(200);
      placed.push(order);
    }
    const answers = await Promise.all(placed.flatMap((order) => [shop.simulate('customer', order.id, 'pay'), shop.cancel('customer', order.id)]));
    expect(answers.filter((res) => res.status >= 500)).toEqual([]);
    let paid = 0;
    for (const [n, order] of placed.entries()) {
      const [payRes, cancelRes] = [answers[2 * n]!, answers[2 * n + 1]!];
      const status = (await shop.getOk('customer', order.id)).status;
      const lateFlags = await db().select().from(schema.paymentFlags).where(eq(schema.paymentFlags.orderId, order.id));
      if (status === 'paid') {
        paid += 1;
        expect([payRes.status, cancelRes.status, lateFlags]).toEqual([200, 409, []]);
      } else {
        expect([status, cancelRes.status]).toEqual(['cancelled', 200]);
        // The sheet was refused (the order was already cancelled), or the money came after the
        // cancellation: then it is flagged as a late payment and goes back to the payer.
        if (payRes.status === 200) expect(lateFlags.map((flag) => flag.kind)).toEqual(['late_payment']);
        else expect([payRes.status, lateFlags]).toEqual([409, []]);
      }
    }
    const rows = await db().select({ id: schema.skus.id, stock: schema.skus.stockAvailable, sales: schema.skus.salesCount }).from(schema.skus).where(inArray(schema.skus.id, [a, b])).orderBy(asc(schema.skus.id));
    expect(rows.map((row) => [row.stock, row.sales])).toEqual([
      [50 - paid, paid],
      [50 - 2 * paid, 2 * paid],
    ]);
    expect(await ledgerProblems(db(), tiantian)).toEqual([]);
  });

  it('should end shipped whether the last parcel ships or the other parcel’s refund settles first', async () => {
    for (let round = 0; round < 3; round++) {
      const order = await paidTwoTeamOrder('express');
      const line = order.items.find((item) => item.skuId === feiyiSku)!;
      const asked = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: line.id, quantity: line.quantity }], reason: '不要了' });
      const [shipped, approved] = await Promise.all([ship('student-tiantian', tiantian, order.id), refunds.approve('student-feiyi', feiyi, asked.id)]);
      expect([shipped.status, approved.status]).toEqual([200, 200]);
      expect((await shop.getOk('customer', order.id)).status).toBe('shipped');
    }
  });
});

describe('handing over pickup goods', () => {
  it('should not hand over goods that an open refund request covers, as shipping would not', async () => {
    const order = await shop.placePaid('customer', { items: [{ skuId: tiantianSku, quantity: 2 }], delivery: pickup });
    expect((await markReady('student-tiantian', tiantian, order.id)).body.status).toBe('ready_for_pickup');
    const asked = await refunds.requestOk('customer', order.id, { reason: '不想要了' });
    const code = await pickupCodeOf(order.id);

    const held = await verify('student-tiantian', tiantian, code);
    expect([held.status, held.body.error?.code]).toEqual([409, 'INVALID_STATE']);
    expect(held.body.error?.message).toBe('该包裹的商品正在退款，请先处理售后');
    expect((await shop.getOk('customer', order.id)).parcels[0]!.pickedUpAt).toBeNull();

    // Once the request is settled the other way, the goods go out.
    expect((await refunds.reject('student-tiantian', tiantian, asked.id, { comment: '已备货，请来自提' })).status).toBe(200);
    const handed = await verify('student-tiantian', tiantian, code);
    expect([handed.status, handed.body.status]).toEqual([200, 'completed']);
  });
});

describe('releasing reserved units', () => {
  it('should give back an unpaid order’s units even when receipts have filled the SKU to the ceiling meanwhile', async () => {
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 10 });
    const full = skuIds[0]!;
    const cancelled = await shop.placeOk('customer', { items: [{ skuId: full, quantity: 2 }], delivery: pickup });
    const expiring = await shop.placeOk('customer', { items: [{ skuId: full, quantity: 3 }], delivery: pickup });
    const later = await shop.placeOk('customer', { items: [{ skuId: tiantianSku, quantity: 1 }], delivery: pickup });
    // 5 units are reserved; the team fills the shelf up to the most a SKU may hold.
    await receiveStock(fixture.app.baseUrl, tiantian, full, STOCK_QUANTITY_MAX - 5);

    const cancel = await shop.cancel('customer', cancelled.id);
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);

    // Both due; the one on the full SKU first in the job's queue.
    const { orders } = schema;
    await db().update(orders).set({ expiresAt: new Date(Date.now() - 120_000) }).where(eq(orders.id, expiring.id));
    await db().update(orders).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(orders.id, later.id));
    await fixture.app.built.orderJobs.runOnce();
    expect((await shop.getOk('customer', expiring.id)).status).toBe('cancelled');
    expect((await shop.getOk('customer', later.id)).status).toBe('cancelled');
    expect(await ledgerProblems(db(), tiantian)).toEqual([]);
  });
});

describe('the pickup desk queue', () => {
  it('should not keep waiting for pickup a prepared part whose goods were all refunded', async () => {
    const order = await paidTwoTeamOrder('pickup');
    await markReady('student-tiantian', tiantian, order.id);
    const line = order.items.find((item) => item.skuId === tiantianSku)!;
    const asked = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: line.id, quantity: line.quantity }], reason: '不要了' });
    await refunds.approveOk('student-tiantian', tiantian, asked.id);

    const waiting = await send<TeamOrderList>('student-tiantian', 'GET', teamPath(tiantian, '/orders?queue=awaiting_pickup&pageSize=100'));
    expect(waiting.body.items.map((item) => item.id)).not.toContain(order.id);
    // Nothing of ours is left to hand over: the code finds nothing for this desk.
    expect((await verify('student-tiantian', tiantian, await pickupCodeOf(order.id))).status).toBe(404);
  });
});
