import { randomBytes } from 'node:crypto';
import type { OrderDetail, PaymentEventList, PaymentFlag, PaymentFlagList } from '@qiaodu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaClient } from '../support/auth';
import { userIdOf } from '../support/inventory';
import { orderClient, pickup, productWithStock } from '../support/orders';
import type { RunningApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTestMerchant, startMerchantApp, startMerchantSimulator } from '../support/wechatpay-merchant';
import type { WeChatPaySimulator } from '../support/wechatpay-simulator';

/*
 * The console's 支付异常 and payment event log (payments.review: teachers and admins). The flags
 * come from real notifications the simulator signs and sends to the shop's notify endpoint: a
 * payment of the wrong amount, a payment after the order was cancelled (refunded automatically)
 * and a payment of an order the shop does not know.
 */

const merchant = createTestMerchant();
let testDb: TestDatabase;
let sim: WeChatPaySimulator;
let shop: RunningApp;
const db = () => testDb.database.db;
const client = personaClient(() => shop.baseUrl);
const orders = orderClient(() => shop.baseUrl, client);
const { send } = client;

const digits = (count: number) => Array.from(randomBytes(count), (byte) => String(byte % 10)).join('');
const FLAGS = '/api/console/payment-flags';
const EVENTS = '/api/console/payment-events';

let mismatched: OrderDetail;
let late: OrderDetail;
let paid: OrderDetail;
const UNKNOWN_ORDER_NO = `QD${digits(14)}`;

