/**
 * Zod-free order arithmetic and identifiers, shared by the server (which decides) and the
 * storefront (which shows the same numbers before a round trip).
 */
import type { DeliveryMethod, OrderStatus } from './order-enums';

export interface ShippingRules {
  /** Parcels whose items come to at least this much ship free. */
  freeAboveFen: number;
  /** Otherwise this flat fee, once per order. */
  flatFeeFen: number;
}

/** Campus pickup costs nothing; a parcel is free above the threshold, else the flat fee. */
export function shippingFeeFen(method: DeliveryMethod, itemsTotalFen: number, rules: ShippingRules): number {
  if (method === 'pickup') return 0;
  return itemsTotalFen >= rules.freeAboveFen ? 0 : rules.flatFeeFen;
}

/** WeChat Pay's out_trade_no: 6 to 32 of letters, digits, _ and -. */
const OUT_TRADE_NO = /^[A-Za-z0-9_-]{6,32}$/;
export function isValidOutTradeNo(value: string): boolean {
  return OUT_TRADE_NO.test(value);
}

/** Letters and digits that cannot be misread aloud or on a label (no 0/O, 1/I/L). */
const READABLE = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * An order number people can read over the phone: QD, the China-time date, and 8 readable
 * characters from `random` (e.g. QD20261129-7KM3XR2A, 19 characters). Unique by a database
 * constraint; a clash (31^8 ≈ 8.5·10^11 per day) is simply retried with new randomness.
 */
export function formatOrderNo(at: Date, random: Uint8Array): string {
  if (random.length < 8) throw new Error('an order number needs 8 random bytes');
  const china = new Date(at.getTime() + 8 * 60 * 60 * 1000);
  const day = china.toISOString().slice(0, 10).replace(/-/g, '');
  let tail = '';
  for (let i = 0; i < 8; i++) tail += READABLE[random[i]! % READABLE.length];
  return `QD${day}-${tail}`;
}

/** Statuses in which a customer may ask for a refund (completed ones only within the window). */
const REFUNDABLE_STATUSES: readonly OrderStatus[] = ['paid', 'partially_shipped', 'shipped', 'ready_for_pickup', 'completed'];

/**
 * Whether the order still takes refund requests at `now`: paid and not yet closed, or completed
 * less than `windowDays` ago (the shop's 售后期).
 */
export function refundWindowOpen(order: { status: OrderStatus; completedAt: Date | null }, now: Date, windowDays: number): boolean {
  if (!REFUNDABLE_STATUSES.includes(order.status)) return false;
  if (order.status !== 'completed') return true;
  return order.completedAt !== null && now.getTime() - order.completedAt.getTime() < windowDays * 24 * 60 * 60 * 1000;
}
