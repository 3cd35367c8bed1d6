import { join } from 'node:path';
import { schema } from '@qiaodu/db';
import { formatFen } from '@qiaodu/shared';
import type { CheckoutPreview, OrderDetail } from '@qiaodu/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addToCartThroughPicker, loginThroughPicker, openPhoneIn, SCREENSHOTS, useShopInBrowser } from '../support/shop-in-browser';
import { getJson } from '../support/test-app';

const shop = useShopInBrowser();

const openPhone = () => openPhoneIn(shop);

const loginTo = (page: Page, path: string, persona: string) => loginThroughPicker(shop, page, path, persona);

/** Two products of two student teams, each with a student persona who ships for that team. */
const TEAM_A = {
  name: '天天市集运营一组',
  student: 'student-tiantian',
  staffName: '李嘉欣',
  product: '敬记 食品级PP保鲜盒 三件套',
  choose: ['湖蓝盖'],
  priceFen: 2990,
  carrier: 'SF',
  carrierName: '顺丰速运',
  trackingNo: 'SF1402775930268',
};
const TEAM_B = {
  name: '非遗文创组',
  student: 'student-feiyi',
  staffName: '吴婉婷',
  product: '生恭鲤鱼 3D打印摆件',
  choose: ['小号 12cm', '朱红'],
  priceFen: 6800,
  carrier: 'YTO',
  carrierName: '圆通速递',
  trackingNo: 'YT8834016257',
};
/** Under the default ¥99 free-shipping threshold, so the flat ¥8 fee applies. */
const ITEMS_FEN = TEAM_A.priceFen + TEAM_B.priceFen;
const SHIPPING_FEN = 800;

/** Puts the team's product in the cart through the SKU picker. */
const addToCart = (page: Page, team: typeof TEAM_A) =>
  addToCartThroughPicker(shop, page, { name: team.product, choose: team.choose, priceFen: team.priceFen });

