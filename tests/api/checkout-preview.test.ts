import { schema } from '@qiaodu/db';
import { ORDER_LINES_MAX, PICKUP_PLACE, type AddressList, type Cart, type CheckoutPreview, type ConsoleProductDetail } from '@qiaodu/shared';
import { asc, count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { inputOf, pastOrder, seededProductWithPicture, shelfProduct } from '../support/cart';
import { userIdOf } from '../support/inventory';

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const { send, tokenOf } = personaClient(() => fixture.app.baseUrl);

const preview = (persona: string, body: unknown) => send<CheckoutPreview>(persona, 'POST', '/api/checkout/preview', body);
const addresses = async (persona: string) => (await send<AddressList>(persona, 'GET', '/api/me/addresses')).body.items;

/** Everything a preview could touch if it wrongly wrote: stock, carts, orders and the ledger. */
async function worldSnapshot(): Promise<string> {
  const { cartItems, orders, skus, stockMovements } = schema;
  return JSON.stringify({
    skus: await db().select({ id: skus.id, stock: skus.stockAvailable, price: skus.priceFen }).from(skus).orderBy(asc(skus.id)),
    carts: await db().select().from(cartItems).orderBy(asc(cartItems.userId), asc(cartItems.skuId)),
    orders: await db().select({ n: count() }).from(orders),
    ledger: await db().select({ n: count() }).from(stockMovements),
  });
}

beforeAll(async () => {
  for (const persona of ['customer', 'customer-2', 'student-tiantian', 'lead-tiantian', 'admin']) await tokenOf(persona);
});

describe('checkout preview', () => {
  it('should price the lines server-side with the shipping rule, the default address and the pay timeout', async () => {
    const product = await seededProductWithPicture(db(), 'tiantian-yunying-1');
    const { skuIds } = await shelfProduct(db(), send, { prices: [1250, 3000] });
    const res = await preview('customer', {
      items: [
        { skuId: skuIds[0], quantity: 2 },
        { skuId: skuIds[1], quantity: 1 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const own = await addresses('customer');
    const fallback = own.find((address) => address.isDefault)!;
    expect(res.body).toMatchObject({
      itemsFen: 5500,
      // Below ¥99 an express parcel pays the flat ¥8.
      shippingFen: 800,
      totalFen: 6300,
      shippingRules: { freeAboveFen: 9900, flatFeeFen: 800 },
      address: {
        id: fallback.id,
        name: fallback.name,
        phone: fallback.phone,
        province: fallback.province,
        city: fallback.city,
        county: fallback.county,
        detail: fallback.detail,
      },
      pickupPlace: PICKUP_PLACE,
      orderable: true,
      payTimeoutMinutes: 30,
    });
    expect(res.body.lines).toEqual([
      expect.objectContaining({ skuId: skuIds[0], unitPriceFen: 1250, quantity: 2, lineFen: 2500, stockAvailable: 50, problem: null, purchaseLimitLeft: null }),
      expect.objectContaining({ skuId: skuIds[1], unitPriceFen: 3000, quantity: 1, lineFen: 3000, team: { id: expect.any(Number), name: '天天市集运营一组' } }),
    ]);

    // A line of a seeded product carries its title and first picture.
    const seeded = await preview('customer', { items: [{ skuId: product.skus[0]!.id, quantity: 1 }] });
    expect(seeded.body.lines[0]).toMatchObject({ productId: product.productId, title: product.title, image: product.image });
  });

  it('should ship free from ¥99, charge nothing for campus pickup, and use the chosen address', async () => {
    const { skuIds } = await shelfProduct(db(), send, { prices: [3300] });
    const other = (await addresses('customer')).find((address) => !address.isDefault)!;
    const express = (quantity: number) => preview('customer', { items: [{ skuId: skuIds[0], quantity }], delivery: { method: 'express', addressId: other.id } });

    const atThreshold = await express(3);
    expect(atThreshold.body).toMatchObject({ itemsFen: 9900, shippingFen: 0, totalFen: 9900, orderable: true });
    expect(atThreshold.body.address).toMatchObject({ id: other.id, detail: other.detail });
    const below = await express(2);
    expect(below.body).toMatchObject({ itemsFen: 6600, shippingFen: 800, totalFen: 7400 });

    const pickup = await preview('customer', { items: [{ skuId: skuIds[0], quantity: 1 }], delivery: { method: 'pickup' } });
    expect(pickup.body).toMatchObject({ itemsFen: 3300, shippingFen: 0, totalFen: 3300, address: null, pickupPlace: PICKUP_PLACE, orderable: true });
  });

  it("should answer 404 for another customer's address or one that does not exist, and be unorderable without any", async () => {
    const { skuIds } = await shelfProduct(db(), send, { prices: [500] });
    const items = [{ skuId: skuIds[0], quantity: 1 }];
    const theirs = (await addresses('customer-2'))[0]!;
    for (const addressId of [theirs.id, 2_000_000_000]) {
      const res = await preview('customer', { items, delivery: { method: 'express', addressId } });
      expect(res.status).toBe(404);
      expect(res.body.error?.code).toBe('ADDRESS_NOT_FOUND');
    }
    // The admin keeps no addresses: express has nowhere to go yet, pickup is fine.
    expect(await addresses('admin')).toEqual([]);
    const nowhere = await preview('admin', { items });
    expect(nowhere.status).toBe(200);
    expect(nowhere.body).toMatchObject({ address: null, orderable: false, shippingFen: 800 });
    expect((await preview('admin', { items, delivery: { method: 'pickup' } })).body.orderable).toBe(true);
  });

  it('should flag lines that cannot be bought, leave them out of the money, and refuse SKUs that do not exist', async () => {
    const good = await shelfProduct(db(), send, { prices: [2000] });
    const leaving = await shelfProduct(db(), send, { prices: [9000] });
    const short = await shelfProduct(db(), send, { prices: [100, 100], stock: [2, 0] });
    const draft = await shelfProduct(db(), send, { prices: [700], status: 'draft' });
    expect((await send('lead-tiantian', 'POST', `/api/console/teams/${leaving.teamId}/products/${leaving.productId}/off-shelf`)).status).toBe(200);

    const res = await preview('customer', {
      items: [
        { skuId: good.skuIds[0], quantity: 1 },
        { skuId: leaving.skuIds[0], quantity: 1 },
        { skuId: short.skuIds[0], quantity: 3 },
        { skuId: short.skuIds[1], quantity: 1 },
        { skuId: draft.skuIds[0], quantity: 1 },
      ],
      delivery: { method: 'pickup' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lines.map((line) => [line.skuId, line.problem])).toEqual([
      [good.skuIds[0], null],
      [leaving.skuIds[0], 'off_sale'],
      [short.skuIds[0], 'insufficient'],
      [short.skuIds[1], 'sold_out'],
      [draft.skuIds[0], 'off_sale'],
    ]);
    // The off-shelf line keeps what is known of it, priced as it stands.
    expect(res.body.lines[1]).toMatchObject({ unitPriceFen: 9000, lineFen: 9000 });
    expect(res.body).toMatchObject({ itemsFen: 2000, shippingFen: 0, totalFen: 2000, orderable: false });
    // The fee is charged on what can be bought: ¥20 of goods, not ¥110, pays the flat fee.
    const express = await preview('customer', { items: [{ skuId: good.skuIds[0], quantity: 1 }, { skuId: leaving.skuIds[0], quantity: 1 }] });
    expect(express.body).toMatchObject({ itemsFen: 2000, shippingFen: 800, totalFen: 2800, orderable: false });
    // Nothing that can be bought ships nothing.
    const nothing = await preview('customer', { items: [{ skuId: leaving.skuIds[0], quantity: 1 }] });
    expect(nothing.body).toMatchObject({ itemsFen: 0, shippingFen: 0, totalFen: 0, orderable: false });

    const missing = await preview('customer', { items: [{ skuId: good.skuIds[0], quantity: 1 }, { skuId: 2_000_000_000, quantity: 1 }] });
    expect(missing.status).toBe(409);
    expect(missing.body.error).toMatchObject({ code: 'SKU_UNAVAILABLE', details: { skuIds: [2_000_000_000] } });
  });

  it('should count 限购 across the lines of one product and what the customer bought before', async () => {
    const customerId = await userIdOf(db(), 'customer-2');
    const { teamId, productId, skuIds } = await shelfProduct(db(), send, { prices: [1000, 1000] });
    const path = `/api/console/teams/${teamId}/products/${productId}`;
    const detail = (await send<ConsoleProductDetail>('student-tiantian', 'GET', path)).body;
    expect((await send('student-tiantian', 'PUT', path, { ...inputOf(detail), purchaseLimit: 4 })).status).toBe(200);
    await pastOrder(db(), customerId, [{ skuId: skuIds[0]!, quantity: 1 }], 'pending_payment');

    const within = await preview('customer-2', { items: [{ skuId: skuIds[0], quantity: 2 }, { skuId: skuIds[1], quantity: 1 }] });
    expect(within.body.lines.map((line) => [line.purchaseLimitLeft, line.problem])).toEqual([
      [3, null],
      [3, null],
    ]);
    expect(within.body.orderable).toBe(true);
    const beyond = await preview('customer-2', { items: [{ skuId: skuIds[0], quantity: 2 }, { skuId: skuIds[1], quantity: 2 }] });
    expect(beyond.body.lines.map((line) => line.problem)).toEqual(['over_limit', 'over_limit']);
    expect(beyond.body).toMatchObject({ itemsFen: 0, orderable: false });
  });

  it('should refuse bad input with a 400, client prices included, and change nothing', async () => {
    const { skuIds } = await shelfProduct(db(), send, { prices: [100] });
    const skuId = skuIds[0]!;
    await send<Cart>('customer', 'POST', '/api/cart/items', { skuId, quantity: 1 });
    const own = (await addresses('customer'))[0]!;
    const before = await worldSnapshot();
    const many = Array.from({ length: ORDER_LINES_MAX + 1 }, (_, index) => ({ skuId: index + 1, quantity: 1 }));
    const bad: unknown[] = [
      {},
      { items: [] },
      { items: [{ skuId, quantity: 0 }] },
      { items: [{ skuId, quantity: -2 }] },
      { items: [{ skuId, quantity: 2.5 }] },
      { items: [{ skuId, quantity: 1000 }] },
      { items: [{ skuId, quantity: Number.MAX_SAFE_INTEGER }] },
      { items: [{ skuId, quantity: '1' }] },
      { items: [{ skuId: 0, quantity: 1 }] },
      { items: [{ skuId, quantity: 1 }, { skuId, quantity: 2 }] },
      { items: many },
      { items: Array.from({ length: 1000 }, (_, index) => ({ skuId: index + 1, quantity: 1 })) },
      { items: [{ skuId, quantity: 1, unitPriceFen: 1 }] },
      { items: [{ skuId, quantity: 1, priceFen: 1 }] },
      { items: [{ skuId, quantity: 1 }], totalFen: 1 },
      { items: [{ skuId, quantity: 1 }], shippingFen: 0 },
      { items: [{ skuId, quantity: 1 }], delivery: { method: 'drone' } },
      { items: [{ skuId, quantity: 1 }], delivery: { method: 'express' } },
      { items: [{ skuId, quantity: 1 }], delivery: { method: 'pickup', addressId: own.id } },
      { items: [{ skuId, quantity: 1 }], delivery: { method: 'express', addressId: own.id, shippingFen: 0 } },
    ];
    for (const body of bad) {
      const res = await preview('customer', body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_FAILED');
      expect(res.body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // A good preview changes nothing either: it only reads.
    expect((await preview('customer', { items: [{ skuId, quantity: 1 }], delivery: { method: 'express', addressId: own.id } })).status).toBe(200);
    expect(await worldSnapshot()).toBe(before);
  });

  it('should need a session', async () => {
    const res = await fetch(`${fixture.app.baseUrl}/api/checkout/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ skuId: 1, quantity: 1 }] }),
    });
    expect(res.status).toBe(401);
  });
});
