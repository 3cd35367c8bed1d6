import { randomUUID } from 'node:crypto';
import { schema } from '@qiaodu/db';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { OrderDeps } from './deps';
import { findOwnOrder } from './order-reader';
import { markOrderPaid } from './payment';
import { createPlacementService } from './placement/service';

const { addresses, products, skus, teams, users } = schema;

/**
 * A freshly seeded demo shop shows its order side at once: the demo customers place and pay a
 * few orders through the very services customers use (reservation, ledger, snapshots,
 * timeline), so 我的订单 and the console's 待发货 and 待自提 queues have something to work on.
 * The payment alone is the seed's own (channel 'demo', no WeChat): a new user pays through the
 * 模拟支付 sheet instead.
 * Runs once, right after the demo seed; never in a shop with a WeChat app.
 */
export async function placeDemoOrders(deps: OrderDeps): Promise<number> {
  const { db } = deps;
  const people = await db
    .select({ id: users.id, persona: users.persona })
    .from(users)
    .where(inArray(users.persona, ['customer', 'customer-2']));
  const idOf = (persona: string) => people.find((person) => person.persona === persona)?.id;
  const customer = idOf('customer');
  const other = idOf('customer-2');
  // One SKU with stock from each of the first teams that sell something.
  const offers = await db
    .selectDistinctOn([teams.id], { teamId: teams.id, skuId: skus.id })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(teams, eq(teams.id, products.teamId))
    .where(and(eq(products.status, 'on_sale'), gte(skus.stockAvailable, 5)))
    .orderBy(asc(teams.id), asc(skus.id));
  if (!customer || !other || offers.length < 2) return 0;
  const [address] = await db
    .select({ id: addresses.id })
    .from(addresses)
    .where(and(eq(addresses.userId, customer), eq(addresses.isDefault, true)));
  if (!address) return 0;

  const placement = createPlacementService(deps);
  const place = async (customerId: number, lines: { skuId: number; quantity: number }[], delivery: { method: 'express'; addressId: number } | { method: 'pickup' }, remark: string, pay: boolean) => {
    const { order } = await placement.place(customerId, { items: lines, delivery, remark }, `demo-${randomUUID()}`);
    if (!pay) return;
    // The seed pays without WeChat: channel 'demo' and a DEMO- transaction id mark these orders,
    // and their refunds go to the demo executor rather than to WeChat Pay.
    const row = await findOwnOrder(db, customerId, order.id);
    if (row) await markOrderPaid(db, { order: row, channel: 'demo', transactionId: `DEMO-${row.orderNo}`, at: deps.clock() });
  };
  const [first, second] = offers as [(typeof offers)[number], (typeof offers)[number]];
  // Two teams' goods in one parcel order: each team ships its own part.
  await place(customer, [{ skuId: first.skuId, quantity: 1 }, { skuId: second.skuId, quantity: 1 }], { method: 'express', addressId: address.id }, '送给家人的礼物，麻烦包装好', true);
  // Campus pickup at 天天市集: prepared, then handed over against the pickup code.
  await place(other, [{ skuId: second.skuId, quantity: 2 }], { method: 'pickup' }, '', true);
  // Still waiting to be paid: shows the countdown, and expires if nobody pays.
  await place(customer, [{ skuId: first.skuId, quantity: 1 }], { method: 'pickup' }, '', false);
  return 3;
}
