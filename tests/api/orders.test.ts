import { schema } from '@qiaodu/db';
import { DEFAULT_ORDER_SETTINGS } from '@qiaodu/server/orders/settings';
import { ORDER_LINE_QUANTITY_MAX, type OrderDetail, type OrderList, type OrderCounts } from '@qiaodu/shared';
import { and, asc, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { manualClock } from '../support/clock';
import { ledgerProblems, teamIdOf, userIdOf } from '../support/inventory';
import { express, idempotencyKey, orderClient, pickup, productWithStock, stockOf } from '../support/orders';

const clock = manualClock();
const fixture = useSeededApp({ overrides: { clock: clock.now, orderJobTimer: false } });
const db = () => fixture.testDb.database.db;
const personas = personaClient(() => fixture.app.baseUrl);
const orders = orderClient(() => fixture.app.baseUrl, personas);
const { send } = personas;

const MINUTE = 60_000;
const { payTimeoutMinutes, autoCompleteDays, shipping } = DEFAULT_ORDER_SETTINGS;

let feiyi: number;
let tiantian: number;
let customerId: number;

beforeAll(async () => {
  feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  customerId = await userIdOf(db(), 'customer');
  for (const persona of ['customer', 'customer-2', 'student-feiyi']) await personas.tokenOf(persona);
});

async function ledgerOf(orderId: number) {
  return db()
    .select({ skuId: schema.stockMovements.skuId, type: schema.stockMovements.type, quantity: schema.stockMovements.quantity })
    .from(schema.stockMovements)
    .where(eq(schema.stockMovements.orderId, orderId))
    .orderBy(asc(schema.stockMovements.id));
}

async function orderCount(): Promise<number> {
  const [row] = await db().select({ n: count() }).from(schema.orders);
  return row!.n;
}

/** Moves the order on as its team would have shipped it (fulfilment is not this file's subject). */
async function markShipped(orderId: number, shippedAt: Date) {
  await db().update(schema.orders).set({ status: 'shipped', shippedAt }).where(eq(schema.orders.id, orderId));
  await db()
    .update(schema.orderParcels)
    .set({ carrier: 'SF', trackingNo: 'SF1234567890', shippedAt })
    .where(eq(schema.orderParcels.orderId, orderId));
}

describe('placing an order', () => {
  it('should reserve the stock, price everything from the server, snapshot the goods and the address, and start a parcel per team', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 10, priceFen: 2500, image: '/media/seed/a.svg' });
    const b = await productWithStock(db(), tiantian, { stock: 5, priceFen: 1200 });
    const addressId = await orders.addressOf('customer');
    const res = await orders.place('customer', {
      items: [
        { skuId: a.skuIds[0]!, quantity: 3 },
        { skuId: b.skuIds[0]!, quantity: 2 },
      ],
      delivery: express(addressId),
      remark: '请周末送达',
    });
    expect(res.status).toBe(201);
    const order = res.body as OrderDetail;
    expect(order).toMatchObject({
      status: 'pending_payment',
      deliveryMethod: 'express',
      itemsFen: 3 * 2500 + 2 * 1200,
      shippingFen: 0,
      totalFen: 9900,
      paidFen: 0,
      remark: '请周末送达',
      itemCount: 5,
      actions: { pay: true, cancel: true, confirmReceipt: false, refund: false },
      pickup: null,
    });
    expect(order.orderNo).toMatch(/^QD\d{8}-[0-9A-Z]{8}$/);
    expect(Date.parse(order.expiresAt!) - Date.parse(order.createdAt)).toBe(payTimeoutMinutes * MINUTE);
    expect(order.items.map((item) => [item.skuId, item.unitPriceFen, item.quantity, item.lineFen, item.refundableQuantity])).toEqual([
      [a.skuIds[0], 2500, 3, 7500, 3],
      [b.skuIds[0], 1200, 2, 2400, 2],
    ]);
    expect(order.items[0]!.image).toBe('/media/seed/a.svg');
    expect(order.items[0]!.team.id).toBe(feiyi);
    expect(order.parcels.map((parcel) => parcel.team.id).sort()).toEqual([feiyi, tiantian].sort());
    expect(order.address).toMatchObject({ name: expect.any(String), phone: expect.stringMatching(/^1\d{10}$/) });
    expect(order.timeline).toEqual([expect.objectContaining({ action: 'placed', label: '提交订单', to: 'pending_payment', actorName: '买家' })]);

    expect(await stockOf(db(), a.skuIds[0]!)).toBe(7);
    expect(await stockOf(db(), b.skuIds[0]!)).toBe(3);
    expect(await ledgerOf(order.id)).toEqual([
      { skuId: a.skuIds[0], type: 'reserve', quantity: -3 },
      { skuId: b.skuIds[0], type: 'reserve', quantity: -2 },
    ]);
    expect(await ledgerProblems(db(), feiyi)).toEqual([]);
    expect(await ledgerProblems(db(), tiantian)).toEqual([]);

    // Prices changed afterwards do not change the order: it keeps what was agreed.
    await db().update(schema.skus).set({ priceFen: 9999 }).where(eq(schema.skus.id, a.skuIds[0]!));
    expect((await orders.getOk('customer', order.id)).items[0]!.unitPriceFen).toBe(2500);
  });

  it('should refuse a price sent by the client and change nothing', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 4 });
    const before = await orderCount();
    const res = await orders.place('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1, unitPriceFen: 1 }], delivery: pickup });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_FAILED');
    const total = await orders.place('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup, totalFen: 1 });
    expect(total.status).toBe(400);
    expect(await orderCount()).toBe(before);
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(4);
  });

  it('should charge the flat fee below the threshold, ship free from it on, and charge nothing for pickup', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 50, priceFen: 1000 });
    const addressId = await orders.addressOf('customer');
    const below = await orders.placeOk('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: express(addressId) });
    expect([below.itemsFen, below.shippingFen, below.totalFen]).toEqual([1000, shipping.flatFeeFen, 1000 + shipping.flatFeeFen]);
    const units = Math.ceil(shipping.freeAboveFen / 1000);
    const above = await orders.placeOk('customer', { items: [{ skuId: a.skuIds[0]!, quantity: units }], delivery: express(addressId) });
    expect([above.shippingFen, above.totalFen]).toEqual([0, units * 1000]);
    const collected = await orders.placeOk('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup });
    expect([collected.shippingFen, collected.totalFen, collected.address]).toEqual([0, 1000, null]);
    expect(collected.pickup).toEqual({ place: expect.any(String), code: null });
  });

  it('should answer OUT_OF_STOCK naming every short SKU with what is left, and reserve nothing', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 3, skuCount: 3 });
    const before = await orderCount();
    const res = await orders.place('customer', {
      items: [
        { skuId: a.skuIds[0]!, quantity: 5 },
        { skuId: a.skuIds[1]!, quantity: 2 },
        { skuId: a.skuIds[2]!, quantity: 4 },
      ],
      delivery: pickup,
    });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('OUT_OF_STOCK');
    expect(res.body.error?.details).toEqual({
      skus: [
        { skuId: a.skuIds[0], requested: 5, available: 3 },
        { skuId: a.skuIds[2], requested: 4, available: 3 },
      ],
    });
    expect(await orderCount()).toBe(before);
    for (const skuId of a.skuIds) expect(await stockOf(db(), skuId)).toBe(3);
  });

  it('should answer SKU_UNAVAILABLE for goods taken off sale or SKUs that do not exist', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 3 });
    const b = await productWithStock(db(), feiyi, { stock: 3 });
    await db().update(schema.products).set({ status: 'off_shelf' }).where(eq(schema.products.id, a.productId));
    const res = await orders.place('customer', {
      items: [
        { skuId: a.skuIds[0]!, quantity: 1 },
        { skuId: b.skuIds[0]!, quantity: 1 },
      ],
      delivery: pickup,
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'SKU_UNAVAILABLE', details: { skuIds: [a.skuIds[0]] } });
    const missing = await orders.place('customer', { items: [{ skuId: 99_999_999, quantity: 1 }], delivery: pickup });
    expect(missing.status).toBe(409);
    expect(missing.body.error).toMatchObject({ code: 'SKU_UNAVAILABLE', details: { skuIds: [99_999_999] } });
    expect(await stockOf(db(), b.skuIds[0]!)).toBe(3);
  });

  it('should hold 限购 across the customer’s orders, counting unpaid ones and not cancelled ones', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 20, purchaseLimit: 2, skuCount: 2 });
    const first = await orders.placeOk('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 2 }], delivery: pickup });
    const over = await orders.place('customer', { items: [{ skuId: a.skuIds[1]!, quantity: 1 }], delivery: pickup });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'PURCHASE_LIMIT_EXCEEDED', details: { productId: a.productId, limit: 2, bought: 2 } });
    // Another customer has their own allowance.
    await orders.placeOk('customer-2', { items: [{ skuId: a.skuIds[1]!, quantity: 2 }], delivery: pickup });
    // Two SKUs of one product in one order count together.
    const both = await orders.place('customer-2', {
      items: [
        { skuId: a.skuIds[0]!, quantity: 1 },
        { skuId: a.skuIds[1]!, quantity: 1 },
      ],
      delivery: pickup,
    });
    expect(both.body.error?.code).toBe('PURCHASE_LIMIT_EXCEEDED');
    expect((await orders.cancel('customer', first.id)).status).toBe(200);
    await orders.placeOk('customer', { items: [{ skuId: a.skuIds[1]!, quantity: 2 }], delivery: pickup });
  });

  it('should refuse zero, negative, fractional and huge quantities, duplicate SKUs and too many lines, changing nothing', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 5 });
    const before = await orderCount();
    const bodies = [
      ...[0, -1, 1.5, ORDER_LINE_QUANTITY_MAX + 1, 2 ** 53, '1', null].map((quantity) => ({ items: [{ skuId: a.skuIds[0], quantity }], delivery: pickup })),
      { items: [{ skuId: a.skuIds[0], quantity: 1 }, { skuId: a.skuIds[0], quantity: 1 }], delivery: pickup },
      { items: Array.from({ length: 1000 }, (_, i) => ({ skuId: i + 1, quantity: 1 })), delivery: pickup },
      { items: [], delivery: pickup },
      { items: [{ skuId: a.skuIds[0], quantity: 1 }], delivery: { method: 'express' } },
      { items: [{ skuId: a.skuIds[0], quantity: 1 }], delivery: { method: 'drone' } },
      { items: [{ skuId: a.skuIds[0], quantity: 1 }] },
    ];
    for (const body of bodies) {
      const res = await orders.place('customer', body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_FAILED');
    }
    expect(await orderCount()).toBe(before);
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(5);
  });

  it('should ship to any address of the customer’s own book, as it was at checkout', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 5 });
    const second = await send<{ id: number }>('customer-2', 'POST', '/api/me/addresses', {
      name: '李明',
      phone: '13700001111',
      areaCode: '440705',
      detail: '会城街道东门路 5 号',
    });
    expect(second.status).toBe(201);
    const order = await orders.placeOk('customer-2', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: express(second.body.id) });
    expect(order.address).toEqual({ name: '李明', phone: '13700001111', province: '广东省', city: '江门市', county: '新会区', detail: '会城街道东门路 5 号' });
    await send('customer-2', 'PUT', `/api/me/addresses/${second.body.id}`, { name: '王芳', phone: '13700002222', areaCode: '440705', detail: '别处' });
    expect((await orders.getOk('customer-2', order.id)).address?.name).toBe('李明');
  });

  it('should refuse another customer’s address with ADDRESS_NOT_FOUND', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 5 });
    const theirs = await orders.addressOf('customer-2');
    const res = await orders.place('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: express(theirs) });
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('ADDRESS_NOT_FOUND');
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(5);
  });
});

