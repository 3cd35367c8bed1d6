import { schema } from '@qiaodu/db';
import { createPreludeReader, type Prelude } from '@qiaodu/server/orders/placement/prelude';
import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { createCustomers, type TestCustomer } from '../support/customers';
import { createBareProduct, teamIdOf } from '../support/inventory';
import { freshKey, placeOrder, stockOf } from '../support/order-proofs';
import { productWithStock } from '../support/orders';

/**
 * The lookups a placement makes before it may join a batch (replay? address? sold out?) are
 * answered for many requests at once when they arrive together (placement/prelude.ts). Each
 * buyer must still hear exactly what they would have heard alone: here the same requests are
 * sent one by one, then all at once (mixed with orders that do get placed), and every answer
 * must be the same. Over HTTP how many requests overlap depends on the machine (on PGlite a
 * lookup often ends before the next request arrives), so the lookups are also made directly,
 * all in one tick: then they surely share one statement.
 */
const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;

/** An order body as the storefront sends it (numbers, as parsed). */
interface Body {
  items: { skuId: number; quantity: number }[];
  delivery: { method: 'pickup' } | { method: 'express'; addressId: number };
}

interface Case {
  customer: TestCustomer;
  body: Body;
  key: string;
}

const pickupOf = (...lines: [number, number][]): Body => ({
  items: lines.map(([skuId, quantity]) => ({ skuId, quantity })),
  delivery: { method: 'pickup' },
});
const expressOf = (addressId: number, ...lines: [number, number][]): Body => ({
  items: lines.map(([skuId, quantity]) => ({ skuId, quantity })),
  delivery: { method: 'express', addressId },
});

async function orderCount(): Promise<number> {
  const [row] = await db().select({ n: count() }).from(schema.orders);
  return row!.n;
}

/** What a buyer is told: status, the replay header and the whole body. */
async function answerOf(c: Case) {
  const res = await placeOrder(fixture.app.baseUrl, c.customer.token, c.body, c.key);
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: res.body as unknown };
}

let buyers: TestCustomer[];
let plenty: number;
let few: number;
let soldOut: number;
let offShelf: number;
/** Requests that change nothing, so their answer is the same whenever they are sent. */
const steady: Case[] = [];

beforeAll(async () => {
  const teamId = await teamIdOf(db(), 'tiantian-yunying-1');
  buyers = await createCustomers(db(), 12, '合并');
  plenty = (await productWithStock(db(), teamId, { stock: 1000, priceFen: 1500 })).skuIds[0]!;
  few = (await productWithStock(db(), teamId, { stock: 2, priceFen: 800 })).skuIds[0]!;
  soldOut = (await productWithStock(db(), teamId, { stock: 0 })).skuIds[0]!;
  offShelf = (await createBareProduct(db(), teamId, { status: 'off_shelf' })).skuIds[0]!;

  // Every buyer placed one order earlier (half express to their own address): the replays' targets.
  const earlier: Case[] = buyers.map((customer, i) => ({
    customer,
    key: freshKey('earlier'),
    body: i % 2 === 0 ? expressOf(customer.addressId, [plenty, 1 + (i % 3)]) : pickupOf([plenty, 1]),
  }));
  for (const c of earlier) expect((await answerOf(c)).status).toBe(201);

  buyers.forEach((customer, i) => {
    const other = buyers[(i + 1) % buyers.length]!;
    steady.push(
      // The same request again: the earlier order, as a replay.
      earlier[i]!,
      // The same key with another body: refused as a reused key.
      { customer, key: earlier[i]!.key, body: pickupOf([plenty, 7]) },
      // ANOTHER buyer's key is no replay for this one: judged as a new order (sold out).
      { customer, key: earlier[(i + 1) % buyers.length]!.key, body: pickupOf([soldOut, 1]) },
      // Sold out, off the shelf, and more than is left.
      { customer, key: freshKey('out'), body: pickupOf([soldOut, 1 + (i % 2)]) },
      { customer, key: freshKey('off'), body: pickupOf([offShelf, 1], [plenty, 1]) },
      { customer, key: freshKey('short'), body: expressOf(customer.addressId, [few, 5], [plenty, 2]) },
      // Someone else's address is not theirs, however many others ask at the same moment.
      { customer, key: freshKey('addr'), body: expressOf(other.addressId, [plenty, 1]) },
    );
  });
});

describe('placement lookups answered together', () => {
  it('should tell each of many concurrent buyers exactly what they were told one by one', async () => {
    const alone = [];
    for (const c of steady) alone.push(await answerOf(c));
    expect(new Set(alone.map((answer) => answer.status))).toEqual(new Set([201, 422, 409, 404]));
    const stockBefore = await stockOf(db(), [plenty, few, soldOut, offShelf]);
    const ordersBefore = await orderCount();

    // Orders that do get placed, arriving among the others.
    const fresh: Case[] = buyers.map((customer) => ({ customer, key: freshKey('fresh'), body: pickupOf([plenty, 1]) }));
    const [together, placed] = await Promise.all([Promise.all(steady.map(answerOf)), Promise.all(fresh.map(answerOf))]);

    expect(together).toEqual(alone);
    expect(placed.map((answer) => [answer.status, answer.replayed])).toEqual(fresh.map(() => [201, null]));
    // Nothing but the fresh orders was written.
    expect(await orderCount()).toBe(ordersBefore + fresh.length);
    expect(await stockOf(db(), [plenty, few, soldOut, offShelf])).toEqual({ ...stockBefore, [plenty]: stockBefore[plenty]! - fresh.length });

    // And each fresh order is found again under its key, all at once.
    const replays = await Promise.all(fresh.map(answerOf));
    expect(replays.map((answer) => [answer.status, answer.replayed, (answer.body as { id: number }).id])).toEqual(
      placed.map((answer) => [201, 'true', (answer.body as { id: number }).id]),
    );
  });

  it('should give each of many lookups made at once what it got alone, though they share one statement', async () => {
    // Made in the same tick, all but the first wait for it and then go in ONE statement together.
    const readPrelude = createPreludeReader(db());
    const inputs = steady.map((c) => ({
      customerId: c.customer.userId,
      key: c.key,
      skuIds: c.body.items.map((line) => line.skuId),
      addressId: c.body.delivery.method === 'express' ? c.body.delivery.addressId : null,
    }));
    const plain = (prelude: Prelude) => ({ ...prelude, skus: [...prelude.skus].sort(([a], [b]) => a - b) });
    const alone = [];
    for (const input of inputs) alone.push(plain(await readPrelude(input)));
    const together = (await Promise.all(inputs.map(readPrelude))).map(plain);
    expect(together).toEqual(alone);
    // The lookups found what the cases are about: replays, addresses of their own and others', stock.
    expect(alone.filter((prelude) => prelude.earlier).length).toBe(buyers.length * 2);
    expect(alone.filter((prelude) => prelude.address).length).toBe(buyers.length + buyers.length / 2);
    expect(alone.filter((prelude, i) => inputs[i]!.addressId !== null && !prelude.address).length).toBe(buyers.length);
    expect(alone.filter((prelude) => prelude.skus.length === 0)).toEqual([]);
  });
});
