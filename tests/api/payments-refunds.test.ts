import { schema } from '@qiaodu/db';
import type { OrderDetail } from '@qiaodu/shared';
import { markOrderPaid } from '@qiaodu/server/orders/payment';
import { createWeChatPayGateway } from '@qiaodu/server/wechatpay/client';
import { wechatPayConfigFromEnv, type WeChatPayConfig } from '@qiaodu/server/wechatpay/config';
import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { manualClock } from '../support/clock';
import { teamIdOf } from '../support/inventory';
import { orderClient, pickup, productWithStock } from '../support/orders';
import { refundClient } from '../support/refunds';
import { writeMerchantEnv, type MerchantEnv } from '../support/merchant-env';
import { createTestMerchant, startMerchantSimulator, UNREACHABLE_NOTIFY_BASE } from '../support/wechatpay-merchant';
import type { NotificationDelivery, WeChatPaySimulator } from '../support/wechatpay-simulator';

/*
 * Refunds through WeChat Pay, end to end over real HTTP: the shop's refunds API calls the
 * simulator's POST /v3/refund/domestic/refunds (signed, verified), the simulator settles the
 * refund and sends REFUND.* to the shop's refund notify URL, and the sync pass asks
 * GET /v3/refund/domestic/refunds/{no} when a notification never got through.
 */

const merchant = createTestMerchant();
const MINUTE = 60_000;

let sim: WeChatPaySimulator;
let merchantEnv: MerchantEnv;
const clock = manualClock();

beforeAll(async () => {
  sim = await startMerchantSimulator(merchant, { notifyRetryDelaysMs: [40, 40, 40], notifyTimeoutMs: 3000 });
  merchantEnv = await writeMerchantEnv(merchant, sim, UNREACHABLE_NOTIFY_BASE);
});

afterAll(async () => {
  await sim?.close();
  await merchantEnv?.dispose();
});

/** The merchant as main.ts reads it from the environment, pointed at the simulator and at the app itself. */
function merchantConfig(baseUrl: string): WeChatPayConfig {
  const config = wechatPayConfigFromEnv({ ...merchantEnv.env, PUBLIC_BASE_URL: baseUrl });
  if (!config) throw new Error('merchant config expected');
  return config;
}

const fixture = useSeededApp({
  overrides: { clock: clock.now, orderJobTimer: false },
  overridesFor: (baseUrl) => ({ wechatPay: merchantConfig(baseUrl) }),
});
const db = () => fixture.testDb.database.db;
const client = personaClient(() => fixture.app.baseUrl);
const orders = orderClient(() => fixture.app.baseUrl, client);
const refunds = refundClient(() => fixture.app.baseUrl, client);
const refundNotifyUrl = () => `${fixture.app.baseUrl}/api/pay/wechat/refund-notify`;

let tiantian: number;

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
});

async function acknowledged(delivery: NotificationDelivery | null): Promise<NotificationDelivery> {
  if (!delivery) throw new Error('the simulator sent no notification');
  await delivery.done;
  return delivery;
}

/** Places an order of `quantity` units at `priceFen` and pays it through WeChat Pay (jsapi, the simulator, its notification). */
async function paidOrder(quantity = 2, priceFen = 1500): Promise<OrderDetail> {
  const { skuIds } = await productWithStock(db(), tiantian, { stock: 10, priceFen });
  const placed = await orders.placeOk('customer', { items: [{ skuId: skuIds[0]!, quantity }], delivery: pickup });
  const started = await orders.pay('customer', placed.id, 'jsapi');
  expect(started.status).toBe(200);
  const delivery = await acknowledged(sim.pay(placed.orderNo));
  expect(delivery.acknowledged).toBe(true);
  const order = await orders.getOk('customer', placed.id);
  expect(order.status).toBe('paid');
  return order;
}

