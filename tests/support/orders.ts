import { schema, type Db } from '@qiaodu/db';
import type { Address, AddressList, OrderDetail, PaymentStart, PaymentState, PlaceOrderBody, WechatPayChannel } from '@qiaodu/shared';
import { applyStockMove } from '@qiaodu/server/inventory/ledger';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { personaClient, type Answer } from './auth';
import { createBareProduct, teamIdOf } from './inventory';
import { freshKey, placeOrder } from './order-proofs';
import type { JsonResponse } from './test-app';

const { productImages, products, skus, teamMembers, users } = schema;

/** A fresh Idempotency-Key (the storefront makes one per 提交订单 tap). */
export const idempotencyKey = (): string => freshKey();

/** An express delivery body part, or pickup. */
export const pickup = { method: 'pickup' } as const;
export const express = (addressId: number) => ({ method: 'express', addressId }) as const;

/** A recipient the address book accepts (江门市新会区). */
export const TEST_ADDRESS = { name: '陈晓琳', phone: '13912345678', areaCode: '440705', detail: '会城街道中心路 1 号' };

/**
 * Customer-side order calls as demo personas over real HTTP. `client` is the test file's
 * personaClient (shared so each persona logs in once); every call answers the raw response so
 * tests can assert on refusals, and the `…Ok` variants throw unless the call succeeded.
 */
export function orderClient(baseUrl: () => string, client: ReturnType<typeof personaClient> = personaClient(baseUrl)) {
  const { tokenOf, send } = client;
  const addressIds = new Map<string, number>();

  /** POST /api/orders with an Idempotency-Key (a fresh one unless given; null sends none). */
  async function place(persona: string, body: PlaceOrderBody | Record<string, unknown>, key: string | null = idempotencyKey()) {
    return placeOrder(baseUrl(), await tokenOf(persona), body, key);
  }

  async function placeOk(persona: string, body: PlaceOrderBody, key?: string): Promise<OrderDetail> {
    return ok(await place(persona, body, key), 201, 'place an order');
  }

  /** POST /api/orders/:id/pay: a JSAPI prepay at WeChat Pay (the simulator in a demo shop). */
  const pay = (persona: string, orderId: number, channel: WechatPayChannel = 'jsapi') =>
    send<PaymentStart>(persona, 'POST', `/api/orders/${orderId}/pay`, { channel });
  /** The 模拟支付 sheet's button (demo shops): the simulator pays or fails, its notification is handled. */
  const simulate = (persona: string, orderId: number, outcome: 'pay' | 'fail') =>
    send<PaymentState>(persona, 'POST', `/api/pay/simulator/orders/${orderId}`, { outcome });
  const paymentState = (persona: string, orderId: number) => send<PaymentState>(persona, 'GET', `/api/orders/${orderId}/payment`);
  const get = (persona: string, orderId: number) => send<OrderDetail>(persona, 'GET', `/api/orders/${orderId}`);
  const getOk = async (persona: string, orderId: number): Promise<OrderDetail> => ok(await get(persona, orderId), 200, 'get the order');

  /**
   * Pays as a customer of a demo shop does: the prepay, then 模拟支付's pay (the simulator's
   * TRANSACTION.SUCCESS notification goes through the real intake); answers the paid order.
   */
  async function payOk(persona: string, orderId: number): Promise<OrderDetail> {
    ok(await pay(persona, orderId), 200, 'pay');
    const state = ok(await simulate(persona, orderId, 'pay'), 200, 'simulate the payment');
    if (!state.paid) throw new Error(`pay: the order is still ${state.status} (${state.message})`);
    return getOk(persona, orderId);
  }
  const cancel = (persona: string, orderId: number, reason?: string) =>
    send<OrderDetail>(persona, 'POST', `/api/orders/${orderId}/cancel`, reason === undefined ? {} : { reason });
  const confirmReceipt = (persona: string, orderId: number) => send<OrderDetail>(persona, 'POST', `/api/orders/${orderId}/confirm-receipt`);

  /** The persona's first address, created through the address book when they have none. */
  async function addressOf(persona: string): Promise<number> {
    const known = addressIds.get(persona);
    if (known) return known;
    const list = ok(await send<AddressList>(persona, 'GET', '/api/me/addresses'), 200, 'list addresses');
    const id = list.items[0]?.id ?? ok(await send<Address>(persona, 'POST', '/api/me/addresses', TEST_ADDRESS), 201, 'create an address').id;
    addressIds.set(persona, id);
    return id;
  }

  /** Places and pays in one go: the paid order. */
  async function placePaid(persona: string, body: PlaceOrderBody): Promise<OrderDetail> {
    const order = await placeOk(persona, body);
    return payOk(persona, order.id);
  }

  return { place, placeOk, pay, payOk, simulate, paymentState, placePaid, get, getOk, cancel, confirmReceipt, addressOf, tokenOf, send };
}

