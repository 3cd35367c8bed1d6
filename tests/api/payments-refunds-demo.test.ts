import { schema } from '@qiaodu/db';
import { and, eq } from 'drizzle-orm';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { teamIdOf } from '../support/inventory';
import { orderClient, pickup, productWithStock } from '../support/orders';
import { refundClient } from '../support/refunds';

/*
 * A demo shop (no merchant): its orders are paid through the built-in simulator, so their
 * refunds go through the same WeChat executor and refund notification as a real merchant's,
 * delivered in process. The simulator settles a refund by itself a moment after accepting it.
 */

const fixture = useSeededApp({ overrides: { orderJobTimer: false } });
const db = () => fixture.testDb.database.db;
const client = personaClient(() => fixture.app.baseUrl);
const orders = orderClient(() => fixture.app.baseUrl, client);
const refunds = refundClient(() => fixture.app.baseUrl, client);

async function refundStatus(refundId: number) {
  const [row] = await db()
    .select({ status: schema.refunds.status, executor: schema.refunds.executor, externalRefundId: schema.refunds.externalRefundId })
    .from(schema.refunds)
    .where(eq(schema.refunds.id, refundId));
  return row;
}

describe('refunds in a demo shop', () => {
  it('should pay a refund back through the built-in simulator and settle it by its notification', async () => {
    const tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 5, priceFen: 1500 });
    const order = await orders.placePaid('customer', { items: [{ skuId: skuIds[0]!, quantity: 2 }], delivery: pickup });
    const refund = await refunds.requestOk('customer', order.id, { items: [{ orderItemId: order.items[0]!.id, quantity: 1 }], reason: '退一件' });

    const approved = await refunds.approveOk('student-tiantian', tiantian, refund.id);
    expect(approved.status).toBe('approved');
    expect(await refundStatus(refund.id)).toMatchObject({ status: 'approved', executor: 'wechat' });

    for (let waited = 0; waited < 10_000 && (await refundStatus(refund.id))?.status === 'approved'; waited += 100) await sleep(100);
    expect(await refundStatus(refund.id)).toMatchObject({ status: 'refunded', executor: 'wechat' });
    expect((await orders.getOk('customer', order.id)).refundedFen).toBe(1500);
    const log = await db()
      .select({ source: schema.paymentNotifications.source, state: schema.paymentNotifications.wechatState })
      .from(schema.paymentNotifications)
      .where(and(eq(schema.paymentNotifications.refundId, refund.id), eq(schema.paymentNotifications.outcome, 'applied')));
    expect(log).toEqual([{ source: 'notification', state: 'SUCCESS' }]);
  });
});