describe('idempotency', () => {
  it('should need an Idempotency-Key of the right shape', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 5 });
    const body = { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup };
    for (const key of [null, '', 'short', 'has space in it', 'x'.repeat(65)]) {
      const res = await orders.place('customer', body, key);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    }
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(5);
  });

  it('should answer the same order for the same key and body, and refuse the key with another body', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 5 });
    const key = idempotencyKey();
    const body = { items: [{ skuId: a.skuIds[0]!, quantity: 2 }], delivery: pickup };
    const first = await orders.place('customer', body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await orders.place('customer', body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await orders.place('customer', { ...body, items: [{ skuId: a.skuIds[0]!, quantity: 1 }] }, key);
    expect(other.status).toBe(422);
    expect(other.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another customer's key space is their own.
    expect((await orders.place('customer-2', body, key)).status).toBe(201);
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(1);
  });

  it('should place one order for twenty parallel requests with one key', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 30 });
    const key = idempotencyKey();
    const body = { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup };
    const answers = await Promise.all(Array.from({ length: 20 }, () => orders.place('customer', body, key)));
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((res) => res.body.id)).size).toBe(1);
    expect(answers.filter((res) => res.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(29);
    const [row] = await db()
      .select({ n: count() })
      .from(schema.orders)
      .where(and(eq(schema.orders.customerId, customerId), eq(schema.orders.idempotencyKey, key)));
    expect(row!.n).toBe(1);
  });

  it('should sell exactly the stock to concurrent buyers', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 7 });
    const body = { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup };
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => orders.place(i % 2 ? 'customer' : 'customer-2', body)));
    expect(answers.filter((res) => res.status === 201)).toHaveLength(7);
    const refused = answers.filter((res) => res.status !== 201);
    expect(refused.every((res) => res.status === 409 && res.body.error?.code === 'OUT_OF_STOCK')).toBe(true);
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(0);
    expect(await ledgerProblems(db(), feiyi)).toEqual([]);
  });
});

