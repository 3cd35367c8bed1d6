import { createHash } from 'node:crypto';
import { schema } from '@qiaodu/db';
import { IDEMPOTENCY_KEY_PATTERN, type OrderDetail, type PlaceOrderBody, type ShippingRules } from '@qiaodu/shared';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../http/app-error';
import type { OrderDeps } from '../deps';
import { toOrderDetail } from '../order-mapper';
import { readOrderBundles } from '../order-reader';
import { createPlacementBatcher } from './batcher';
import type { PlacementRequest } from './place-batch';
import { allocate, type LockedSku } from './allocate';
import { createPreludeReader } from './prelude';
import { resolveLiveCode } from '../../shifts/live/service';

const { orders } = schema;

type ParsedBody = z.output<typeof PlaceOrderBody>;

export interface Placed {
  order: OrderDetail;
  /** The key was used before with this body: the earlier order, unchanged. */
  replayed: boolean;
}

/**
 * The key's request, reduced to what decides the order: lines by SKU (their order in the body
 * does not change what is bought), the delivery, and the remark. Same key, same hash: replay.
 */
export function requestHashOf(body: ParsedBody): string {
  const canonical = {
    items: [...body.items].sort((a, b) => a.skuId - b.skuId).map((line) => [line.skuId, line.quantity]),
    delivery: body.delivery.method === 'express' ? ['express', body.delivery.addressId] : ['pickup'],
    remark: body.remark ?? '',
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * POST /api/orders. Everything that needs no lock happens here, in one lookup, before the order
 * joins a batch: the Idempotency-Key, a replay of an order already placed with it, the address,
 * and refusals the committed stock already proves (sold out, off sale). Granting the stock,
 * 限购 and writing the order are decided in the batch (placement/place-batch.ts).
 */
export function createPlacementService(deps: OrderDeps) {
  const batcher = createPlacementBatcher(deps);
  const readPrelude = createPreludeReader(deps.db);
  /**
   * Requests of this process per customer and key still being placed. A second one with the
   * same key waits for the first and then replays it (or learns the key went with another
   * body); across processes the unique (customer, key) index decides.
   */
  const inFlight = new Map<string, Promise<unknown>>();

  /** The order placed earlier under this key, as it is now; a key reused with another body is refused. */
  async function replay(earlier: { id: number; hash: string }, hash: string): Promise<Placed> {
    if (earlier.hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    const [row] = await deps.db.select().from(orders).where(eq(orders.id, earlier.id));
    const [bundle] = await readOrderBundles(deps.db, [row!], { full: true });
    return { order: toOrderDetail(bundle!, deps.clock(), deps.settings.autoCompleteDays), replayed: true };
  }

  async function attempt(customerId: number, body: ParsedBody, key: string, hash: string): Promise<Placed> {
    const addressId = body.delivery.method === 'express' ? body.delivery.addressId : null;
    const prelude = await readPrelude({ customerId, key, skuIds: body.items.map((line) => line.skuId), addressId });
    if (prelude.earlier) return replay(prelude.earlier, hash);
    if (addressId !== null && !prelude.address) throw new AppError('ADDRESS_NOT_FOUND');
    const request: PlacementRequest = {
      customerId,
      idempotencyKey: key,
      requestHash: hash,
      lines: body.items,
      delivery: body.delivery.method,
      address: prelude.address,
      remark: body.remark ?? '',
      liveSessionId: await resolveLiveCode(deps.db, body.liveCode, deps.clock()),
    };
    const early = earlyRefusal(request, prelude.skus, deps.settings.shipping);
    if (early) throw early;
    const outcome = await batcher.place(request);
    if (outcome.kind === 'refused') throw outcome.error;
    if (outcome.kind === 'placed') {
      return { order: toOrderDetail(outcome.bundle, deps.clock(), deps.settings.autoCompleteDays), replayed: false };
    }
    const [row] = await deps.db
      .select({ id: orders.id, hash: orders.requestHash })
      .from(orders)
      .where(and(eq(orders.customerId, customerId), eq(orders.idempotencyKey, key)));
    if (!row) throw new Error('an order key conflicted but no order holds it');
    return replay(row, hash);
  }

  return {
    async place(customerId: number, body: ParsedBody, key: string | undefined): Promise<Placed> {
      if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
        throw new AppError('IDEMPOTENCY_KEY_REQUIRED', '请求缺少 Idempotency-Key 请求头（8–64 位字母、数字、- 或 _）');
      }
      const hash = requestHashOf(body);
      const slot = `${customerId}:${key}`;
      for (let earlier = inFlight.get(slot); earlier; earlier = inFlight.get(slot)) await earlier.catch(() => undefined);
      const work = attempt(customerId, body, key, hash);
      inFlight.set(slot, work);
      try {
        return await work;
      } finally {
        if (inFlight.get(slot) === work) inFlight.delete(slot);
      }
    },
  };
}

const EARLY_REFUSALS = new Set(['SKU_UNAVAILABLE', 'OUT_OF_STOCK', 'ORDER_AMOUNT_ZERO']);

/**
 * A refusal the committed state already proves, answered without joining a batch: goods off
 * sale or unknown, fewer units left than asked for, or nothing to pay. Refusing on a snapshot
 * is sound (the order is simply judged at that moment, and it takes nothing); granting never
 * is, so anything that looks possible goes to the batch, which decides under the locks. With 限购 in play the
 * batch decides alone, so the customer hears the same reason either way.
 */
function earlyRefusal(request: PlacementRequest, skus: ReadonlyMap<number, LockedSku>, shipping: ShippingRules): AppError | null {
  if (request.lines.some((line) => skus.get(line.skuId)?.purchaseLimit != null)) return null;
  const [verdict] = allocate([request], skus, new Map(), shipping);
  if (!verdict || verdict.granted) return null;
  return EARLY_REFUSALS.has(verdict.error.code) ? verdict.error : null;
}
