import { schema } from '@qiaodu/db';
import {
  CART_LINES_MAX,
  type Cart,
  type ConsoleProductDetail,
  type ProductDetail,
  type StockChangeResult,
} from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { cartSnapshot, inputOf, pastOrder, seededProductWithPicture, shelfProduct } from '../support/cart';
import { userIdOf } from '../support/inventory';
import { getJson } from '../support/test-app';

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const { send, tokenOf } = personaClient(() => fixture.app.baseUrl);

const getCart = (persona: string) => send<Cart>(persona, 'GET', '/api/cart');
const add = (persona: string, body: unknown) => send<Cart>(persona, 'POST', '/api/cart/items', body);
const update = (persona: string, skuId: number | string, body: unknown) => send<Cart>(persona, 'PATCH', `/api/cart/items/${skuId}`, body);
const select = (persona: string, body: unknown) => send<Cart>(persona, 'POST', '/api/cart/select', body);
const remove = (persona: string, body: unknown) => send<Cart>(persona, 'POST', '/api/cart/remove', body);

/** Starts a test with an empty cart for this persona (tests share one database). */
async function emptyCart(persona: string): Promise<number> {
  const userId = await userIdOf(db(), persona);
  await db().delete(schema.cartItems).where(eq(schema.cartItems.userId, userId));
  return userId;
}

const lineOf = (cart: Cart, skuId: number) => cart.items.find((item) => item.skuId === skuId);

beforeAll(async () => {
  for (const persona of ['customer', 'customer-2', 'student-tiantian', 'lead-tiantian', 'teacher', 'admin', 'student-feiyi']) await tokenOf(persona);
});