describe('the customer’s orders', () => {
  it('should show a customer only their own orders: another customer’s is not found', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 5 });
    const mine = await orders.placeOk('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup });
    for (const [method, path, body] of [
      ['GET', `/api/orders/${mine.id}`, undefined],
      ['POST', `/api/orders/${mine.id}/cancel`, {}],
      ['POST', `/api/orders/${mine.id}/pay`, { channel: 'jsapi' }],
      ['POST', `/api/orders/${mine.id}/confirm-receipt`, undefined],
    ] as const) {
      const res = await send('customer-2', method, path, body);
      expect(res.status, path).toBe(404);
      expect(res.body.error?.code).toBe('ORDER_NOT_FOUND');
    }
    expect((await orders.getOk('customer', mine.id)).status).toBe('pending_payment');
    expect((await send('customer', 'GET', '/api/orders/99999999')).status).toBe(404);
  });

  it('should list by tab newest first with a total, and count the tabs', async () => {
    // A customer of their own for plain numbers: a student persona buys too.
    const buyer = 'student-feiyi';
    const a = await productWithStock(db(), tiantian, { stock: 10 });
    const body = { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup };
    const first = await orders.placeOk(buyer, body);
    const second = await orders.placeOk(buyer, body);
    const third = await orders.placeOk(buyer, body);
    await orders.payOk(buyer, second.id);
    await orders.cancel(buyer, third.id);

    const all = await send<OrderList>(buyer, 'GET', '/api/orders');
    expect(all.body.items.map((order) => order.id)).toEqual([third.id, second.id, first.id]);
    expect(all.body.total).toBe(3);
    const toPay = await send<OrderList>(buyer, 'GET', '/api/orders?status=to_pay');
    expect(toPay.body.items.map((order) => order.id)).toEqual([first.id]);
    expect(toPay.body.items[0]).toMatchObject({ itemCount: 1, previewItems: [{ skuId: a.skuIds[0], quantity: 1 }], actions: { pay: true } });
    const toShip = await send<OrderList>(buyer, 'GET', '/api/orders?status=to_ship');
    expect(toShip.body.items.map((order) => order.id)).toEqual([second.id]);
    const cancelled = await send<OrderList>(buyer, 'GET', '/api/orders?status=cancelled');
    expect(cancelled.body.items.map((order) => order.id)).toEqual([third.id]);
    const paged = await send<OrderList>(buyer, 'GET', '/api/orders?page=2&pageSize=2');
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items.map((order) => order.id)).toEqual([first.id]);
    expect((await send(buyer, 'GET', '/api/orders?status=nonsense')).status).toBe(400);

    const counts = await send<OrderCounts>(buyer, 'GET', '/api/orders/counts');
    expect(counts.body).toEqual({ to_pay: 1, to_ship: 1, to_receive: 0, after_sales: 0 });
  });
});

