import { schema } from '@qiaodu/db';
import { createDemoRefundExecutor } from '@qiaodu/server/after-sales/demo-executor';
import type { OrderDetail, PlaceOrderBody } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { ledgerProblems, teamIdOf, userIdOf } from '../support/inventory';
import { filesIn, jpeg } from '../support/product-console';
import { express, orderClient, pickup, productWithStock, stockOf } from '../support/orders';
import { ledgerRowsOfOrder, refundClient, refundSnapshot } from '../support/refunds';

/*
 * The after-sales rules (who decides, how much, shipping, thresholds, restock), with refunds paid
 * back at once by the demo executor. Orders are paid through the demo shop's WeChat Pay
 * simulator, whose refunds settle a moment later by notification: that path is the WeChat refund
 * tests' subject, not this file's.
 */
const fixture = useSeededApp({ overrides: { refundExecutor: createDemoRefundExecutor(() => new Date()) } });
const db = () => fixture.testDb.database.db;
const client = personaClient(() => fixture.app.baseUrl);
const orders = orderClient(() => fixture.app.baseUrl, client);
const refunds = refundClient(() => fixture.app.baseUrl, client);

let tiantian: number;
let feiyi: number;

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
});

const REFUND_NO = /^RF[A-Za-z0-9_-]+$/;

/** A fresh product of the team with plain numbers: `stock` units at `priceFen` each. */
async function goods(teamId: number, priceFen = 1000, stock = 20) {
  const product = await productWithStock(db(), teamId, { stock, priceFen });
  return { ...product, skuId: product.skuIds[0]! };
}

/** A paid express order of the persona (shipping ¥8 below ¥99 of goods). */
async function paidOrder(persona: string, lines: { skuId: number; quantity: number }[], delivery: 'express' | 'pickup' = 'express'): Promise<OrderDetail> {
  const body: PlaceOrderBody = { items: lines, delivery: delivery === 'express' ? express(await orders.addressOf(persona)) : pickup };
  return orders.placePaid(persona, body);
}

const itemOf = (order: OrderDetail, skuId: number) => order.items.find((item) => item.skuId === skuId)!;

async function salesCountOf(skuId: number): Promise<number> {
  const [row] = await db().select({ sales: schema.skus.salesCount }).from(schema.skus).where(eq(schema.skus.id, skuId));
  return row!.sales;
}

