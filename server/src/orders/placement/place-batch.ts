import { randomBytes } from 'node:crypto';
import { schema, type Tx } from '@qiaodu/db';
import { formatOrderNo, shippingFeeFen, type AddressSnapshot, type DeliveryMethod, type SpecValue } from '@qiaodu/shared';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppError } from '../../http/app-error';
import { applyStockMovesInBulk, lockProductsOfSkus } from '../../inventory/ledger';
import type { OrderBundle } from '../order-mapper';
import { purchasedUnitsOfCustomers } from '../purchase-limits';
import type { OrderSettings } from '../settings';
import { allocate, type AllocationLine, type LockedSku } from './allocate';
import { insertOrders, type NewItem, type NewOrder, type WrittenOrder } from './order-inserts';

const { products, skus, teams } = schema;

/** One POST /api/orders that passed every check needing no lock (body, key, address). */
export interface PlacementRequest {
  customerId: number;
  idempotencyKey: string;
  requestHash: string;
  /** In the body's order. */
  lines: readonly AllocationLine[];
  delivery: DeliveryMethod;
  /** Express only: the customer's address as it is now. */
  address: (AddressSnapshot & { areaCode: string }) | null;
  remark: string;
  /** The live session the customer's `?live=` link named, resolved before the batch; null if none or stale. */
  liveSessionId: number | null;
}

export type PlacementOutcome =
  | { kind: 'placed'; bundle: OrderBundle }
  | { kind: 'refused'; error: AppError }
  /** Another process committed an order with this customer's key first: answer that one. */
  | { kind: 'replay' };

interface SkuSnapshot extends LockedSku {
  code: string;
  specs: SpecValue[];
  title: string;
  teamId: number;
  teamName: string;
  image: string | null;
}

/**
 * Places a batch of orders in the caller's transaction, as if they had arrived one by one in
 * the given order. Lock order as everywhere: the products, then the SKUs, each by id (the SKUs'
 * locks are taken by the statement that reads them). Under those locks the SKUs' stock, status,
 * price and 限购 are read once and `allocate` decides who gets what. The granted orders are
 * written in one statement (with their items, parcels and 'placed' entries), then the ledger
 * takes each SKU's summed units in one conditional UPDATE and writes every reservation with its
 * exact running balance. The UPDATE cannot fall short (the locks are held and the allocation
 * never exceeds the stock read); the ledger checks it anyway. Round trips are few on purpose:
 * the hot SKU stays locked from the first statement to the commit.
 *
 * A key already used by another process's committed order shows up as a conflict on insert
 * (ON CONFLICT DO NOTHING): that request becomes a replay and reserves nothing, and the
 * allocation runs again for the requests it had refused, until nothing changes.
 */
export async function placeBatch(tx: Tx, requests: readonly PlacementRequest[], now: Date, settings: OrderSettings): Promise<PlacementOutcome[]> {
  const skuIds = [...new Set(requests.flatMap((request) => request.lines.map((line) => line.skuId)))];
  await lockProductsOfSkus(tx, skuIds);
  const snapshots = await readAndLockSkus(tx, skuIds);
  const limited = [...new Set([...snapshots.values()].filter((sku) => sku.purchaseLimit !== null).map((sku) => sku.productId))];
  const purchased = await purchasedUnitsOfCustomers(
    tx,
    requests.map((request) => request.customerId),
    limited,
  );

  const replays = new Set<number>();
  const placed = new Map<number, WrittenOrder>();
  const expiresAt = new Date(now.getTime() + settings.payTimeoutMinutes * 60_000);
  let allocation = allocate(requests, snapshots, purchased, settings.shipping, replays);
  for (;;) {
    const fresh = allocation.flatMap((result, n) => (result.granted && !placed.has(n) ? [n] : []));
    if (fresh.length === 0) break;
    const written = await insertOrders(
      tx,
      fresh.map((n) => ({ n, order: newOrder(requests[n]!, snapshots, settings, now, expiresAt), items: newItems(requests[n]!, snapshots) })),
      now,
    );
    for (const n of fresh) {
      const order = written.get(n);
      if (order) placed.set(n, order);
      else replays.add(n);
    }
    // The reservations, in arrival order: each ledger row's balance follows the one before.
    await applyStockMovesInBulk(
      tx,
      fresh.flatMap((n) => {
        const order = written.get(n)?.order;
        if (!order) return [];
        return requests[n]!.lines.map((line) => ({
          skuId: line.skuId,
          teamId: snapshots.get(line.skuId)!.teamId,
          type: 'reserve' as const,
          quantity: -line.quantity,
          orderId: order.id,
          note: order.orderNo,
          actorId: order.customerId,
        }));
      }),
      now,
    );
    if (written.size === fresh.length) break;
    allocation = allocate(requests, snapshots, purchased, settings.shipping, replays);
    for (const n of placed.keys()) {
      if (!allocation[n]!.granted) throw new Error('an order granted before a replay dropped out lost its stock');
    }
  }

  const teamName = new Map([...snapshots.values()].map((sku) => [sku.teamId, sku.teamName]));
  return requests.map((_, n): PlacementOutcome => {
    const written = placed.get(n);
    if (written) {
      return {
        kind: 'placed',
        bundle: {
          order: written.order,
          items: written.items.map((item) => ({ ...item, teamName: teamName.get(item.teamId)! })),
          parcels: written.parcels.map((parcel) => ({ ...parcel, teamName: teamName.get(parcel.teamId)! })),
          events: written.events.map((event) => ({ ...event, staffName: null, teamName: null })),
          openRefundUnits: new Map(),
          refunds: [],
        },
      };
    }
    if (replays.has(n)) return { kind: 'replay' };
    const result = allocation[n]!;
    if (result.granted) throw new Error('a granted order was not written');
    return { kind: 'refused', error: result.error };
  });
}