/** The order's card in a team's 待发货 queue; its items, its masked recipient; then 发货. */
async function shipAsTeam(team: typeof TEAM_A, other: typeof TEAM_A, orderNo: string, screenshot: string): Promise<void> {
  const { context, page, failures } = await openPhone();
  await loginTo(page, '/console/orders', team.student);
  await page.waitForURL(/\/console\/teams\/\d+\/orders/, { timeout: 20_000 });
  expect(await page.getByTestId('order-queue-to_ship').getAttribute('aria-checked')).toBe('true');
  const card = page.locator(`[data-testid="team-order-card"][data-order-no="${orderNo}"]`);
  await card.waitFor({ timeout: 20_000 });

  // Only this team's goods are on its card; the other team's parcel is mentioned, not shown.
  const items = card.getByTestId('fulfilment-item');
  expect(await items.count()).toBe(1);
  expect(await items.first().innerText()).toContain(team.product);
  expect(await card.innerText()).not.toContain(other.product);
  expect(await card.getByTestId('other-teams').innerText()).toContain('另有 1 个团队的包裹');
  expect(await card.innerText()).toContain(formatFen(team.priceFen));

  // PIPL: a student sees the recipient masked and is told so.
  const recipient = card.getByTestId('order-recipient');
  expect(await recipient.getByTestId('recipient-masked').innerText()).toBe('已脱敏');
  const recipientText = await recipient.innerText();
  expect(recipientText).not.toContain('陈晓琳');
  expect(recipientText).not.toContain('13800005678');
  expect(recipientText).not.toContain('建设三路');
  expect(recipientText).toContain('****');
  expect(recipientText).toContain('5678');

  await card.getByTestId('ship-button').click();
  const dialog = page.getByTestId('ship-dialog');
  await dialog.waitFor({ timeout: 10_000 });
  expect(await dialog.innerText()).toContain(orderNo);
  await dialog.getByTestId('carrier-picker').getByTestId(`carrier-${team.carrier}`).click();
  await dialog.getByTestId('tracking-input').locator('input').fill(team.trackingNo);
  await page.screenshot({ path: join(SCREENSHOTS, `${screenshot}-dialog.png`) });
  await dialog.getByTestId('ship-submit').click();

  // Shipped: the card leaves 待发货 and waits under 已发货 with its tracking number.
  await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(0);
  await page.getByTestId('order-queue-shipped').click();
  await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
  expect(await card.innerText()).toContain(`${team.carrierName} ${team.trackingNo}`);
  expect(await card.getByTestId('ship-button').count()).toBe(0);
  await toastGone(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${screenshot}-shipped.png`), fullPage: true });

  expect(failures).toEqual([]);
  await context.close();
}

/** The customer's own order, opened from 我的订单 with its status there checked on the way. */
async function openOrderFromList(page: Page, orderId: number, orderNo: string, listLabel: string): Promise<void> {
  await loginTo(page, '/me/orders', 'customer');
  const card = page.locator(`[data-testid="order-card"][data-order-no="${orderNo}"]`);
  await card.waitFor({ timeout: 20_000 });
  expect(await card.getByTestId('order-card-status').innerText()).toBe(listLabel);
  await page.goto(`${shop.app.baseUrl}/me/orders/${orderId}`);
  await page.getByTestId('order-status').waitFor({ timeout: 20_000 });
}

const texts = (locator: Locator) => locator.allInnerTexts();

/** A screenshot without the last action's toast over the page. */
async function toastGone(page: Page): Promise<void> {
  await page.locator('.van-toast').waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('a customer buys from two teams, each team ships its parcel, the customer confirms receipt', () => {
  let orderId = 0;
  let orderNo = '';

  it('should let the customer put two teams\u2019 products in the cart, check out by express and pay on the 模拟支付 sheet of the built-in WeChat Pay simulator', async () => {
    const { context, page, failures } = await openPhone();
    await loginTo(page, '/', 'customer');

    await addToCart(page, TEAM_A);
    await addToCart(page, TEAM_B);
    await page.getByTestId('product-cart').click();
    await page.waitForURL(/\/cart$/);

    // Both lines, each under its team, both ticked, and the bar's total is their sum.
    const lines = page.getByTestId('cart-line');
    await expect.poll(() => lines.count(), { timeout: 20_000 }).toBe(2);
    const cartText = (await texts(page.getByTestId('cart-team'))).join('\n');
    expect(cartText).toContain(TEAM_A.name);
    expect(cartText).toContain(TEAM_B.name);
    for (const line of await lines.all()) expect(await line.getByRole('checkbox').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('cart-select-all').getAttribute('aria-checked')).toBe('true');
    const bar = page.getByTestId('cart-submit');
    expect(await bar.innerText()).toContain(formatFen(ITEMS_FEN));
    expect(await bar.innerText()).toContain('结算(2)');
    await toastGone(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'order-cart-two-teams.png'), fullPage: true });

    // 确认订单 shows what the server priced: keep every preview it answers, the last one counts.
    const previews: CheckoutPreview[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/checkout/preview' && response.ok()) {
        void response.json().then((body: CheckoutPreview) => previews.push(body));
      }
    });
    await bar.locator('.van-submit-bar__button').click();
    await page.waitForURL(/\/checkout\?/);
    await page.getByTestId('delivery-express').click();
    expect(await page.getByTestId('delivery-express').getAttribute('aria-selected')).toBe('true');
    // The customer's default address from the address book.
    const address = page.getByTestId('checkout-address');
    await expect.poll(() => address.innerText(), { timeout: 20_000 }).toContain('建设三路 88 号');
    expect(await address.innerText()).toContain('陈晓琳');
    const submit = page.getByTestId('submit-order');
    await expect.poll(() => submit.isEnabled(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('checkout-line').count()).toBe(2);

    await expect.poll(() => previews.at(-1)?.address?.name, { timeout: 20_000 }).toBe('陈晓琳');
    const preview = previews.at(-1)!;
    expect(preview.itemsFen).toBe(ITEMS_FEN);
    expect(preview.shippingFen).toBe(SHIPPING_FEN);
    expect(preview.totalFen).toBe(ITEMS_FEN + SHIPPING_FEN);
    expect(preview.orderable).toBe(true);
    const summary = await page.getByTestId('checkout-summary').innerText();
    expect(summary).toMatch(new RegExp(`商品金额\\s*${literal(formatFen(preview.itemsFen))}`));
    expect(summary).toMatch(new RegExp(`运费\\s*\\+${literal(formatFen(preview.shippingFen))}`));
    expect(summary).toMatch(new RegExp(`实付款\\s*${literal(formatFen(preview.totalFen))}`));
    // ¥1.10 short of free shipping, and the page says so.
    const gap = preview.shippingRules.freeAboveFen - preview.itemsFen;
    expect(gap).toBeGreaterThan(0);
    expect(await page.getByTestId('free-shipping-hint').innerText()).toContain(`再买 ${formatFen(gap)} 包邮`);
    await page.screenshot({ path: join(SCREENSHOTS, 'order-checkout.png'), fullPage: true });

    await submit.click();
    await page.waitForURL(/\/me\/orders\/\d+/, { timeout: 20_000 });
    orderId = Number(/\/me\/orders\/(\d+)/.exec(page.url())?.[1]);

    // Straight from 提交订单 the payment starts: a demo shop has no merchant, so the 模拟支付 sheet
    // of the built-in simulator opens (the server has made a real JSAPI prepay at the simulator).
    const sheet = page.getByTestId('simulated-pay-sheet');
    await sheet.waitFor({ timeout: 20_000 });
    orderNo = await page.getByTestId('order-no').innerText();
    expect(await sheet.getByTestId('simulated-pay-order-no').innerText()).toBe(orderNo);
    expect(await sheet.getByTestId('simulated-pay-confirm').innerText()).toContain(formatFen(preview.totalFen));
    expect(await sheet.getByTestId('simulated-pay-notice').innerText()).toContain('模拟');
    expect(await page.getByTestId('order-status').getAttribute('data-status')).toBe('pending_payment');
    await page.screenshot({ path: join(SCREENSHOTS, 'order-pay-sheet.png') });
    // The simulator's TRANSACTION.SUCCESS notification pays the order; the page re-reads the server.
    await sheet.getByTestId('simulated-pay-confirm').click();

    const status = page.getByTestId('order-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('paid');
    expect(await status.innerText()).toBe('等待发货');
    await sheet.waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await texts(page.getByTestId('parcel-status'))).toEqual(['待发货', '待发货']);
    expect(await page.getByTestId('order-total').innerText()).toBe(formatFen(preview.totalFen));
    await toastGone(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'order-paid.png'), fullPage: true });

    // Bought lines leave the cart.
    await page.getByTestId('pay-order').waitFor({ state: 'detached', timeout: 10_000 });
    await page.goto(`${shop.app.baseUrl}/cart`);
    await page.getByTestId('cart-empty').waitFor({ timeout: 20_000 });

    expect(failures).toEqual([]);
    await context.close();
  });

  it("should let team A's student ship its parcel, leaving the order partially shipped", async () => {
    expect(orderNo).not.toBe('');
    await shipAsTeam(TEAM_A, TEAM_B, orderNo, 'order-ship-team-a');

    const { context, page, failures } = await openPhone();
    await openOrderFromList(page, orderId, orderNo, '部分发货');
    const status = page.getByTestId('order-status');
    expect(await status.getAttribute('data-status')).toBe('partially_shipped');
    expect(await status.innerText()).toBe('部分已发货');
    const tracking = page.getByTestId('parcel-tracking');
    expect(await tracking.count()).toBe(1);
    expect(await tracking.innerText()).toContain(TEAM_A.trackingNo);
    expect((await texts(page.getByTestId('parcel-status'))).sort()).toEqual(['已发货', '待发货']);
    // Nothing to confirm while a parcel is still on the shelf.
    expect(await page.getByTestId('confirm-receipt').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'order-partially-shipped.png'), fullPage: true });
    expect(failures).toEqual([]);
    await context.close();
  });

  it("should let team B's student ship the rest, so the customer awaits two parcels", async () => {
    expect(orderNo).not.toBe('');
    await shipAsTeam(TEAM_B, TEAM_A, orderNo, 'order-ship-team-b');

    const { context, page, failures } = await openPhone();
    await openOrderFromList(page, orderId, orderNo, '待收货');
    const status = page.getByTestId('order-status');
    expect(await status.getAttribute('data-status')).toBe('shipped');
    expect(await status.innerText()).toBe('待收货');
    const parcels = page.getByTestId('order-parcel');
    expect(await parcels.count()).toBe(2);
    const byTeam = async (team: typeof TEAM_A) => parcels.filter({ hasText: team.name }).getByTestId('parcel-tracking').innerText();
    expect(await byTeam(TEAM_A)).toMatch(new RegExp(`${TEAM_A.carrierName}\\s+${TEAM_A.trackingNo}`));
    expect(await byTeam(TEAM_B)).toMatch(new RegExp(`${TEAM_B.carrierName}\\s+${TEAM_B.trackingNo}`));
    expect(await texts(page.getByTestId('parcel-status'))).toEqual(['已发货', '已发货']);
    expect(failures).toEqual([]);
    await context.close();
  });

  it('should let the customer confirm receipt and see the order completed with its whole history', async () => {
    expect(orderId).toBeGreaterThan(0);
    const { context, page, failures } = await openPhone();
    await loginTo(page, `/me/orders/${orderId}`, 'customer');
    const status = page.getByTestId('order-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('shipped');

    await page.getByTestId('confirm-receipt').click();
    const dialog = page.locator('.van-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.innerText()).toContain('确认收货');
    await dialog.locator('.van-dialog__confirm').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('completed');
    expect(await status.innerText()).toBe('交易完成');
    expect(await page.getByTestId('confirm-receipt').count()).toBe(0);
    expect(await texts(page.getByTestId('parcel-status'))).toEqual(['已签收', '已签收']);

    // Newest first: who did what, staff named with their team, the customer as 买家.
    const timeline = page.getByTestId('order-timeline');
    const labels = await texts(timeline.locator('.order-timeline__label'));
    expect(labels[0]).toBe('买家确认收货');
    expect(labels.at(-1)).toBe('提交订单');
    for (const label of ['支付成功', '部分商品已发货', '全部商品已发货']) expect(labels.filter((text) => text === label)).toHaveLength(1);
    expect(labels.filter((text) => text === '团队包裹已发出')).toHaveLength(2);
    const history = await timeline.innerText();
    expect(history).toContain(`${TEAM_A.name}·${TEAM_A.staffName}`);
    expect(history).toContain(`${TEAM_B.name}·${TEAM_B.staffName}`);
    expect(history).toContain(`${TEAM_A.carrierName} ${TEAM_A.trackingNo}`);
    expect(history).toContain('买家');
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    await toastGone(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'order-completed.png'), fullPage: true });

    // 我的订单 lists it as 已完成.
    await page.goto(`${shop.app.baseUrl}/me/orders`);
    const card = page.locator(`[data-testid="order-card"][data-order-no="${orderNo}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getByTestId('order-card-status').innerText()).toBe('已完成');

    // The API agrees, read with the session the page keeps.
    const stored = (await context.storageState()).origins.flatMap((origin) => origin.localStorage).find((entry) => entry.name === 'qiaodu:session');
    const token = stored ? (JSON.parse(stored.value) as { token?: string }).token : undefined;
    expect(token).toBeTruthy();
    const answer = await getJson<OrderDetail>(`${shop.app.baseUrl}/api/orders/${orderId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    const order = answer.body;
    expect(order.status).toBe('completed');
    expect(order.orderNo).toBe(orderNo);
    expect(order.itemsFen).toBe(ITEMS_FEN);
    expect(order.shippingFen).toBe(SHIPPING_FEN);
    expect(order.totalFen).toBe(order.itemsFen + order.shippingFen);
    expect(order.paidFen).toBe(order.totalFen);
    expect(order.completedAt).not.toBeNull();
    const parcels = order.parcels.map((parcel) => ({ team: parcel.team.name, carrier: parcel.carrier, trackingNo: parcel.trackingNo }));
    expect(parcels).toEqual(
      expect.arrayContaining([
        { team: TEAM_A.name, carrier: TEAM_A.carrier, trackingNo: TEAM_A.trackingNo },
        { team: TEAM_B.name, carrier: TEAM_B.carrier, trackingNo: TEAM_B.trackingNo },
      ]),
    );
    expect(parcels).toHaveLength(2);
    expect(order.parcels.every((parcel) => parcel.shippedAt !== null)).toBe(true);
    expect(order.items.map((item) => ({ title: item.title, quantity: item.quantity, lineFen: item.lineFen })).sort((a, b) => a.lineFen - b.lineFen)).toEqual([
      { title: TEAM_A.product, quantity: 1, lineFen: TEAM_A.priceFen },
      { title: TEAM_B.product, quantity: 1, lineFen: TEAM_B.priceFen },
    ]);

    // The ledger: one reserve row per SKU when the order was placed, and nothing since (paying and
    // shipping do not move available stock), so each row's balance is the SKU's stock now.
    const { db } = shop.testDb.database;
    const skuIds = order.items.map((item) => item.skuId);
    const movements = await db
      .select({ skuId: schema.stockMovements.skuId, type: schema.stockMovements.type, quantity: schema.stockMovements.quantity, balanceAfter: schema.stockMovements.balanceAfter })
      .from(schema.stockMovements)
      .where(eq(schema.stockMovements.orderId, orderId))
      .orderBy(asc(schema.stockMovements.skuId));
    const stock = await db
      .select({ skuId: schema.skus.id, available: schema.skus.stockAvailable })
      .from(schema.skus)
      .where(inArray(schema.skus.id, skuIds))
      .orderBy(asc(schema.skus.id));
    expect(movements).toEqual(stock.map(({ skuId, available }) => ({ skuId, type: 'reserve', quantity: -1, balanceAfter: available })));

    expect(failures).toEqual([]);
    await context.close();
  });
});

/** A literal for a RegExp (prices contain '.'). */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