async function ship(persona: string, teamId: number, orderId: number) {
  const res = await client.send(persona, 'POST', `/api/console/teams/${teamId}/orders/${orderId}/ship`, { carrier: 'SF', trackingNo: `SF${Date.now()}` });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('a refund of some items, decided by the team', () => {
  it('should pay back the units through the demo executor and show it on the order', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 2 }]);
    expect(order).toMatchObject({ status: 'paid', totalFen: 2800, paidFen: 2800 });
    const line = itemOf(order, skuId);
    expect(await salesCountOf(skuId)).toBe(2);

    const asked = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: line.id, quantity: 1 }], reason: '收到一件破损' });
    expect(asked).toMatchObject({
      status: 'requested',
      orderId: order.id,
      orderNo: order.orderNo,
      team: { id: tiantian },
      amountFen: 1000,
      shippingFen: 0,
      wholeOrder: false,
      needsTeacher: false,
      reason: '收到一件破损',
      items: [{ orderItemId: line.id, quantity: 1, restockedQuantity: null }],
      decidedBy: null,
    });
    expect(asked.refundNo).toMatch(REFUND_NO);
    expect(asked.timeline.map((entry) => [entry.action, entry.actorName])).toEqual([['requested', '买家']]);

    const queue = await refunds.teamList('student-tiantian', tiantian, '?status=requested');
    expect(queue.status).toBe(200);
    const queued = queue.body.items.find((refund) => refund.id === asked.id)!;
    expect(queued).toMatchObject({ customer: { name: '陈**' }, can: { decide: true, retry: false, dispose: false }, decideBlockedReason: null });
    expect(queue.body.openCount).toBeGreaterThanOrEqual(1);
    // The supervising teacher sees the customer's full name (PIPL: teachers may).
    expect((await refunds.teamGet('teacher', tiantian, asked.id)).body.customer.name).toBe('陈晓琳');

    const decided = await refunds.approveOk('student-tiantian', tiantian, asked.id, '同意退款');
    expect(decided).toMatchObject({ status: 'refunded', decidedBy: { name: '李嘉欣' }, decisionComment: '同意退款', can: { dispose: true } });
    expect(decided.refundedAt).not.toBeNull();
    expect(decided.timeline.map((entry) => [entry.action, entry.from, entry.to])).toEqual([
      ['requested', null, 'requested'],
      ['approve', 'requested', 'approved'],
      ['succeed', 'approved', 'refunded'],
    ]);
    expect(decided.timeline[1]!.actorName).toBe('天天市集运营一组·李嘉欣');

    const after = await orders.getOk('customer', order.id);
    expect(after).toMatchObject({ status: 'paid', refundedFen: 1000, paidFen: 2800 });
    expect(itemOf(after, skuId)).toMatchObject({ refundedQuantity: 1, refundableQuantity: 1 });
    expect(after.timeline.map((entry) => entry.action)).toEqual(expect.arrayContaining(['refund_requested', 'refund_refunded']));
    expect(after.refunds).toEqual([expect.objectContaining({ id: asked.id, status: 'refunded', amountFen: 1000 })]);
    expect(await salesCountOf(skuId)).toBe(1);

    const [row] = await db().select().from(schema.refunds).where(eq(schema.refunds.id, asked.id));
    expect(row).toMatchObject({ executor: 'demo', externalRefundId: `demo-${asked.refundNo}`, decidedBy: await userIdOf(db(), 'student-tiantian') });
  });

  it('should let exactly one of racing decisions and a withdrawal through', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const asked = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: '不想要了' });
    const racing = await Promise.all([
      refunds.approve('student-tiantian', tiantian, asked.id),
      refunds.approve('lead-tiantian', tiantian, asked.id),
      refunds.approve('teacher', tiantian, asked.id),
      refunds.reject('lead-tiantian', tiantian, asked.id, { comment: '同时拒绝' }),
      refunds.withdraw('customer', asked.id),
    ]);
    const winners = racing.filter((res) => res.status === 200);
    expect(winners).toHaveLength(1);
    expect(racing.filter((res) => res.status === 409).every((res) => res.body.error?.code === 'INVALID_STATE')).toBe(true);
    const final = (await refunds.get('customer', asked.id)).body;
    expect(final.status).toBe(winners[0]!.body.status);
    expect((await orders.getOk('customer', order.id)).refundedFen).toBe(final.status === 'refunded' ? 1000 : 0);
    expect(final.timeline).toHaveLength(final.status === 'refunded' ? 3 : 2);
  });
});