async function requested(order: OrderDetail, quantity: number, reason = '尺码不合适，退一件'): Promise<{ id: number; refundNo: string }> {
  const asked = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: order.items[0]!.id, quantity }], reason });
  return { id: asked.id, refundNo: asked.refundNo };
}

async function refundRow(refundId: number) {
  const [row] = await db().select().from(schema.refunds).where(eq(schema.refunds.id, refundId));
  if (!row) throw new Error(`no refund ${refundId}`);
  return row;
}

async function transactionIdOf(orderId: number): Promise<string | null> {
  const [row] = await db().select({ id: schema.orders.transactionId }).from(schema.orders).where(eq(schema.orders.id, orderId));
  return row?.id ?? null;
}

async function refundLog(outRefundNo: string) {
  return db()
    .select()
    .from(schema.paymentNotifications)
    .where(and(eq(schema.paymentNotifications.kind, 'refund'), eq(schema.paymentNotifications.outRefundNo, outRefundNo)))
    .orderBy(asc(schema.paymentNotifications.id));
}

async function timelineOf(refundId: number): Promise<string[]> {
  const detail = await refunds.teamGet('student-tiantian', tiantian, refundId);
  return detail.body.timeline.map((entry) => entry.action);
}

/** A REFUND.* notification as WeChat would send it again (its own id), signed and encrypted by the simulator. */
function resend(outRefundNo: string, eventType: string, change: (resource: Record<string, unknown>) => void = () => {}) {
  const resource = sim.refundResource(outRefundNo);
  change(resource);
  return sim.sendNotification(refundNotifyUrl(), sim.craftNotification({ resource, eventType }));
}

