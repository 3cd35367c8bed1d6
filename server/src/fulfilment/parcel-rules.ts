import { canTransitionOrder, type DeliveryMethod, type OrderStatus } from '@qiaodu/shared';

/** An order as the parcel rules need it. */
export interface ParcelOrderState {
  status: OrderStatus;
  deliveryMethod: DeliveryMethod;
}

/** A parcel as the rules need it: when it left, was prepared, handed over. */
export interface ParcelState {
  shippedAt: Date | null;
  readyAt: Date | null;
  pickedUpAt: Date | null;
}

/** One of the team's lines: units bought, refunded, and held by an open refund request. */
export interface ParcelLine {
  quantity: number;
  refundedQuantity: number;
  openRefundQuantity: number;
}

/**
 * Why the team's goods cannot go out now, or null. Refunded units are not packed; while open
 * refund requests cover every unit that is left, the team settles the after-sales first (once a
 * request is rejected or withdrawn the parcel goes out; a partial request does not hold up the rest).
 */
export function parcelGoodsProblem(lines: readonly ParcelLine[]): string | null {
  const left = lines.reduce((sum, line) => sum + line.quantity - line.refundedQuantity, 0);
  if (left <= 0) return '该包裹的商品已全部退款';
  const inRefund = lines.reduce((sum, line) => sum + line.openRefundQuantity, 0);
  if (inRefund >= left) return '该包裹的商品正在退款，请先处理售后';
  return null;
}

const order = (state: ParcelOrderState) => ({ status: state.status, delivery: state.deliveryMethod });

/** The team may ship its parcel: an express order waiting for it (ship_part/ship_rest start there). */
export function shippable(state: ParcelOrderState, parcel: ParcelState): boolean {
  return canTransitionOrder(order(state), 'ship_part', 'team') && parcel.shippedAt === null;
}

/** The team may report its part of a pickup order prepared. */
export function preparable(state: ParcelOrderState, parcel: ParcelState): boolean {
  return canTransitionOrder(order(state), 'ready_for_pickup', 'team') && parcel.readyAt === null;
}

/** Labels are printed for express orders about to ship or shipped (a reprint for a lost label). */
const LABEL_STATUSES: readonly OrderStatus[] = ['paid', 'partially_shipped', 'shipped'];
export function labelPrintable(state: ParcelOrderState): boolean {
  return state.deliveryMethod === 'express' && LABEL_STATUSES.includes(state.status);
}