describe('whole-order refunds', () => {
  it('should refund goods and shipping before anything shipped and close the order', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const asked = await refunds.requestOk('customer', order.id, { reason: '拍错了' });
    expect(asked).toMatchObject({ amountFen: 1800, shippingFen: 800, wholeOrder: true, items: [{ quantity: 1 }] });

    await refunds.approveOk('student-tiantian', tiantian, asked.id);
    const after = await orders.getOk('customer', order.id);
    expect(after).toMatchObject({ status: 'cancelled', refundedFen: 1800, paidFen: 1800 });
    const closing = after.timeline.find((entry) => entry.action === 'refund_in_full')!;
    expect(closing).toMatchObject({ from: 'paid', to: 'cancelled', actorKind: 'system' });
  });

  it('should split a two-team order per team, shipping with the lowest team id', async () => {
    const a = await goods(tiantian, 1000);
    const b = await goods(feiyi, 2000);
    const order = await paidOrder('customer', [
      { skuId: a.skuId, quantity: 1 },
      { skuId: b.skuId, quantity: 1 },
    ]);
    expect(order.totalFen).toBe(3800);
    const lowest = Math.min(tiantian, feiyi);

    const asked = await refunds.requestOk('customer', order.id, { reason: '整单退款' });
    expect(asked.team.id).toBe(lowest);
    const both = (await orders.getOk('customer', order.id)).refunds;
    expect(both).toHaveLength(2);
    const ofTeam = (teamId: number) => both.find((refund) => refund.team.id === teamId)!;
    expect(ofTeam(tiantian)).toMatchObject({ amountFen: 1000 + (lowest === tiantian ? 800 : 0), wholeOrder: true, items: [{ quantity: 1 }] });
    expect(ofTeam(feiyi)).toMatchObject({ amountFen: 2000 + (lowest === feiyi ? 800 : 0), wholeOrder: true, items: [{ quantity: 1 }] });
    expect(both.map((refund) => refund.shippingFen).sort()).toEqual([0, 800]);
    expect(new Set(both.map((refund) => refund.refundNo)).size).toBe(2);

    // Each team sees only its own refund.
    const feiyiQueue = await refunds.teamList('student-feiyi', feiyi);
    expect(feiyiQueue.body.items.some((refund) => refund.id === ofTeam(tiantian).id)).toBe(false);
    expect((await refunds.teamGet('student-feiyi', feiyi, ofTeam(tiantian).id)).status).toBe(404);

    await refunds.approveOk('student-feiyi', feiyi, ofTeam(feiyi).id);
    expect((await orders.getOk('customer', order.id)).status).toBe('paid');
    await refunds.approveOk('student-tiantian', tiantian, ofTeam(tiantian).id);
    expect(await orders.getOk('customer', order.id)).toMatchObject({ status: 'cancelled', refundedFen: 3800 });
    // Nothing is left to ask for.
    expect((await refunds.request('customer', order.id, { reason: '再退一次' })).status).toBe(409);
  });

  it('should settle two teams approving at once, while others buy the same goods, into one closed order', async () => {
    const a = await goods(tiantian, 1000);
    const b = await goods(feiyi, 2000);
    const lines = [
      { skuId: a.skuId, quantity: 1 },
      { skuId: b.skuId, quantity: 1 },
    ];
    const order = await paidOrder('customer', lines);
    await refunds.requestOk('customer', order.id, { reason: '整单退款' });
    const both = (await orders.getOk('customer', order.id)).refunds;
    const ofTeam = (teamId: number) => both.find((refund) => refund.team.id === teamId)!.id;
    const [first, second, buying] = await Promise.all([
      refunds.approve('student-tiantian', tiantian, ofTeam(tiantian)),
      refunds.approve('student-feiyi', feiyi, ofTeam(feiyi)),
      paidOrder('customer-2', lines),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(buying.status).toBe('paid');
    const after = await orders.getOk('customer', order.id);
    expect(after).toMatchObject({ status: 'cancelled', refundedFen: 3800, paidFen: 3800 });
    expect(after.timeline.filter((entry) => entry.action === 'refund_in_full')).toHaveLength(1);
    expect(await salesCountOf(a.skuId)).toBe(1);
    expect(await salesCountOf(b.skuId)).toBe(1);
  });

  it('should return the shipping fee alone when every unit went back item by item, and close the order', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const item = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: '退商品' });
    await refunds.approveOk('student-tiantian', tiantian, item.id);
    expect(await orders.getOk('customer', order.id)).toMatchObject({ status: 'paid', refundedFen: 1000, paidFen: 1800 });

    const fee = await refunds.requestOk('customer', order.id, { reason: '退运费' });
    expect(fee).toMatchObject({ amountFen: 800, shippingFen: 800, items: [], wholeOrder: true });
    const decided = await refunds.approveOk('student-tiantian', tiantian, fee.id);
    expect(decided.can.dispose).toBe(false);
    expect(await orders.getOk('customer', order.id)).toMatchObject({ status: 'cancelled', refundedFen: 1800 });
    expect((await refunds.dispose('student-tiantian', tiantian, fee.id, 'restock')).body.error?.code).toBe('INVALID_STATE');
  });

  it('should leave shipping out once a parcel has shipped', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 2 }]);
    await ship('student-tiantian', tiantian, order.id);
    const asked = await refunds.requestOk('customer', order.id, { reason: '质量问题' });
    expect(asked).toMatchObject({ amountFen: 2000, shippingFen: 0 });
    await refunds.approveOk('student-tiantian', tiantian, asked.id);
    // Shipped goods: the order keeps its state; the money went back.
    expect(await orders.getOk('customer', order.id)).toMatchObject({ status: 'shipped', refundedFen: 2000 });
  });
});

