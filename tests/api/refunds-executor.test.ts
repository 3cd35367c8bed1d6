import { schema } from '@qiaodu/db';
import type { OrderDetail } from '@qiaodu/shared';
import type { RefundExecution, RefundExecutor, RefundRequestToExecute } from '@qiaodu/server/after-sales/refund-executor';
import { settleRefund } from '@qiaodu/server/after-sales/settle';
import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { teamIdOf } from '../support/inventory';
import { orderClient, pickup, productWithStock } from '../support/orders';
import { refundClient } from '../support/refunds';

/**
 * A payment provider's refund API as the shop meets it: it may refuse, fail on the way, or
 * answer PROCESSING and settle later. Each call takes the next scripted answer; with none
 * left it pays back at once, like the demo executor.
 */
function scriptedExecutor() {
  const script: (RefundExecution | Error)[] = [];
  const calls: RefundRequestToExecute[] = [];
  const executor: RefundExecutor = {
    name: 'scripted',
    async execute(refund) {
      calls.push(refund);
      const next = script.shift();
      if (next instanceof Error) throw next;
      return next ?? { status: 'refunded', externalRefundId: `ext-${refund.refundNo}`, at: new Date() };
    },
  };
  return { executor, script, calls };
}

const provider = scriptedExecutor();
const fixture = useSeededApp({ overrides: { refundExecutor: provider.executor } });
const db = () => fixture.testDb.database.db;
const client = personaClient(() => fixture.app.baseUrl);
const orders = orderClient(() => fixture.app.baseUrl, client);
const refunds = refundClient(() => fixture.app.baseUrl, client);

let tiantian: number;

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
});

beforeEach(() => {
  provider.script.length = 0;
  provider.calls.length = 0;
});

async function requestedRefund(): Promise<{ order: OrderDetail; refundId: number; refundNo: string }> {
  const { skuIds } = await productWithStock(db(), tiantian, { stock: 10, priceFen: 1500 });
  const order = await orders.placePaid('customer', { items: [{ skuId: skuIds[0]!, quantity: 2 }], delivery: pickup });
  const asked = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: '退一件' });
  return { order, refundId: asked.id, refundNo: asked.refundNo };
}

describe('the refund executor', () => {
  it('should hand the executor the refund and the order payment it belongs to', async () => {
    const { order, refundId, refundNo } = await requestedRefund();
    await refunds.approveOk('student-tiantian', tiantian, refundId);
    const [row] = await db().select({ transactionId: schema.orders.transactionId }).from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(provider.calls).toEqual([
      {
        refundId,
        refundNo,
        orderNo: order.orderNo,
        transactionId: row!.transactionId,
        amountFen: 1500,
        orderPaidFen: 3000,
        // Paid through WeChat Pay in the browser (the demo shop's simulator): not the demo seed's 'demo'.
        paymentChannel: 'jsapi',
        reason: '退一件',
      },
    ]);
  });

  it('should record a refused refund as failed, and pay it on retry under the same number', async () => {
    const { order, refundId, refundNo } = await requestedRefund();
    provider.script.push({ status: 'failed', reason: '商户余额不足' });
    const failed = await refunds.approveOk('student-tiantian', tiantian, refundId);
    expect(failed).toMatchObject({ status: 'failed', can: { decide: false, retry: true, dispose: false } });
    expect(failed.timeline.at(-1)).toMatchObject({ action: 'fail', actorName: '系统', note: '商户余额不足' });
    expect((await orders.getOk('customer', order.id)).refundedFen).toBe(0);
    // A failed refund still holds its unit.
    expect((await refunds.request('customer', order.id, { items: [{ orderItemId: order.items[0]!.id, quantity: 2 }], reason: '再退' })).status).toBe(409);

    expect((await refunds.retry('customer', tiantian, refundId)).status).toBe(403);
    const retried = await refunds.retry('lead-tiantian', tiantian, refundId);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('refunded');
    expect(retried.body.timeline.map((entry) => entry.action)).toEqual(['requested', 'approve', 'fail', 'retry', 'succeed']);
    expect(provider.calls.map((call) => call.refundNo)).toEqual([refundNo, refundNo]);
    expect((await orders.getOk('customer', order.id)).refundedFen).toBe(1500);
    expect((await refunds.retry('lead-tiantian', tiantian, refundId)).body.error?.code).toBe('INVALID_STATE');
  });

  it('should record an executor that throws as a failure the team can retry', async () => {
    const { refundId } = await requestedRefund();
    provider.script.push(new Error('connect ETIMEDOUT'));
    const failed = await refunds.approveOk('student-tiantian', tiantian, refundId);
    expect(failed.status).toBe('failed');
    expect(failed.timeline.at(-1)!.note).toContain('退款接口调用失败');
    const [row] = await db().select({ failureReason: schema.refunds.failureReason }).from(schema.refunds).where(eq(schema.refunds.id, refundId));
    expect(row!.failureReason).toContain('退款接口调用失败');
    expect((await refunds.retry('student-tiantian', tiantian, refundId)).body.status).toBe('refunded');
  });

  it('should keep a PROCESSING refund approved until its result is settled, and settle it once', async () => {
    const { order, refundId } = await requestedRefund();
    provider.script.push({ status: 'processing', externalRefundId: 'wx-50000000382019052709732678859' });
    const pending = await refunds.approveOk('student-tiantian', tiantian, refundId);
    expect(pending).toMatchObject({ status: 'approved', refundedAt: null, can: { decide: false, retry: false } });
    const [row] = await db().select({ externalRefundId: schema.refunds.externalRefundId }).from(schema.refunds).where(eq(schema.refunds.id, refundId));
    expect(row!.externalRefundId).toBe('wx-50000000382019052709732678859');
    expect((await orders.getOk('customer', order.id)).hasOpenRefund).toBe(true);

    const outcome = { status: 'refunded', externalRefundId: 'wx-50000000382019052709732678859', at: new Date() } as const;
    const [first, second] = [await settleRefund(db(), refundId, outcome), await settleRefund(db(), refundId, outcome)];
    expect([first, second]).toEqual(['refunded', null]);
    const after = await orders.getOk('customer', order.id);
    expect(after).toMatchObject({ refundedFen: 1500, status: 'paid' });
    expect(after.items[0]).toMatchObject({ refundedQuantity: 1 });
    expect(after.timeline.filter((entry) => entry.action === 'refund_refunded')).toHaveLength(1);
  });
});
