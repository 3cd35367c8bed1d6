import type { OrderDetail, OrderItem } from '@qiaodu/shared';

export interface RefundLine {
  orderItemId: number;
  quantity: number;
}

/** Items of the order that may still be asked for (not refunded, not in an open request). */
export function refundableItems(order: Pick<OrderDetail, 'items'>): OrderItem[] {
  return order.items.filter((item) => item.refundableQuantity > 0);
}

/**
 * What the chosen units cost, to show as the most one can ask for and the default. Only shown:
 * when the customer keeps it, no amount is sent and the server refunds what they cost itself.
 */
export function chosenValueFen(items: readonly OrderItem[], quantities: Readonly<Record<number, number>>): number {
  return items.reduce((sum, item) => sum + item.unitPriceFen * Math.min(quantities[item.id] ?? 0, item.refundableQuantity), 0);
}

/**
 * A whole-order refund returns every refundable unit, plus shipping while nothing has shipped;
 * never more than is left of what was paid. An estimate for the page; the server decides.
 */
export function wholeOrderEstimateFen(order: Pick<OrderDetail, 'items' | 'parcels' | 'shippingFen' | 'paidFen' | 'refundedFen'>): number {
  const items = refundableItems(order).reduce((sum, item) => sum + item.unitPriceFen * item.refundableQuantity, 0);
  const shipping = order.parcels.some((parcel) => parcel.shippedAt !== null) ? 0 : order.shippingFen;
  return Math.max(0, Math.min(items + shipping, order.paidFen - order.refundedFen));
}

/** The refund's lines: chosen items with at least one unit. */
export function refundLines(quantities: Readonly<Record<number, number>>): RefundLine[] {
  return Object.entries(quantities)
    .filter(([, quantity]) => quantity > 0)
    .map(([orderItemId, quantity]) => ({ orderItemId: Number(orderItemId), quantity }));
}

/** The one team whose items are chosen, or null; a request covers one team's items only. */
export function chosenTeamId(items: readonly OrderItem[], quantities: Readonly<Record<number, number>>): number | null {
  return items.find((item) => (quantities[item.id] ?? 0) > 0)?.team.id ?? null;
}