describe('the cart', () => {
  it('should need a session', async () => {
    const res = await getJson<{ error: { code: string } }>(`${fixture.app.baseUrl}/api/cart`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('should start empty, with the line limit', async () => {
    await emptyCart('customer-2');
    const res = await getCart('customer-2');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], selectedCount: 0, selectedFen: 0, totalCount: 0, max: CART_LINES_MAX });
  });

  it("should show a line with today's price, stock, team and first picture, and add to a line already there", async () => {
    await emptyCart('customer');
    const product = await seededProductWithPicture(db(), 'tiantian-yunying-1');
    const sku = product.skus[0]!;
    const first = await add('customer', { skuId: sku.id, quantity: 1 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await add('customer', { skuId: sku.id, quantity: 2 });
    expect(again.status).toBe(200);
    expect(again.body.items).toHaveLength(1);
    expect(again.body.items[0]).toMatchObject({
      skuId: sku.id,
      productId: product.productId,
      title: product.title,
      specs: sku.specs,
      image: product.image,
      unitPriceFen: sku.priceFen,
      quantity: 3,
      selected: true,
      stockAvailable: sku.stock,
      purchaseLimitLeft: null,
      team: { id: product.teamId, name: '天天市集运营一组' },
      problem: null,
    });
    expect(again.body).toMatchObject({ selectedCount: 3, selectedFen: 3 * sku.priceFen, totalCount: 3 });
    // The cart lives on the server: another session of the same customer reads the same.
    expect((await getCart('customer')).body).toEqual(again.body);
    // Another customer's cart is their own.
    await emptyCart('customer-2');
    expect((await getCart('customer-2')).body.items).toEqual([]);
  });

  it("should price lines at today's price, not the price when they were added", async () => {
    await emptyCart('customer');
    const { skuIds } = await shelfProduct(db(), send, { prices: [1500] });
    await add('customer', { skuId: skuIds[0], quantity: 2 });
    await db().update(schema.skus).set({ priceFen: 1200 }).where(eq(schema.skus.id, skuIds[0]!));
    const cart = (await getCart('customer')).body;
    expect(lineOf(cart, skuIds[0]!)).toMatchObject({ unitPriceFen: 1200, quantity: 2 });
    expect(cart.selectedFen).toBe(2400);
  });

  it('should list the most recently added first, and bring a line added again back to the top', async () => {
    await emptyCart('customer');
    const { skuIds } = await shelfProduct(db(), send, { prices: [100, 200, 300] });
    for (const skuId of skuIds) expect((await add('customer', { skuId, quantity: 1 })).status).toBe(200);
    expect((await getCart('customer')).body.items.map((item) => item.skuId)).toEqual([skuIds[2], skuIds[1], skuIds[0]]);
    const again = await add('customer', { skuId: skuIds[0], quantity: 1 });
    expect(again.body.items.map((item) => item.skuId)).toEqual([skuIds[0], skuIds[2], skuIds[1]]);
    // Changing a quantity or a tick does not reorder the list under the customer's thumb.
    const changed = await update('customer', skuIds[1]!, { quantity: 3 });
    expect(changed.body.items.map((item) => item.skuId)).toEqual([skuIds[0], skuIds[2], skuIds[1]]);
  });

  it('should sum parallel adds of one SKU exactly', async () => {
    await emptyCart('customer-2');
    const { skuIds } = await shelfProduct(db(), send, { prices: [500], stock: [100] });
    const answers = await Promise.all(Array.from({ length: 20 }, () => add('customer-2', { skuId: skuIds[0], quantity: 1 })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(lineOf((await getCart('customer-2')).body, skuIds[0]!)?.quantity).toBe(20);
  });

  it('should hold 100 lines at most, also when different SKUs are added at once', async () => {
    const userId = await emptyCart('teacher');
    const { skuIds } = await shelfProduct(db(), send, { prices: Array(CART_LINES_MAX + 10).fill(100), stock: Array(CART_LINES_MAX + 10).fill(0) });
    // 95 lines already there (written directly: the adds themselves are not what is tested here).
    await db()
      .insert(schema.cartItems)
      .values(skuIds.slice(0, CART_LINES_MAX - 5).map((skuId) => ({ userId, skuId, quantity: 1 })));
    const racing = skuIds.slice(CART_LINES_MAX - 5, CART_LINES_MAX + 5);
    const answers = await Promise.all(racing.map((skuId) => add('teacher', { skuId, quantity: 1 })));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(5).fill(200), ...Array(5).fill(409)]);
    expect(answers.filter((answer) => answer.status === 409).every((answer) => answer.body.error?.code === 'CART_FULL')).toBe(true);
    const cart = (await getCart('teacher')).body;
    expect(cart.items).toHaveLength(CART_LINES_MAX);
    // A full cart still takes more of a SKU it already holds.
    const more = await add('teacher', { skuId: cart.items[0]!.skuId, quantity: 1 });
    expect(more.status).toBe(200);
    expect(lineOf(more.body, cart.items[0]!.skuId)?.quantity).toBe(2);
    await emptyCart('teacher');
  });

  it('should refuse SKUs that do not exist or are not on sale, and change nothing', async () => {
    const userId = await emptyCart('customer');
    const { skuIds } = await shelfProduct(db(), send, { prices: [100] });
    const draft = await shelfProduct(db(), send, { prices: [100], status: 'draft' });
    await add('customer', { skuId: skuIds[0], quantity: 1 });
    const before = await cartSnapshot(db(), userId);
    for (const skuId of [2_000_000_000, draft.skuIds[0]]) {
      const res = await add('customer', { skuId, quantity: 1 });
      expect(res.status).toBe(409);
      expect(res.body.error?.code).toBe('SKU_UNAVAILABLE');
    }
    expect(await cartSnapshot(db(), userId)).toBe(before);
  });

  it('should refuse bad quantities and bodies with a 400, and change nothing', async () => {
    const userId = await emptyCart('customer');
    const { skuIds } = await shelfProduct(db(), send, { prices: [100] });
    const skuId = skuIds[0]!;
    await add('customer', { skuId, quantity: 990 });
    const before = await cartSnapshot(db(), userId);
    const bad: unknown[] = [
      { skuId, quantity: 0 },
      { skuId, quantity: -1 },
      { skuId, quantity: 1.5 },
      { skuId, quantity: 1000 },
      { skuId, quantity: 1e12 },
      { skuId, quantity: '2' },
      { skuId },
      { quantity: 1 },
      { skuId: -3, quantity: 1 },
      { skuId, quantity: 1, priceFen: 1 },
      { skuId, quantity: 1, unitPriceFen: 1 },
      [{ skuId, quantity: 1 }],
    ];
    for (const body of bad) {
      const res = await add('customer', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_FAILED');
    }
    // Each add is fine on its own, but a line holds 999 units at most.
    const tooMany = await add('customer', { skuId, quantity: 10 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.code).toBe('VALIDATION_FAILED');
    expect(tooMany.body.error?.message).toContain('999');
    for (const body of [{}, { quantity: 0 }, { quantity: 1000 }, { selected: 'yes' }, { quantity: 2, priceFen: 1 }]) {
      const res = await update('customer', skuId, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await update('customer', 'abc', { quantity: 1 })).status).toBe(400);
    for (const body of [{}, { skuIds: [] }, { skuIds: Array.from({ length: CART_LINES_MAX + 1 }, (_, i) => i + 1) }, { skuIds: ['x'] }]) {
      expect((await remove('customer', body)).status, JSON.stringify(body)).toBe(400);
    }
    for (const body of [{}, { selected: 1 }, { skuIds: [skuId] }, { selected: true, all: true }]) {
      expect((await select('customer', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await cartSnapshot(db(), userId)).toBe(before);
  });

  it('should change a quantity and a tick, and answer 404 for a SKU not in the cart', async () => {
    await emptyCart('customer');
    const { skuIds } = await shelfProduct(db(), send, { prices: [300, 700], stock: [10, 10] });
    await add('customer', { skuId: skuIds[0], quantity: 1 });
    await add('customer', { skuId: skuIds[1], quantity: 1 });
    const changed = await update('customer', skuIds[0]!, { quantity: 4 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ selectedCount: 5, selectedFen: 4 * 300 + 700, totalCount: 5 });
    const unticked = await update('customer', skuIds[1]!, { selected: false });
    expect(lineOf(unticked.body, skuIds[1]!)?.selected).toBe(false);
    // Unselected lines stay in the cart and the badge, but out of the 结算 sum.
    expect(unticked.body).toMatchObject({ selectedCount: 4, selectedFen: 1200, totalCount: 5 });
    // More than the stock is kept as asked and flagged.
    const beyond = await update('customer', skuIds[0]!, { quantity: 11, selected: true });
    expect(lineOf(beyond.body, skuIds[0]!)).toMatchObject({ quantity: 11, problem: 'insufficient' });
    expect(beyond.body).toMatchObject({ selectedCount: 0, selectedFen: 0, totalCount: 12 });

    const missing = await update('customer', 2_000_000_000, { quantity: 1 });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe('CART_ITEM_NOT_FOUND');
    // Another customer's line is not found either.
    await emptyCart('customer-2');
    expect((await update('customer-2', skuIds[0]!, { quantity: 1 })).status).toBe(404);
    expect(lineOf((await getCart('customer')).body, skuIds[0]!)?.quantity).toBe(11);
  });

  it('should select and clear all lines or some, and remove lines', async () => {
    await emptyCart('customer');
    const { skuIds } = await shelfProduct(db(), send, { prices: [100, 200, 400] });
    for (const skuId of skuIds) await add('customer', { skuId, quantity: 1 });
    const none = await select('customer', { selected: false });
    expect(none.status).toBe(200);
    expect(none.body.items.every((item) => !item.selected)).toBe(true);
    expect(none.body).toMatchObject({ selectedCount: 0, selectedFen: 0, totalCount: 3 });
    const some = await select('customer', { skuIds: [skuIds[0], skuIds[2], 2_000_000_000], selected: true });
    expect(some.body).toMatchObject({ selectedCount: 2, selectedFen: 500 });
    const all = await select('customer', { selected: true });
    expect(all.body).toMatchObject({ selectedCount: 3, selectedFen: 700 });

    const removed = await remove('customer', { skuIds: [skuIds[1], 2_000_000_000] });
    expect(removed.status).toBe(200);
    expect(removed.body.items.map((item) => item.skuId).sort()).toEqual([skuIds[0], skuIds[2]].sort());
    // Another customer cannot remove this customer's lines.
    await remove('customer-2', { skuIds: [skuIds[0]] });
    expect((await getCart('customer')).body.items).toHaveLength(2);
  });
});

describe('lines that cannot be bought', () => {
  it('should flag a product taken off the shelf, keep the line, and leave it out of the sum', async () => {
    await emptyCart('customer');
    const kept = await shelfProduct(db(), send, { prices: [1000] });
    const leaving = await shelfProduct(db(), send, { prices: [2000] });
    await add('customer', { skuId: kept.skuIds[0], quantity: 1 });
    await add('customer', { skuId: leaving.skuIds[0], quantity: 2 });
    const off = await send<ConsoleProductDetail>('lead-tiantian', 'POST', `/api/console/teams/${leaving.teamId}/products/${leaving.productId}/off-shelf`);
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const cart = (await getCart('customer')).body;
    expect(cart.items).toHaveLength(2);
    expect(lineOf(cart, leaving.skuIds[0]!)).toMatchObject({ quantity: 2, selected: true, problem: 'off_sale' });
    expect(lineOf(cart, kept.skuIds[0]!)?.problem).toBeNull();
    expect(cart).toMatchObject({ selectedCount: 1, selectedFen: 1000, totalCount: 3 });
    // More of it cannot be added while it is off the shelf.
    const more = await add('customer', { skuId: leaving.skuIds[0], quantity: 1 });
    expect(more.status).toBe(409);
    expect(more.body.error?.code).toBe('SKU_UNAVAILABLE');
  });

  it('should flag a line as sold out or short of stock as the stock runs down', async () => {
    await emptyCart('customer');
    const { teamId, skuIds } = await shelfProduct(db(), send, { prices: [800], stock: [5] });
    const skuId = skuIds[0]!;
    await add('customer', { skuId, quantity: 3 });
    const adjust = (quantity: number) =>
      send<StockChangeResult>('student-tiantian', 'POST', `/api/console/teams/${teamId}/stock/adjustments`, { skuId, quantity, reason: 'damage', note: '破损' });
    expect((await adjust(-3)).status).toBe(201);
    let line = lineOf((await getCart('customer')).body, skuId);
    expect(line).toMatchObject({ stockAvailable: 2, problem: 'insufficient' });
    expect((await adjust(-2)).status).toBe(201);
    const cart = (await getCart('customer')).body;
    line = lineOf(cart, skuId);
    expect(line).toMatchObject({ stockAvailable: 0, quantity: 3, problem: 'sold_out' });
    expect(cart).toMatchObject({ selectedCount: 0, selectedFen: 0, totalCount: 3 });
    // Lowering the quantity to what is there makes it buyable again once stock is back.
    await send('student-tiantian', 'POST', `/api/console/teams/${teamId}/stock/receipts`, { skuId, quantity: 2, unitCostFen: 100 });
    const fixed = await update('customer', skuId, { quantity: 2 });
    expect(lineOf(fixed.body, skuId)?.problem).toBeNull();
    expect(fixed.body.selectedFen).toBe(1600);
  });
});

describe('限购 (purchase limit)', () => {
  it('should be set on a product on sale without a review, noted in its trail, and shown in the shop', async () => {
    const product = await seededProductWithPicture(db(), 'tiantian-yunying-1');
    const path = `/api/console/teams/${product.teamId}/products/${product.productId}`;
    const detail = (await send<ConsoleProductDetail>('student-tiantian', 'GET', path)).body;
    expect(detail).toMatchObject({ status: 'on_sale', purchaseLimit: null });
    const saved = await send<ConsoleProductDetail>('student-tiantian', 'PUT', path, { ...inputOf(detail), purchaseLimit: 2 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ status: 'on_sale', purchaseLimit: 2 });
    expect(saved.body.activity[0]).toMatchObject({ action: 'edited', comment: '限购：不限 → 每人 2 件', actor: { name: '李嘉欣' } });
    await expect.poll(async () => (await send<ProductDetail>('customer', 'GET', `/api/products/${product.productId}`)).body.purchaseLimit).toBe(2);

    // Saving the same again leaves no new trail; out-of-range limits are refused.
    const same = await send<ConsoleProductDetail>('student-tiantian', 'PUT', path, inputOf(saved.body));
    expect(same.body.activity).toHaveLength(saved.body.activity.length);
    for (const purchaseLimit of [0, -1, 1.5, 1000, '2']) {
      const res = await send('student-tiantian', 'PUT', path, { ...inputOf(saved.body), purchaseLimit });
      expect(res.status, String(purchaseLimit)).toBe(400);
    }
    // Absent or null: no limit.
    const { purchaseLimit: _dropped, ...withoutLimit } = inputOf(saved.body);
    const lifted = await send<ConsoleProductDetail>('student-tiantian', 'PUT', path, withoutLimit);
    expect(lifted.body).toMatchObject({ status: 'on_sale', purchaseLimit: null });
    expect(lifted.body.activity[0]?.comment).toBe('限购：每人 2 件 → 不限');
    await expect.poll(async () => (await send<ProductDetail>('customer', 'GET', `/api/products/${product.productId}`)).body.purchaseLimit).toBeNull();
  });

  it('should limit adds to what the customer may still buy, counting earlier orders but not cancelled ones', async () => {
    const userId = await emptyCart('customer-2');
    const { teamId, productId, skuIds } = await shelfProduct(db(), send, { prices: [600, 900], stock: [50, 50] });
    const path = `/api/console/teams/${teamId}/products/${productId}`;
    const detail = (await send<ConsoleProductDetail>('lead-tiantian', 'GET', path)).body;
    expect((await send('lead-tiantian', 'PUT', path, { ...inputOf(detail), purchaseLimit: 5 })).status).toBe(200);

    await pastOrder(db(), userId, [{ skuId: skuIds[0]!, quantity: 2 }]);
    await pastOrder(db(), userId, [{ skuId: skuIds[0]!, quantity: 3 }], 'cancelled');
    const before = await cartSnapshot(db(), userId);
    const over = await add('customer-2', { skuId: skuIds[0], quantity: 4 });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'PURCHASE_LIMIT_EXCEEDED', message: '每人限购 5 件，您最多还能买 3 件', details: { limit: 5, left: 3 } });
    expect(await cartSnapshot(db(), userId)).toBe(before);

    const ok = await add('customer-2', { skuId: skuIds[0], quantity: 3 });
    expect(ok.status).toBe(200);
    expect(lineOf(ok.body, skuIds[0]!)).toMatchObject({ quantity: 3, purchaseLimitLeft: 3, problem: null });
    const oneMore = await add('customer-2', { skuId: skuIds[0], quantity: 1 });
    expect(oneMore.status).toBe(409);

    // Two sizes of one limited product count together while both are ticked.
    const both = await add('customer-2', { skuId: skuIds[1], quantity: 1 });
    expect(both.status).toBe(200);
    expect(both.body.items.map((item) => item.problem)).toEqual(['over_limit', 'over_limit']);
    expect(both.body.selectedFen).toBe(0);
    const one = await update('customer-2', skuIds[1]!, { selected: false });
    expect(lineOf(one.body, skuIds[0]!)?.problem).toBeNull();
    expect(one.body.selectedFen).toBe(1800);

    // Someone else has their own allowance.
    await emptyCart('customer');
    const other = await add('customer', { skuId: skuIds[0], quantity: 5 });
    expect(other.status).toBe(200);
    expect(lineOf(other.body, skuIds[0]!)?.purchaseLimitLeft).toBe(5);

    // A limit lowered below what is in the cart flags the line instead of dropping it.
    const now = (await send<ConsoleProductDetail>('lead-tiantian', 'GET', path)).body;
    expect((await send('lead-tiantian', 'PUT', path, { ...inputOf(now), purchaseLimit: 3 })).status).toBe(200);
    expect(lineOf((await getCart('customer')).body, skuIds[0]!)).toMatchObject({ quantity: 5, purchaseLimitLeft: 3, problem: 'over_limit' });
    expect(lineOf((await getCart('customer-2')).body, skuIds[0]!)).toMatchObject({ purchaseLimitLeft: 1, problem: 'over_limit' });
  });
});