describe('cancelling', () => {
  it('should release exactly the reserved units with ledger rows, once', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 6, skuCount: 2 });
    const order = await orders.placeOk('customer', {
      items: [
        { skuId: a.skuIds[0]!, quantity: 2 },
        { skuId: a.skuIds[1]!, quantity: 5 },
      ],
      delivery: pickup,
    });
    const res = await orders.cancel('customer', order.id, '不想要了');
    expect(res.status).toBe(200);
    const cancelled = res.body as OrderDetail;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '不想要了', expiresAt: null, actions: { pay: false, cancel: false } });
    expect(cancelled.timeline.at(-1)).toMatchObject({ action: 'cancel', label: '买家取消订单', from: 'pending_payment', to: 'cancelled', actorName: '买家', note: '不想要了' });
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(6);
    expect(await stockOf(db(), a.skuIds[1]!)).toBe(6);
    expect(await ledgerOf(order.id)).toEqual([
      { skuId: a.skuIds[0], type: 'reserve', quantity: -2 },
      { skuId: a.skuIds[1], type: 'reserve', quantity: -5 },
      { skuId: a.skuIds[0], type: 'release', quantity: 2 },
      { skuId: a.skuIds[1], type: 'release', quantity: 5 },
    ]);
    const again = await orders.cancel('customer', order.id);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('INVALID_STATE');
    expect((await ledgerOf(order.id)).length).toBe(4);
    expect(await ledgerProblems(db(), feiyi)).toEqual([]);
  });

  it('should not cancel a paid order', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 3 });
    const order = await orders.placePaid('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup });
    const res = await orders.cancel('customer', order.id);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('INVALID_STATE');
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(2);
  });
});