describe('refused requests', () => {
  it('should refuse more money than the units cost and change nothing', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const before = await refundSnapshot(db(), order.id);
    const res = await refunds.request('customer', order.id, { items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], amountFen: 1001, reason: '多退点' });
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('REFUND_AMOUNT_TOO_HIGH');
    // Shipping is refunded with whole-order requests only, and never above what was paid.
    const whole = await refunds.request('customer', order.id, { amountFen: 1801, reason: '多退点' });
    expect(whole.body.error?.code).toBe('REFUND_AMOUNT_TOO_HIGH');
    expect(await refundSnapshot(db(), order.id)).toBe(before);
  });

  it('should refuse the same units twice, also when asked at once', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const body = { items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: '重复申请' };
    const racing = await Promise.all(Array.from({ length: 6 }, () => refunds.request('customer', order.id, body)));
    expect(racing.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(racing.filter((res) => res.status === 409).every((res) => res.body.error?.code === 'REFUND_IN_PROGRESS')).toBe(true);
    const again = await refunds.request('customer', order.id, { reason: '整单' });
    expect(again.body.error?.code).toBe('REFUND_IN_PROGRESS');
    expect((await orders.getOk('customer', order.id)).refunds).toHaveLength(1);
  });

  it('should answer bad input with 4xx and change nothing', async () => {
    const a = await goods(tiantian);
    const b = await goods(feiyi);
    const order = await paidOrder('customer', [
      { skuId: a.skuId, quantity: 2 },
      { skuId: b.skuId, quantity: 1 },
    ]);
    const lineA = itemOf(order, a.skuId).id;
    const lineB = itemOf(order, b.skuId).id;
    const before = await refundSnapshot(db(), order.id);
    const cases: [Record<string, unknown>, number][] = [
      [{}, 400],
      [{ reason: '' }, 400],
      [{ reason: 'x'.repeat(201) }, 400],
      [{ reason: '坏了', items: [] }, 400],
      [{ reason: '坏了', items: [{ orderItemId: lineA, quantity: 0 }] }, 400],
      [{ reason: '坏了', items: [{ orderItemId: lineA, quantity: -1 }] }, 400],
      [{ reason: '坏了', items: [{ orderItemId: lineA, quantity: 1.5 }] }, 400],
      [{ reason: '坏了', items: [{ orderItemId: lineA, quantity: 3 }] }, 400],
      [{ reason: '坏了', items: [{ orderItemId: 999_999, quantity: 1 }] }, 400],
      [{ reason: '坏了', items: [{ orderItemId: lineA, quantity: 1 }, { orderItemId: lineA, quantity: 1 }] }, 400],
      [{ reason: '坏了', items: [{ orderItemId: lineA, quantity: 1 }, { orderItemId: lineB, quantity: 1 }] }, 400],
      [{ reason: '坏了', amountFen: -1 }, 400],
      [{ reason: '坏了', amountFen: 0 }, 400],
      [{ reason: '坏了', amountFen: 12.5 }, 400],
      [{ reason: '坏了', amountFen: 100 }, 400],
      [{ reason: '坏了', photos: ['https://evil.example/a.webp'] }, 400],
      [{ reason: '坏了', photos: ['/media/uploads/products/1/abc-detail.webp'] }, 400],
      [{ reason: '坏了', unexpected: true }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await refunds.request('customer', order.id, body);
      expect([res.status, JSON.stringify(body)]).toEqual([status, JSON.stringify(body)]);
      expect(res.body.error?.message).toBeTruthy();
    }
    const twoTeams = await refunds.request('customer', order.id, { reason: '坏了', items: [{ orderItemId: lineA, quantity: 1 }, { orderItemId: lineB, quantity: 1 }] });
    expect(twoTeams.body.error?.message).toBe('请分别为不同团队的商品申请售后');
    expect((await client.send('customer', 'POST', '/api/orders/abc/refunds', { reason: '坏了' })).status).toBe(400);
    expect(await refundSnapshot(db(), order.id)).toBe(before);
  });

  it('should refuse unpaid orders, other customers and closed windows', async () => {
    const { skuId } = await goods(tiantian);
    const unpaid = await orders.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup });
    const res = await refunds.request('customer', unpaid.id, { reason: '未付款' });
    expect([res.status, res.body.error?.code]).toEqual([409, 'INVALID_STATE']);

    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const foreign = await refunds.request('customer-2', order.id, { reason: '不是我的' });
    expect([foreign.status, foreign.body.error?.code]).toEqual([404, 'ORDER_NOT_FOUND']);

    await ship('student-tiantian', tiantian, order.id);
    expect((await orders.confirmReceipt('customer', order.id)).status).toBe(200);
    await db()
      .update(schema.orders)
      .set({ completedAt: new Date(Date.now() - 16 * 86_400_000) })
      .where(eq(schema.orders.id, order.id));
    const late = await refunds.request('customer', order.id, { reason: '过期了' });
    expect([late.status, late.body.error?.code]).toEqual([409, 'REFUND_WINDOW_CLOSED']);
  });
});