/** A TRANSACTION.SUCCESS for the order's trade that says what WeChat never would for it. */
async function sendForgedSuccess(outTradeNo: string, overrides: Record<string, unknown>) {
  const base = sim.trade(outTradeNo) ? sim.transactionResource(outTradeNo) : { appid: merchant.mpAppId, mchid: merchant.mchid, payer: { openid: 'o_unknown' } };
  const resource = {
    ...base,
    out_trade_no: outTradeNo,
    transaction_id: `4200${digits(24)}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    success_time: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
    ...overrides,
  };
  return sim.sendNotification(`${shop.baseUrl}/api/pay/wechat/notify`, sim.craftNotification({ resource }));
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  sim = await startMerchantSimulator(merchant);
  shop = await startMerchantApp(testDb.database, merchant, sim);
  const skuId = (await productWithStock(db(), 'tiantian-yunying-1', { stock: 50, priceFen: 2000 })).skuIds[0]!;
  const place = () => orders.placeOk('customer', { items: [{ skuId, quantity: 1 }], delivery: pickup });

  // Oldest first: a payment of 1 fen more than the order's total.
  mismatched = await place();
  expect((await orders.pay('customer', mismatched.id)).status).toBe(200);
  const answer = await sendForgedSuccess(mismatched.orderNo, { amount: { total: mismatched.totalFen + 1, payer_total: mismatched.totalFen + 1, currency: 'CNY' } });
  expect(answer.status).toBe(204);

  // Paid after the customer cancelled: the money goes back by itself.
  late = await place();
  expect((await orders.pay('customer', late.id)).status).toBe(200);
  expect((await orders.cancel('customer', late.id)).status).toBe(200);
  const delivery = sim.pay(late.orderNo);
  await delivery.done;
  expect(delivery.acknowledged).toBe(true);

  // Money for an order number the shop never issued: refused (WeChat keeps telling us) and flagged.
  expect((await sendForgedSuccess(UNKNOWN_ORDER_NO, { amount: { total: 999, payer_total: 999, currency: 'CNY' } })).status).toBe(404);

  // And one plain payment, for the event log.
  paid = await place();
  expect((await orders.pay('customer', paid.id)).status).toBe(200);
  await sim.pay(paid.orderNo).done;
});
afterAll(async () => {
  await shop?.stop();
  await sim?.close();
  await testDb?.dispose();
});

describe('payment flags', () => {
  it('should be for teachers and admins only', async () => {
    for (const persona of ['customer', 'student-tiantian', 'lead-tiantian', 'mentor']) {
      for (const [method, path, body] of [
        ['GET', FLAGS, undefined],
        ['POST', `${FLAGS}/1/resolve`, { note: '试图处理' }],
        ['GET', EVENTS, undefined],
      ] as const) {
        const res = await send(persona, method, path, body);
        expect([res.status, res.body.error?.code], `${persona} ${path}`).toEqual([403, 'FORBIDDEN']);
      }
    }
  });

  it('should list what WeChat reported beside what the shop expected, newest first', async () => {
    const res = await send<PaymentFlagList>('teacher', 'GET', FLAGS);
    expect(res.status).toBe(200);
    const list = res.body;
    expect(list).toMatchObject({ total: 3, open: 3, page: 1 });
    expect(list.items.map((flag) => flag.kind)).toEqual(['unknown_order', 'late_payment', 'amount_mismatch']);
    const [unknown, lateFlag, amount] = list.items as [PaymentFlag, PaymentFlag, PaymentFlag];

    expect(amount).toMatchObject({
      kindLabel: '支付金额与订单不符',
      orderId: mismatched.id,
      orderNo: mismatched.orderNo,
      outTradeNo: mismatched.orderNo,
      amountFen: mismatched.totalFen + 1,
      expectedFen: mismatched.totalFen,
      resolvedAt: null,
      resolvedBy: null,
      autoRefund: null,
    });
    expect(amount.summary).toBe(`微信支付金额 ¥20.01 与订单应付 ¥20.00 不符，订单未标记为已支付`);
    expect(amount.transactionId).toMatch(/^4200\d{24}$/);

    const trade = sim.trade(late.orderNo)!;
    expect(lateFlag).toMatchObject({
      orderId: late.id,
      orderNo: late.orderNo,
      transactionId: trade.transactionId,
      amountFen: late.totalFen,
      expectedFen: late.totalFen,
      autoRefund: { outRefundNo: expect.stringMatching(/^LP/), amountFen: late.totalFen },
    });
    expect(lateFlag.summary).toMatch(/^订单关闭后收到支付 ¥20\.00，/);
    // The refund reached WeChat (the simulator holds it), whatever state it is in yet.
    expect(sim.refund(lateFlag.autoRefund!.outRefundNo)).toMatchObject({ refundFen: late.totalFen, transactionId: trade.transactionId });

    expect(unknown).toMatchObject({ orderId: null, orderNo: null, outTradeNo: UNKNOWN_ORDER_NO, amountFen: 999, expectedFen: null, autoRefund: null });
    expect(unknown.summary).toBe(`收到本店没有的订单号 ${UNKNOWN_ORDER_NO} 的支付 ¥9.99`);

    const paged = await send<PaymentFlagList>('admin', 'GET', `${FLAGS}?status=all&page=2&pageSize=2`);
    expect(paged.body.items.map((flag) => flag.kind)).toEqual(['amount_mismatch']);
    expect((await send('teacher', 'GET', `${FLAGS}?status=nonsense`)).status).toBe(400);
  });

  it('should resolve a flag once, recording who and why', async () => {
    const open = (await send<PaymentFlagList>('teacher', 'GET', FLAGS)).body;
    const amount = open.items.find((flag) => flag.kind === 'amount_mismatch')!;
    const teacherId = await userIdOf(db(), 'teacher');

    expect((await send('teacher', 'POST', `${FLAGS}/${amount.id}/resolve`, { note: '' })).status).toBe(400);
    const res = await send<PaymentFlag>('teacher', 'POST', `${FLAGS}/${amount.id}/resolve`, { note: '已联系买家，多付的 1 分线下退回' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: amount.id, resolutionNote: '已联系买家，多付的 1 分线下退回', resolvedBy: { id: teacherId } });
    expect(res.body.resolvedAt).not.toBeNull();

    for (const persona of ['teacher', 'admin']) {
      const again = await send(persona, 'POST', `${FLAGS}/${amount.id}/resolve`, { note: `${persona} 再次处理` });
      expect([again.status, again.body.error?.code]).toEqual([409, 'PAYMENT_FLAG_RESOLVED']);
    }
    const missing = await send('admin', 'POST', `${FLAGS}/2000000000/resolve`, { note: '不存在的记录' });
    expect([missing.status, missing.body.error?.code]).toEqual([404, 'PAYMENT_FLAG_NOT_FOUND']);

    const stillOpen = (await send<PaymentFlagList>('admin', 'GET', FLAGS)).body;
    expect(stillOpen).toMatchObject({ total: 2, open: 2 });
    expect(stillOpen.items.map((flag) => flag.id)).not.toContain(amount.id);
    const resolved = (await send<PaymentFlagList>('admin', 'GET', `${FLAGS}?status=resolved`)).body;
    expect(resolved).toMatchObject({ total: 1, open: 2 });
    expect(resolved.items[0]).toMatchObject({ id: amount.id, resolvedBy: { id: teacherId, name: expect.any(String) } });
  });
});

describe('the payment event log', () => {
  it('should list an order’s events newest first, and filter by outcome', async () => {
    const all = (await send<PaymentEventList>('teacher', 'GET', `${EVENTS}?pageSize=100`)).body;
    expect(all.total).toBeGreaterThanOrEqual(4);
    const times = all.items.map((event) => Date.parse(event.receivedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const ofPaid = (await send<PaymentEventList>('teacher', 'GET', `${EVENTS}?orderNo=${paid.orderNo}`)).body;
    expect(ofPaid.items).toEqual([
      expect.objectContaining({
        kind: 'transaction',
        source: 'notification',
        outcome: 'applied',
        outcomeLabel: '已处理',
        eventType: 'TRANSACTION.SUCCESS',
        outTradeNo: paid.orderNo,
        orderId: paid.id,
        wechatState: 'SUCCESS',
        amountTotalFen: paid.totalFen,
        transactionId: sim.trade(paid.orderNo)!.transactionId,
      }),
    ]);

    const flaggedOfLate = (await send<PaymentEventList>('teacher', 'GET', `${EVENTS}?orderNo=${late.orderNo}&outcome=flagged`)).body;
    expect(flaggedOfLate.items.map((event) => [event.kind, event.outcome, event.orderId])).toEqual([['transaction', 'flagged', late.id]]);
    expect(flaggedOfLate.items[0]!.reason).toMatch(/[\u4e00-\u9fa5]/);

    const rejected = (await send<PaymentEventList>('admin', 'GET', `${EVENTS}?outcome=rejected`)).body;
    expect(rejected.items.every((event) => event.outcome === 'rejected')).toBe(true);
    expect(rejected.items.map((event) => event.outTradeNo)).toContain(UNKNOWN_ORDER_NO);

    for (const query of ['?orderNo=../etc', '?outcome=maybe', '?pageSize=1000']) {
      expect((await send('teacher', 'GET', `${EVENTS}${query}`)).status, query).toBe(400);
    }
    expect((await send<PaymentEventList>('teacher', 'GET', `${EVENTS}?orderNo=QD00000000000000`)).body).toMatchObject({ items: [], total: 0 });
  });
});