describe('paying (WeChat Pay, played by the demo shop’s simulator)', () => {
  it('should mark the order paid with the full amount, count the sales, and not move available stock', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 8, priceFen: 3000 });
    const addressId = await orders.addressOf('customer');
    const order = await orders.placeOk('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 3 }], delivery: express(addressId) });
    const res = await orders.pay('customer', order.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'wechat', channel: 'jsapi', simulated: true, orderId: order.id, totalFen: 9000 + shipping.flatFeeFen });
    expect((await orders.getOk('customer', order.id)).status).toBe('pending_payment');
    const simulated = await orders.simulate('customer', order.id, 'pay');
    expect(simulated.body).toMatchObject({ status: 'paid', paid: true, message: '支付成功' });
    const paid = await orders.getOk('customer', order.id);
    expect(paid).toMatchObject({ status: 'paid', paidFen: 9000 + shipping.flatFeeFen, expiresAt: null, actions: { pay: false, cancel: false, refund: true } });
    expect(paid.paidAt).not.toBeNull();
    expect(paid.timeline.map((entry) => [entry.action, entry.actorName])).toEqual([
      ['placed', '买家'],
      ['pay', '系统'],
    ]);
    const [row] = await db()
      .select({ transactionId: schema.orders.transactionId, channel: schema.orders.paymentChannel })
      .from(schema.orders)
      .where(eq(schema.orders.id, order.id));
    // WeChat's transaction id (the simulator's 4200…), not the demo seed's DEMO-….
    expect(row).toEqual({ transactionId: expect.stringMatching(/^4200\d{24}$/), channel: 'jsapi' });
    const [sku] = await db().select({ sales: schema.skus.salesCount, stock: schema.skus.stockAvailable }).from(schema.skus).where(eq(schema.skus.id, a.skuIds[0]!));
    expect(sku).toEqual({ sales: 3, stock: 5 });
    expect((await ledgerOf(order.id)).map((move) => move.type)).toEqual(['reserve']);

    const twice = await orders.pay('customer', order.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'INVALID_STATE', message: '订单已支付' });
  });

  it('should give a pickup order a 6-digit code once paid', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 3 });
    const order = await orders.placeOk('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup });
    expect(order.pickup?.code).toBeNull();
    const paid = await orders.payOk('customer', order.id);
    expect(paid.pickup?.code).toMatch(/^\d{6}$/);
  });
});