describe('who decides', () => {
  it('should leave refunds above ¥200 to the supervising teacher', async () => {
    const { skuId } = await goods(tiantian, 25_000, 5);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const asked = await refunds.requestOk('customer', order.id, { reason: '太贵了' });
    expect(asked).toMatchObject({ amountFen: 25_000, shippingFen: 0, needsTeacher: true });

    const seen = (await refunds.teamGet('student-tiantian', tiantian, asked.id)).body;
    expect(seen).toMatchObject({ can: { decide: false }, decideBlockedReason: '需指导老师审批' });
    const refused = await refunds.approve('student-tiantian', tiantian, asked.id);
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'REFUND_NEEDS_TEACHER']);
    expect((await refunds.reject('student-tiantian', tiantian, asked.id, { comment: '不行' })).body.error?.code).toBe('REFUND_NEEDS_TEACHER');

    expect((await refunds.teamGet('teacher', tiantian, asked.id)).body).toMatchObject({ can: { decide: true }, decideBlockedReason: null });
    const decided = await refunds.approveOk('teacher', tiantian, asked.id, '老师同意');
    expect(decided).toMatchObject({ status: 'refunded', decidedBy: { name: '刘慧敏' } });
    expect((await orders.getOk('customer', order.id)).status).toBe('cancelled');
  });

  it('should add an order\'s refunds up toward the threshold, so ¥200 asked in pieces still needs the teacher', async () => {
    const { skuId } = await goods(tiantian, 15_000, 5);
    const order = await paidOrder('customer', [{ skuId, quantity: 2 }], 'pickup');
    const item = order.items[0]!;
    const first = await refunds.requestOk('customer', order.id, { reason: '少了一件', items: [{ orderItemId: item.id, quantity: 1 }] });
    expect(first).toMatchObject({ amountFen: 15_000, needsTeacher: false });
    const second = await refunds.requestOk('customer', order.id, { reason: '另一件也不要了', items: [{ orderItemId: item.id, quantity: 1 }] });
    // ¥150 + ¥150 on one order: the second piece takes the order past ¥200.
    expect(second).toMatchObject({ amountFen: 15_000, needsTeacher: true });
    expect((await refunds.approve('student-tiantian', tiantian, second.id)).body.error?.code).toBe('REFUND_NEEDS_TEACHER');
    await refunds.approveOk('student-tiantian', tiantian, first.id);
    await refunds.approveOk('teacher', tiantian, second.id);
    expect((await orders.getOk('customer', order.id)).status).toBe('cancelled');
  });

  it('should not let a team member decide a refund on their own order', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('student-tiantian', [{ skuId, quantity: 1 }]);
    const asked = await refunds.requestOk('student-tiantian', order.id, { reason: '自己买错了' });
    expect((await refunds.teamGet('student-tiantian', tiantian, asked.id)).body).toMatchObject({
      can: { decide: false },
      decideBlockedReason: '不能处理自己的订单',
      customer: { name: '李**' },
    });
    const refused = await refunds.approve('student-tiantian', tiantian, asked.id);
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'OWN_ORDER']);
    await refunds.approveOk('lead-tiantian', tiantian, asked.id);
    // Nor say the goods came back: restocking one's own refund would add stock nobody returned.
    expect((await refunds.teamGet('student-tiantian', tiantian, asked.id)).body).toMatchObject({ can: { dispose: false } });
    const restock = await refunds.dispose('student-tiantian', tiantian, asked.id, 'restock');
    expect([restock.status, restock.body.error?.code]).toEqual([403, 'OWN_ORDER']);
    expect((await refunds.dispose('lead-tiantian', tiantian, asked.id, 'restock')).status).toBe(200);
  });

  it('should keep people of other teams and customers out of the console queue', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const asked = await refunds.requestOk('customer', order.id, { reason: '看看权限' });
    expect((await refunds.approve('student-feiyi', tiantian, asked.id)).status).toBe(404);
    expect((await refunds.approve('customer', tiantian, asked.id)).status).toBe(403);
    expect((await refunds.approve('student-feiyi', feiyi, asked.id)).body.error?.code).toBe('REFUND_NOT_FOUND');
    expect((await refunds.teamList('mentor', feiyi)).status).toBe(403);
    expect((await refunds.get('customer', asked.id)).body.status).toBe('requested');
  });
});