/** The SKUs' snapshot, taking their locks (by id) in the same statement: the products are locked already. */
async function readAndLockSkus(tx: Tx, skuIds: readonly number[]): Promise<Map<number, SkuSnapshot>> {
  if (skuIds.length === 0) return new Map();
  const rows = await tx
    .select({
      id: skus.id,
      productId: skus.productId,
      code: skus.code,
      specs: skus.specs,
      priceFen: skus.priceFen,
      stock: skus.stockAvailable,
      status: products.status,
      title: products.title,
      purchaseLimit: products.purchaseLimit,
      teamId: products.teamId,
      teamName: teams.name,
      // The detail-size picture of the first gallery image, as the product page shows it.
      image: sql<string | null>`(select i.url from product_images i where i.product_id = ${products.id} and i.kind = 'gallery' order by i.position limit 1)`,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(teams, eq(teams.id, products.teamId))
    .where(inArray(skus.id, [...skuIds]))
    .orderBy(asc(skus.id))
    .for('no key update', { of: skus });
  return new Map(rows.map((row) => [row.id, { ...row, onSale: row.status === 'on_sale' }]));
}

function newOrder(
  request: PlacementRequest,
  snapshots: ReadonlyMap<number, SkuSnapshot>,
  settings: OrderSettings,
  now: Date,
  expiresAt: Date,
): NewOrder {
  const itemsFen = request.lines.reduce((sum, line) => sum + snapshots.get(line.skuId)!.priceFen * line.quantity, 0);
  const shippingFen = shippingFeeFen(request.delivery, itemsFen, settings.shipping);
  const address = request.address;
  return {
    // 31^8 numbers a day: a clash aborts the batch, which is simply run again (batcher).
    orderNo: formatOrderNo(now, randomBytes(8)),
    customerId: request.customerId,
    idempotencyKey: request.idempotencyKey,
    requestHash: request.requestHash,
    status: 'pending_payment',
    deliveryMethod: request.delivery,
    itemsFen,
    shippingFen,
    totalFen: itemsFen + shippingFen,
    paidFen: 0,
    refundedFen: 0,
    remark: request.remark,
    recipientName: address?.name ?? null,
    recipientPhone: address?.phone ?? null,
    areaCode: address?.areaCode ?? null,
    province: address?.province ?? null,
    city: address?.city ?? null,
    county: address?.county ?? null,
    addressDetail: address?.detail ?? null,
    pickupCode: null,
    expiresAt,
    paidAt: null,
    paymentChannel: null,
    transactionId: null,
    liveSessionId: request.liveSessionId,
    shippedAt: null,
    completedAt: null,
    cancelledAt: null,
    cancelReason: null,
    createdAt: now,
    updatedAt: now,
  };
}

function newItems(request: PlacementRequest, snapshots: ReadonlyMap<number, SkuSnapshot>): NewItem[] {
  return request.lines.map((line) => {
    const sku = snapshots.get(line.skuId)!;
    return {
      skuId: sku.id,
      productId: sku.productId,
      teamId: sku.teamId,
      title: sku.title,
      skuCode: sku.code,
      specs: sku.specs,
      image: sku.image,
      unitPriceFen: sku.priceFen,
      quantity: line.quantity,
      lineFen: sku.priceFen * line.quantity,
    };
  });
}