describe('refunds through WeChat Pay', () => {
  it('should refund part of a payment, then the rest, each settled once by its REFUND.SUCCESS', async () => {
    const order = await paidOrder(2, 1500);
    const transactionId = await transactionIdOf(order.id);
    const first = await requested(order, 1);

    const approved = await refunds.approveOk('student-tiantian', tiantian, first.id);
    expect(approved).toMatchObject({ status: 'approved', refundedAt: null });
    const atWeChat = sim.refund(first.refundNo);
    expect(atWeChat).toMatchObject({
      status: 'PROCESSING',
      refundFen: 1500,
      totalFen: 3000,
      transactionId,
      reason: '尺码不合适，退一件',
      notifyUrl: refundNotifyUrl(),
    });
    expect(await refundRow(first.id)).toMatchObject({ executor: 'wechat', externalRefundId: atWeChat!.refundId, status: 'approved' });
    const sent = sim.requests.filter((request) => request.path === '/v3/refund/domestic/refunds' && request.body.includes(first.refundNo));
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ amount: { refund: 1500, total: 3000, currency: 'CNY' }, transaction_id: transactionId });

    const delivery = await acknowledged(sim.refundOutcome(first.refundNo, 'SUCCESS'));
    expect(delivery.acknowledged).toBe(true);
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([204]);
    expect(await refundRow(first.id)).toMatchObject({ status: 'refunded', externalRefundId: atWeChat!.refundId });
    expect(await orders.getOk('customer', order.id)).toMatchObject({ status: 'paid', refundedFen: 1500 });

    const second = await requested(order, 1, '另一件也不要了');
    await refunds.approveOk('student-tiantian', tiantian, second.id);
    await acknowledged(sim.refundOutcome(second.refundNo, 'SUCCESS'));
    const after = await orders.getOk('customer', order.id);
    expect(after.refundedFen).toBe(3000);
    expect(after.status).toBe('cancelled');
    expect(after.timeline.filter((entry) => entry.action === 'refund_refunded')).toHaveLength(2);

    // WeChat sends it again (no answer reached it): acknowledged, nothing moves a second time.
    const again = await resend(first.refundNo, 'REFUND.SUCCESS');
    expect(again.status).toBe(204);
    expect(await orders.getOk('customer', order.id)).toMatchObject({ refundedFen: 3000 });
    expect(await timelineOf(first.id)).toEqual(['requested', 'approve', 'succeed']);
    expect((await refundLog(first.refundNo)).map((row) => [row.outcome, row.wechatState])).toEqual([
      ['applied', 'SUCCESS'],
      ['duplicate', 'SUCCESS'],
    ]);
  });

  it('should settle a refund once when the same result arrives many times at once', async () => {
    const order = await paidOrder(1, 1800);
    const refund = await requested(order, 1);
    await refunds.approveOk('student-tiantian', tiantian, refund.id);
    const delivery = sim.refundOutcome(refund.refundNo, 'SUCCESS');
    const copies = await Promise.all(Array.from({ length: 8 }, () => resend(refund.refundNo, 'REFUND.SUCCESS')));
    await acknowledged(delivery);
    expect(copies.map((copy) => copy.status)).toEqual(Array(8).fill(204));
    expect(await timelineOf(refund.id)).toEqual(['requested', 'approve', 'succeed']);
    const after = await orders.getOk('customer', order.id);
    expect(after.refundedFen).toBe(1800);
    expect(after.timeline.filter((entry) => entry.action === 'refund_refunded')).toHaveLength(1);
    const log = await refundLog(refund.refundNo);
    expect(log.filter((row) => row.outcome === 'applied')).toHaveLength(1);
    expect(log.filter((row) => row.outcome === 'duplicate')).toHaveLength(8);
  });

  it('should show an ABNORMAL refund as failed, and settle it when the merchant completes it at WeChat', async () => {
    const order = await paidOrder(2, 1500);
    const refund = await requested(order, 1);
    await refunds.approveOk('student-tiantian', tiantian, refund.id);

    await acknowledged(sim.refundOutcome(refund.refundNo, 'ABNORMAL'));
    const failed = await refunds.teamGet('student-tiantian', tiantian, refund.id);
    expect(failed.body).toMatchObject({ status: 'failed', can: { retry: true } });
    expect(failed.body.timeline.at(-1)).toMatchObject({ action: 'fail', note: '退款异常（如用户银行卡已注销），请核实后重新发起或线下处理' });
    expect((await orders.getOk('customer', order.id)).refundedFen).toBe(0);

    // Retried while WeChat still holds it as abnormal: the same refund number, still failed.
    const retried = await refunds.retry('student-tiantian', tiantian, refund.id);
    expect(retried.body).toMatchObject({ status: 'failed' });
    expect(sim.refund(`${refund.refundNo}-R2`)).toBeUndefined();

    // The merchant sends it to another account at WeChat: REFUND.SUCCESS settles the failed refund.
    await acknowledged(sim.refundOutcome(refund.refundNo, 'SUCCESS'));
    expect(await timelineOf(refund.id)).toEqual(['requested', 'approve', 'fail', 'retry', 'fail', 'retry', 'succeed']);
    expect(await refundRow(refund.id)).toMatchObject({ status: 'refunded', failureReason: null });
    expect((await orders.getOk('customer', order.id)).refundedFen).toBe(1500);
  });

  it('should show a CLOSED refund as failed, and retry it under a new refund number at WeChat', async () => {
    const order = await paidOrder(2, 1500);
    const refund = await requested(order, 2);
    await refunds.approveOk('student-tiantian', tiantian, refund.id);
    const firstAtWeChat = sim.refund(refund.refundNo)!;

    await acknowledged(sim.refundOutcome(refund.refundNo, 'CLOSED'));
    const failed = await refunds.teamGet('student-tiantian', tiantian, refund.id);
    expect(failed.body).toMatchObject({ status: 'failed', can: { retry: true } });
    expect(failed.body.timeline.at(-1)!.note).toContain('微信支付已关闭该退款');

    const retried = await refunds.retry('student-tiantian', tiantian, refund.id);
    expect(retried.body.status).toBe('approved');
    const secondAtWeChat = sim.refund(`${refund.refundNo}-R2`);
    expect(secondAtWeChat).toMatchObject({ status: 'PROCESSING', refundFen: 3000 });
    expect(await refundRow(refund.id)).toMatchObject({ externalRefundId: secondAtWeChat!.refundId });

    // The first attempt's CLOSED, sent again, is about an attempt that is over: the retry goes on.
    expect((await resend(refund.refundNo, 'REFUND.CLOSED')).status).toBe(204);
    expect(await refundRow(refund.id)).toMatchObject({ status: 'approved' });

    await acknowledged(sim.refundOutcome(`${refund.refundNo}-R2`, 'SUCCESS'));
    expect(await refundRow(refund.id)).toMatchObject({ status: 'refunded', externalRefundId: secondAtWeChat!.refundId });
    expect(firstAtWeChat.refundId).not.toBe(secondAtWeChat!.refundId);
    const after = await orders.getOk('customer', order.id);
    expect(after).toMatchObject({ refundedFen: 3000, status: 'cancelled' });
  });

  it('should settle a refund whose notification never got through when the sync pass asks WeChat', async () => {
    const order = await paidOrder(1, 2600);
    const refund = await requested(order, 1);
    await refunds.approveOk('student-tiantian', tiantian, refund.id);
    const atWeChat = sim.refund(refund.refundNo)!;

    // The shop's clock runs ten minutes ahead: every attempt is refused as stale and WeChat gives up.
    clock.advance(10 * MINUTE);
    try {
      const lost = await acknowledged(sim.refundOutcome(refund.refundNo, 'SUCCESS'));
      expect(lost.acknowledged).toBe(false);
      expect(await refundRow(refund.id)).toMatchObject({ status: 'approved' });

      const pass = await fixture.app.built.orderJobs.runOnce();
      expect(pass.refundSync).toBe(1);
      expect(await refundRow(refund.id)).toMatchObject({ status: 'refunded', externalRefundId: atWeChat.refundId });
      const queried = await refundLog(refund.refundNo);
      expect(queried.filter((row) => row.outcome === 'applied').map((row) => [row.source, row.wechatState])).toEqual([['query', 'SUCCESS']]);
      expect((await orders.getOk('customer', order.id)).refundedFen).toBe(2600);

      // Nothing is left to ask about.
      expect((await fixture.app.built.orderJobs.runOnce()).refundSync).toBe(0);
    } finally {
      clock.advance(-10 * MINUTE);
    }
  });

  it('should leave a refund still processing at WeChat approved, asking again only after a while', async () => {
    const order = await paidOrder(1, 1200);
    const refund = await requested(order, 1);
    await refunds.approveOk('student-tiantian', tiantian, refund.id);
    const queries = () => sim.requests.filter((request) => request.method === 'GET' && request.path.endsWith(`/refunds/${refund.refundNo}`)).length;

    clock.advance(3 * MINUTE);
    try {
      expect((await fixture.app.built.orderJobs.runOnce()).refundSync).toBe(0);
      expect(queries()).toBe(1);
      expect(await refundRow(refund.id)).toMatchObject({ status: 'approved' });
      // Asked a moment ago: not again on the next tick.
      await fixture.app.built.orderJobs.runOnce();
      expect(queries()).toBe(1);
    } finally {
      clock.advance(-3 * MINUTE);
    }
    await acknowledged(sim.refundOutcome(refund.refundNo, 'SUCCESS'));
    expect(await refundRow(refund.id)).toMatchObject({ status: 'refunded' });
  });

  it('should record a refund WeChat refuses as failed with its reason, and pay it on retry', async () => {
    const order = await paidOrder(1, 1500);
    const refund = await requested(order, 1);
    sim.failNext({ kind: 'error', status: 403, code: 'NOT_ENOUGH', message: '基本账户余额不足，请充值后重新发起' }, { pathPrefix: '/v3/refund/' });
    const failed = await refunds.approveOk('student-tiantian', tiantian, refund.id);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed.timeline.at(-1)).toMatchObject({ action: 'fail', note: '商户余额不足，请充值后重新发起' });
    expect(sim.refund(refund.refundNo)).toBeUndefined();

    const retried = await refunds.retry('student-tiantian', tiantian, refund.id);
    expect(retried.body.status).toBe('approved');
    await acknowledged(sim.refundOutcome(refund.refundNo, 'SUCCESS'));
    expect(await refundRow(refund.id)).toMatchObject({ status: 'refunded' });
  });

  it('should show a refund beyond what WeChat can still return as failed', async () => {
    const order = await paidOrder(2, 1500);
    // Half of the payment was already returned at WeChat, outside the shop (the merchant platform).
    const gateway = createWeChatPayGateway(merchantConfig(fixture.app.baseUrl), { logger: pino({ level: 'silent' }) });
    try {
      await gateway.createRefund({
        outRefundNo: `MP${order.orderNo.replace(/[^A-Za-z0-9]/g, '')}`,
        transactionId: await transactionIdOf(order.id),
        outTradeNo: order.orderNo,
        refundFen: 1500,
        totalFen: 3000,
        reason: '商户平台退款',
      });
    } finally {
      await gateway.close();
    }
    const refund = await requested(order, 2);
    const failed = await refunds.approveOk('student-tiantian', tiantian, refund.id);
    expect(failed.status).toBe('failed');
    expect(failed.timeline.at(-1)!.note).toBe('微信支付拒绝了退款：申请退款金额超过订单可退金额');
    expect((await orders.getOk('customer', order.id)).refundedFen).toBe(0);
  });

  it('should still pay back orders the demo seed paid with the demo executor', async () => {
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 5, priceFen: 900 });
    const placed = await orders.placeOk('customer', { items: [{ skuId: skuIds[0]!, quantity: 1 }], delivery: pickup });
    const [row] = await db().select().from(schema.orders).where(eq(schema.orders.id, placed.id));
    await markOrderPaid(db(), { order: row!, channel: 'demo', transactionId: `DEMO-${placed.orderNo}`, at: clock.now() });
    const refund = await requested(await orders.getOk('customer', placed.id), 1);
    const requestsBefore = sim.requests.length;

    const done = await refunds.approveOk('student-tiantian', tiantian, refund.id);
    expect(done.status).toBe('refunded');
    expect(await refundRow(refund.id)).toMatchObject({ executor: 'demo', externalRefundId: `demo-${refund.refundNo}` });
    expect(sim.requests.length).toBe(requestsBefore);
  });

  it('should reject a result for a refund number the shop does not know, and flag one whose amount is not the refund’s', async () => {
    const order = await paidOrder(2, 1500);
    const refund = await requested(order, 1);
    await refunds.approveOk('student-tiantian', tiantian, refund.id);

    const unknown = await resend(refund.refundNo, 'REFUND.SUCCESS', (resource) => {
      resource.out_refund_no = 'RFNOSUCHREFUND-1';
    });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ code: 'FAIL' });
    expect((await refundLog('RFNOSUCHREFUND-1')).map((row) => row.outcome)).toEqual(['rejected']);

    const wrongAmount = await resend(refund.refundNo, 'REFUND.SUCCESS', (resource) => {
      resource.refund_status = 'SUCCESS';
      resource.amount = { ...(resource.amount as object), refund: 3000 };
    });
    expect(wrongAmount.status).toBe(204);
    expect(await refundRow(refund.id)).toMatchObject({ status: 'approved' });
    const flagged = (await refundLog(refund.refundNo)).filter((row) => row.outcome === 'flagged');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.reason).toContain('退款金额');
    expect((await orders.getOk('customer', order.id)).refundedFen).toBe(0);
  });
});