function ok<T>(response: JsonResponse<Answer<T>>, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export interface SkuPick {
  skuId: number;
  productId: number;
  teamId: number;
  priceFen: number;
  stock: number;
}

/** A seeded SKU on sale of the team (slug or id) with at least `minStock` units, lowest id first. */
export async function onSaleSku(db: Db, team: string | number, minStock = 1, options: { skip?: readonly number[] } = {}): Promise<SkuPick> {
  const teamId = typeof team === 'number' ? team : await teamIdOf(db, team);
  const rows = await db
    .select({ skuId: skus.id, productId: skus.productId, priceFen: skus.priceFen, stock: skus.stockAvailable })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(products.teamId, teamId), eq(products.status, 'on_sale'), gte(skus.stockAvailable, minStock), sql`${products.purchaseLimit} is null`))
    .orderBy(asc(skus.id));
  const row = rows.find((candidate) => !options.skip?.includes(candidate.skuId));
  if (!row) throw new Error(`team ${team} has no on-sale SKU with ${minStock} units`);
  return { ...row, teamId };
}

/**
 * A new product of the team on sale with one SKU (or several) holding `stock` units each,
 * received through the ledger as a team lead would: a hot SKU for concurrency tests, a 限购
 * product, or goods with plain numbers. The SKU price is `priceFen` (default 1000).
 */
export async function productWithStock(
  db: Db,
  team: string | number,
  options: { stock: number; priceFen?: number; purchaseLimit?: number | null; skuCount?: number; image?: string } ,
): Promise<{ productId: number; teamId: number; skuIds: number[]; priceFen: number }> {
  const teamId = typeof team === 'number' ? team : await teamIdOf(db, team);
  const { productId, partnerId, skuIds } = await createBareProduct(db, teamId, { skuCount: options.skuCount ?? 1 });
  const priceFen = options.priceFen ?? 1000;
  await db.update(skus).set({ priceFen }).where(eq(skus.productId, productId));
  if (options.purchaseLimit !== undefined) await db.update(products).set({ purchaseLimit: options.purchaseLimit }).where(eq(products.id, productId));
  if (options.image) await db.insert(productImages).values({ productId, kind: 'gallery', position: 0, url: options.image });
  const [member] = await db.select({ id: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.teamId, teamId)).limit(1);
  const [anyone] = member ? [member] : await db.select({ id: users.id }).from(users).limit(1);
  if (options.stock > 0) {
    await db.transaction(async (tx) => {
      for (const skuId of skuIds) {
        await applyStockMove(tx, {
          skuId,
          teamId,
          type: 'receive',
          quantity: options.stock,
          unitCostFen: Math.round(priceFen * 0.6),
          partnerId,
          attribution: { actorId: anyone!.id, shiftId: null },
          at: new Date(),
        });
      }
    });
  }
  return { productId, teamId, skuIds, priceFen };
}

/** Available stock of a SKU right now. */
export async function stockOf(db: Db, skuId: number): Promise<number> {
  const [row] = await db.select({ stock: skus.stockAvailable }).from(skus).where(eq(skus.id, skuId));
  if (!row) throw new Error(`no sku ${skuId}`);
  return row.stock;
}