describe('rejecting and withdrawing', () => {
  it('should need a reason to reject, show it to the customer and free the units again', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const asked = await refunds.requestOk('customer', order.id, { reason: '不喜欢' });
    expect((await refunds.reject('student-tiantian', tiantian, asked.id, {})).status).toBe(400);
    expect((await refunds.reject('student-tiantian', tiantian, asked.id, { comment: '  ' })).status).toBe(400);
    const rejected = await refunds.reject('student-tiantian', tiantian, asked.id, { comment: '商品已拆封，不支持无理由退款' });
    expect(rejected.status).toBe(200);
    const seen = (await refunds.get('customer', asked.id)).body;
    expect(seen).toMatchObject({ status: 'rejected', decisionComment: '商品已拆封，不支持无理由退款' });
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'reject', note: '商品已拆封，不支持无理由退款' });
    expect((await refunds.approve('student-tiantian', tiantian, asked.id)).status).toBe(409);
    expect((await orders.getOk('customer', order.id)).refundedFen).toBe(0);
    // A rejected request holds nothing: the customer may ask again.
    expect((await refunds.request('customer', order.id, { reason: '再次申请' })).status).toBe(201);
  });

  it('should let the customer withdraw an undecided request, and nobody else', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const asked = await refunds.requestOk('customer', order.id, { reason: '先申请' });

    const foreignGet = await refunds.get('customer-2', asked.id);
    expect([foreignGet.status, foreignGet.body.error?.code]).toEqual([404, 'REFUND_NOT_FOUND']);
    expect((await refunds.withdraw('customer-2', asked.id)).status).toBe(404);
    expect((await refunds.list('customer-2')).body.items.some((refund) => refund.id === asked.id)).toBe(false);

    const withdrawn = await refunds.withdraw('customer', asked.id);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    expect(withdrawn.body.timeline.map((entry) => entry.action)).toEqual(['requested', 'withdraw']);
    expect((await refunds.withdraw('customer', asked.id)).body.error?.code).toBe('INVALID_STATE');
    expect((await refunds.approve('student-tiantian', tiantian, asked.id)).status).toBe(409);

    const mine = await refunds.list('customer', '?status=withdrawn');
    expect(mine.body.items.some((refund) => refund.id === asked.id)).toBe(true);
    expect(mine.body.items.every((refund) => refund.status === 'withdrawn')).toBe(true);
  });
});

