import { schema } from '@qiaodu/db';
import { and, asc, eq, isNotNull, like, or } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { refundClient } from '../support/refunds';

/*
 * A freshly seeded demo shop: its seed pays a few orders without WeChat (channel 'demo', DEMO-…),
 * while its customers pay through the built-in WeChat Pay simulator. Refunds follow the money:
 * the seed's orders go to the demo executor (paid back at once); the others go to WeChat Pay's
 * refunds API at the simulator (payments-refunds-demo.test.ts).
 */
const fixture = useSeededApp({ overrides: { placeDemoOrders: true } });
const db = () => fixture.testDb.database.db;
const client = personaClient(() => fixture.app.baseUrl);
const refunds = refundClient(() => fixture.app.baseUrl, client);
const { orderItems, orders: orderRows, refunds: refundRows, teamMembers, users } = schema;

/** A student persona of the team that sells the order's first line, to decide its refund. */
async function deciderOf(orderId: number): Promise<{ teamId: number; persona: string }> {
  const [line] = await db().select({ teamId: orderItems.teamId }).from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.id));
  const [member] = await db()
    .select({ persona: users.persona })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, line!.teamId), isNotNull(users.persona), or(like(users.persona, 'student-%'), like(users.persona, 'lead-%'))))
    .orderBy(asc(users.id))
    .limit(1);
  return { teamId: line!.teamId, persona: member!.persona! };
}

describe('the demo seed’s orders beside WeChat Pay', () => {
  it('should keep the seed’s payments as demo payments, and refund them at once through the demo executor', async () => {
    const seeded = await db().select().from(orderRows).where(eq(orderRows.paymentChannel, 'demo')).orderBy(asc(orderRows.id));
    expect(seeded.length).toBeGreaterThanOrEqual(2);
    for (const order of seeded) expect([order.status, order.transactionId]).toEqual(['paid', `DEMO-${order.orderNo}`]);
    expect(await db().select().from(orderRows).where(eq(orderRows.status, 'pending_payment'))).toHaveLength(1);

    const [customer2] = await db().select({ id: users.id }).from(users).where(eq(users.persona, 'customer-2'));
    const order = seeded.find((row) => row.customerId === customer2!.id)!;
    const asked = await refunds.requestOk('customer-2', order.id, { reason: '演示退款' });
    const { teamId, persona } = await deciderOf(order.id);
    const decided = await refunds.approveOk(persona, teamId, asked.id);
    expect(decided.status).toBe('refunded');
    const [row] = await db().select({ executor: refundRows.executor, external: refundRows.externalRefundId }).from(refundRows).where(eq(refundRows.id, asked.id));
    expect(row).toEqual({ executor: 'demo', external: `demo-${asked.refundNo}` });
  });
});