describe('expiry and auto-completion', () => {
  it('should refuse to pay an order past its deadline, and the job should cancel it and release its stock once', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 4 });
    const order = await orders.placeOk('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 3 }], delivery: pickup });
    const fresh = await orders.placeOk('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup });
    clock.advance(payTimeoutMinutes * MINUTE - 1000);
    expect((await orders.getOk('customer', order.id)).actions.pay).toBe(true);
    clock.advance(1000);

    const late = await orders.pay('customer', order.id);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'INVALID_STATE', message: '订单已超时关闭' });
    expect((await orders.getOk('customer', order.id)).actions.pay).toBe(false);

    const first = await fixture.app.built.orderJobs.runOnce();
    expect(first.expired).toBeGreaterThanOrEqual(2);
    const expired = await orders.getOk('customer', order.id);
    expect(expired).toMatchObject({ status: 'cancelled', expiresAt: null });
    expect(expired.timeline.at(-1)).toMatchObject({ action: 'expire', actorKind: 'system', actorName: '系统', to: 'cancelled' });
    expect((await orders.getOk('customer', fresh.id)).status).toBe('cancelled');
    expect(await stockOf(db(), a.skuIds[0]!)).toBe(4);

    const second = await fixture.app.built.orderJobs.runOnce();
    expect(second.expired).toBe(0);
    expect((await ledgerOf(order.id)).map((move) => [move.type, move.quantity])).toEqual([
      ['reserve', -3],
      ['release', 3],
    ]);
    expect(await ledgerProblems(db(), feiyi)).toEqual([]);
    const paidLater = await orders.pay('customer', order.id);
    expect(paidLater.body.error).toMatchObject({ code: 'INVALID_STATE', message: '订单已超时关闭' });
  });

  it('should let the customer confirm receipt of a shipped order, and complete unconfirmed ones after the days allowed', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 5 });
    const addressId = await orders.addressOf('customer');
    const body = { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: express(addressId) };
    const confirmed = await orders.placePaid('customer', body);
    const waiting = await orders.placePaid('customer', body);
    const overdue = await orders.placePaid('customer', body);
    const now = clock.now();
    await markShipped(confirmed.id, now);
    await markShipped(waiting.id, new Date(now.getTime() - (autoCompleteDays * 24 * 60 - 1) * MINUTE));
    await markShipped(overdue.id, new Date(now.getTime() - autoCompleteDays * 24 * 60 * MINUTE));

    const shipped = await orders.getOk('customer', confirmed.id);
    expect(shipped.actions.confirmReceipt).toBe(true);
    expect(shipped.autoCompleteAt).toBe(new Date(now.getTime() + autoCompleteDays * 24 * 60 * MINUTE).toISOString());
    expect(shipped.parcels[0]).toMatchObject({ carrier: 'SF', carrierName: '顺丰速运', trackingNo: 'SF1234567890' });

    const res = await orders.confirmReceipt('customer', confirmed.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', completedAt: now.toISOString(), autoCompleteAt: null, actions: { confirmReceipt: false, refund: true } });
    expect((await orders.confirmReceipt('customer', confirmed.id)).status).toBe(409);

    const pass = await fixture.app.built.orderJobs.runOnce();
    expect(pass.completed).toBe(1);
    const done = await orders.getOk('customer', overdue.id);
    expect(done).toMatchObject({ status: 'completed', completedAt: now.toISOString() });
    expect(done.timeline.at(-1)).toMatchObject({ action: 'auto_complete', label: '超时自动确认收货', actorName: '系统' });
    expect((await orders.getOk('customer', waiting.id)).status).toBe('shipped');
    expect((await orders.confirmReceipt('customer', waiting.id)).status).toBe(200);
  });

  it('should not confirm receipt of an order that has not shipped', async () => {
    const a = await productWithStock(db(), feiyi, { stock: 5 });
    const order = await orders.placePaid('customer', { items: [{ skuId: a.skuIds[0]!, quantity: 1 }], delivery: pickup });
    const res = await orders.confirmReceipt('customer', order.id);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('INVALID_STATE');
  });
});
