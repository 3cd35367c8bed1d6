import { shippingFeeFen, type DeliveryMethod, type ShippingRules } from '@qiaodu/shared';
import { AppError } from '../../http/app-error';

/** The largest order total the books can hold (orders' money columns are 32-bit integers). */
export const ORDER_TOTAL_FEN_MAX = 2_147_483_647;
/** The goods of one order at most, leaving room for shipping (checkout preview says the same). */
export const ORDER_ITEMS_FEN_MAX = ORDER_TOTAL_FEN_MAX - 1_000_000;

export interface AllocationLine {
  skuId: number;
  quantity: number;
}

export interface AllocationRequest {
  customerId: number;
  lines: readonly AllocationLine[];
  /** With the shop's shipping rules, what the order would cost beyond its goods. */
  delivery: DeliveryMethod;
}

/** A SKU as read under its lock in the placing transaction. */
export interface LockedSku {
  id: number;
  productId: number;
  stock: number;
  onSale: boolean;
  priceFen: number;
  /** 限购 of its product; null: none. */
  purchaseLimit: number | null;
}

/** Per request: granted, or the refusal it answers with. */
export type Allocation = { granted: true } | { granted: false; error: AppError };

const limitKey = (customerId: number, productId: number) => `${customerId}:${productId}`;

/**
 * Decides which of a batch's orders get their stock, as if they had arrived one by one in the
 * given order: each order is all or nothing (a refused order takes no unit from anyone), and
 * each refusal names what a lone request would have been told at that moment. Pure, so the
 * placing transaction can run it again when requests drop out (replays found on insert):
 * dropping a request only leaves more stock and more 限购 room for later ones, so every order
 * granted before stays granted.
 *
 * `purchased`: units each customer already holds of each 限购 product (`customerId:productId`).
 * `shipping`: the shop's shipping rules (an order must cost at least 1 fen in all).
 * `skipped`: requests that take no part (replays).
 */
export function allocate(
  requests: readonly AllocationRequest[],
  skus: ReadonlyMap<number, LockedSku>,
  purchased: ReadonlyMap<string, number>,
  shipping: ShippingRules,
  skipped: ReadonlySet<number> = new Set(),
): Allocation[] {
  const left = new Map([...skus].map(([id, sku]) => [id, sku.stock]));
  const bought = new Map(purchased);
  return requests.map((request, index): Allocation => {
    if (skipped.has(index)) return { granted: false, error: new AppError('INVALID_STATE') };
    const refusal = refusalOf(request, skus, left, bought, shipping);
    if (refusal) return { granted: false, error: refusal };
    for (const line of request.lines) {
      left.set(line.skuId, left.get(line.skuId)! - line.quantity);
      const sku = skus.get(line.skuId)!;
      if (sku.purchaseLimit !== null) {
        const key = limitKey(request.customerId, sku.productId);
        bought.set(key, (bought.get(key) ?? 0) + line.quantity);
      }
    }
    return { granted: true };
  });
}

function refusalOf(
  request: AllocationRequest,
  skus: ReadonlyMap<number, LockedSku>,
  left: ReadonlyMap<number, number>,
  bought: ReadonlyMap<string, number>,
  shipping: ShippingRules,
): AppError | null {
  const unavailable = request.lines.filter((line) => !skus.get(line.skuId)?.onSale).map((line) => line.skuId);
  if (unavailable.length > 0) return new AppError('SKU_UNAVAILABLE', undefined, { skuIds: unavailable });

  const wanted = new Map<number, number>();
  for (const line of request.lines) {
    const sku = skus.get(line.skuId)!;
    if (sku.purchaseLimit !== null) wanted.set(sku.productId, (wanted.get(sku.productId) ?? 0) + line.quantity);
  }
  for (const [productId, units] of wanted) {
    const limit = [...skus.values()].find((sku) => sku.productId === productId)!.purchaseLimit!;
    const already = bought.get(limitKey(request.customerId, productId)) ?? 0;
    if (already + units > limit) {
      const message = already > 0 ? `该商品每人限购 ${limit} 件，您已购买 ${already} 件` : `该商品每人限购 ${limit} 件`;
      return new AppError('PURCHASE_LIMIT_EXCEEDED', message, { productId, limit, bought: already });
    }
  }

  const short = request.lines
    .filter((line) => left.get(line.skuId)! < line.quantity)
    .map((line) => ({ skuId: line.skuId, requested: line.quantity, available: Math.max(0, left.get(line.skuId)!) }));
  if (short.length > 0) {
    const message = short.length === 1 ? `库存不足：仅剩 ${short[0]!.available} 件` : `${short.length} 个规格库存不足`;
    return new AppError('OUT_OF_STOCK', message, { skus: short });
  }

  const itemsFen = request.lines.reduce((sum, line) => sum + skus.get(line.skuId)!.priceFen * line.quantity, 0);
  if (itemsFen > ORDER_ITEMS_FEN_MAX) {
    const message = '订单金额超出上限，请分开下单';
    return new AppError('VALIDATION_FAILED', message, [{ path: 'body.items', message }]);
  }
  // WeChat Pay takes at least 1 fen: an order of free goods with nothing to pay could never be paid.
  if (itemsFen + shippingFeeFen(request.delivery, itemsFen, shipping) < 1) return new AppError('ORDER_AMOUNT_ZERO');
  return null;
}
