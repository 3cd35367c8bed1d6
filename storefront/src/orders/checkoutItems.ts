import { ORDER_LINE_QUANTITY_MAX, ORDER_LINES_MAX } from '@qiaodu/shared';

/** One line being bought: a SKU and how many units. */
export interface CheckoutItem {
  skuId: number;
  quantity: number;
}

/**
 * What is being bought travels in the checkout URL (`?items=12:2,15:1`), so a reload, the back
 * button or a shared link keeps the selection; prices are never in it.
 */
export function encodeCheckoutItems(items: readonly CheckoutItem[]): string {
  return items.map((item) => `${item.skuId}:${item.quantity}`).join(',');
}

/** The lines of an `items` query value, or null when it is not a selection this shop made. */
export function decodeCheckoutItems(value: unknown): CheckoutItem[] | null {
  if (typeof value !== 'string' || value === '') return null;
  const items: CheckoutItem[] = [];
  const seen = new Set<number>();
  for (const part of value.split(',')) {
    const match = /^(\d{1,12}):(\d{1,3})$/.exec(part);
    if (!match) return null;
    const skuId = Number(match[1]);
    const quantity = Number(match[2]);
    if (skuId < 1 || quantity < 1 || quantity > ORDER_LINE_QUANTITY_MAX || seen.has(skuId)) return null;
    seen.add(skuId);
    items.push({ skuId, quantity });
  }
  return items.length <= ORDER_LINES_MAX ? items : null;
}