describe('returned units', () => {
  it('should restock refunded units through the ledger exactly once', async () => {
    const { skuId } = await goods(tiantian, 1000, 10);
    const order = await paidOrder('customer', [{ skuId, quantity: 3 }]);
    expect(await stockOf(db(), skuId)).toBe(7);
    const asked = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: order.items[0]!.id, quantity: 2 }], reason: '退两件' });
    const early = await refunds.dispose('student-tiantian', tiantian, asked.id, 'restock');
    expect(early.body.error?.code).toBe('INVALID_STATE');
    await refunds.approveOk('student-tiantian', tiantian, asked.id);
    expect(await stockOf(db(), skuId)).toBe(7);

    const disposed = await refunds.dispose('lead-tiantian', tiantian, asked.id, 'restock');
    expect(disposed.status).toBe(200);
    expect(disposed.body).toMatchObject({ disposition: 'restock', items: [{ quantity: 2, restockedQuantity: 2 }], can: { dispose: false } });
    expect(disposed.body.timeline.at(-1)).toMatchObject({ action: 'disposed', note: '退回库存' });
    expect(await stockOf(db(), skuId)).toBe(9);
    const ledger = await ledgerRowsOfOrder(db(), order.id);
    expect(ledger.map((row) => [row.skuId, row.type, row.quantity])).toEqual([
      [skuId, 'reserve', -3],
      [skuId, 'return', 2],
    ]);
    expect(ledger[1]!.actorId).toBe(await userIdOf(db(), 'lead-tiantian'));
    expect(await ledgerProblems(db(), tiantian)).toEqual([]);

    const twice = await Promise.all([
      refunds.dispose('lead-tiantian', tiantian, asked.id, 'restock'),
      refunds.dispose('student-tiantian', tiantian, asked.id, 'write_off'),
    ]);
    expect(twice.map((res) => res.body.error?.code)).toEqual(['INVALID_STATE', 'INVALID_STATE']);
    expect(await stockOf(db(), skuId)).toBe(9);
  });

  it('should write off units without touching stock, and only staff who move stock may', async () => {
    const { skuId } = await goods(tiantian, 1000, 10);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }], 'pickup');
    const asked = await refunds.requestOk('customer', order.id, { reason: '不去取了' });
    await refunds.approveOk('student-tiantian', tiantian, asked.id);
    // Teachers review; moving stock is the members' work.
    expect((await refunds.dispose('teacher', tiantian, asked.id, 'write_off')).status).toBe(403);
    expect((await refunds.dispose('student-tiantian', tiantian, asked.id, 'lose_it')).status).toBe(400);
    const disposed = await refunds.dispose('student-tiantian', tiantian, asked.id, 'write_off');
    expect(disposed.body).toMatchObject({ disposition: 'write_off', items: [{ quantity: 1, restockedQuantity: 0 }] });
    expect(await stockOf(db(), skuId)).toBe(9);
    expect((await ledgerRowsOfOrder(db(), order.id)).map((row) => row.type)).toEqual(['reserve']);
  });
});

describe('refund photos', () => {
  it('should store an uploaded photo as one WebP the request may then carry', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const upload = await refunds.uploadPhoto('customer', order.id, await jpeg(1600, 1200));
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    const customerId = await userIdOf(db(), 'customer');
    expect(upload.body.url).toMatch(new RegExp(`^/media/uploads/refunds/${customerId}/${order.id}/[0-9a-f]{24}\\.webp$`));
    const served = await fetch(`${fixture.app.baseUrl}${upload.body.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const { width, height } = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([width, height]).toEqual([1080, 810]);
    const files = (await filesIn(fixture.app.mediaDir)).filter((file) => file.startsWith(`refunds/${customerId}/${order.id}/`));
    expect(files).toHaveLength(1);

    const asked = await refunds.requestOk('customer', order.id, { reason: '见图片', photos: [upload.body.url] });
    expect(asked.photos).toEqual([upload.body.url]);
    // A photo uploaded for one order does not prove anything about another.
    const other = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    expect((await refunds.request('customer', other.id, { reason: '借用图片', photos: [upload.body.url] })).status).toBe(400);
  });

  it('should refuse files that are not pictures and orders that are not the customer’s', async () => {
    const { skuId } = await goods(tiantian);
    const order = await paidOrder('customer', [{ skuId, quantity: 1 }]);
    const text = await refunds.uploadPhoto('customer', order.id, Buffer.from('%PDF-1.4 not a picture'), 'image/jpeg');
    expect([text.status, text.body.error?.code]).toEqual([415, 'IMAGE_UNSUPPORTED']);
    const foreign = await refunds.uploadPhoto('customer-2', order.id, await jpeg(100, 100));
    expect([foreign.status, foreign.body.error?.code]).toEqual([404, 'ORDER_NOT_FOUND']);
    const customerId = await userIdOf(db(), 'customer');
    expect((await filesIn(fixture.app.mediaDir)).filter((file) => file.startsWith(`refunds/${customerId}/${order.id}/`))).toEqual([]);
  });
});
