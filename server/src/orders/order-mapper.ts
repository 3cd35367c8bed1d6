import type { schema } from '@qiaodu/db';
import {
  canTransitionOrder,
  CARRIERS,
  ORDER_EVENT_LABELS,
  PICKUP_PLACE,
  REFUND_WINDOW_DAYS,
  refundWindowOpen,
  type OrderDetail,
  type AddressSnapshot,
  type OrderItem,
  type OrderParcel,
  type OrderSummary,
  type RefundSummary,
  type TimelineEntry,
} from '@qiaodu/shared';

type OrderRow = typeof schema.orders.$inferSelect;
type ItemRow = typeof schema.orderItems.$inferSelect;
type ParcelRow = typeof schema.orderParcels.$inferSelect;
type EventRow = typeof schema.orderEvents.$inferSelect;

/**
 * Everything an order's answer is made of, as plain rows: read back from the database
 * (order-reader) or kept from the inserts that created it (placement), so one mapper serves
 * every endpoint and a freshly placed order is not read again.
 */
export interface OrderBundle {
  order: OrderRow;
  items: (ItemRow & { teamName: string })[];
  /** Summaries need no parcels, timeline or refunds; the reader leaves them empty there. */
  parcels: (ParcelRow & { teamName: string })[];
  events: (EventRow & { staffName: string | null; teamName: string | null })[];
  /** Units of each order item in an open refund (requested, approved, failed). */
  openRefundUnits: ReadonlyMap<number, number>;
  refunds: RefundSummary[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PREVIEW_ITEMS = 3;

/** One order line as both the customer and the team that ships it see it. */
export function orderLineOf(item: Omit<ItemRow, 'teamId'>, openUnits: number): Omit<OrderItem, 'team'> {
  return {
    id: item.id,
    skuId: item.skuId,
    productId: item.productId,
    title: item.title,
    specs: item.specs,
    image: item.image,
    unitPriceFen: item.unitPriceFen,
    quantity: item.quantity,
    lineFen: item.lineFen,
    refundedQuantity: item.refundedQuantity,
    refundableQuantity: Math.max(0, item.quantity - item.refundedQuantity - openUnits),
  };
}

function toItem(item: OrderBundle['items'][number], openUnits: number): OrderItem {
  return { ...orderLineOf(item, openUnits), team: { id: item.teamId, name: item.teamName } };
}

/** Where a team's parcel is: carrier and tracking number once shipped, or pickup preparation. */
export function parcelFactsOf(parcel: ParcelFacts): Omit<OrderParcel, 'team' | 'itemIds'> {
  return {
    carrier: parcel.carrier,
    carrierName: parcel.carrier ? (CARRIERS[parcel.carrier] ?? parcel.carrier) : null,
    trackingNo: parcel.trackingNo,
    shippedAt: parcel.shippedAt?.toISOString() ?? null,
    readyAt: parcel.readyAt?.toISOString() ?? null,
    pickedUpAt: parcel.pickedUpAt?.toISOString() ?? null,
  };
}
type ParcelFacts = Pick<ParcelRow, 'carrier' | 'trackingNo' | 'shippedAt' | 'readyAt' | 'pickedUpAt'>;

/** The recipient as the order's snapshot holds it (fields of an erased account read empty). */
export function recipientOf(
  order: Pick<OrderRow, 'deliveryMethod' | 'recipientName' | 'recipientPhone' | 'province' | 'city' | 'county' | 'addressDetail'>,
): AddressSnapshot | null {
  if (order.deliveryMethod !== 'express' || order.recipientName === null) return null;
  return {
    name: order.recipientName,
    phone: order.recipientPhone ?? '',
    province: order.province ?? '',
    city: order.city ?? '',
    county: order.county ?? '',
    detail: order.addressDetail ?? '',
  };
}

/** The customer sees staff by team and name, themselves as 买家, and the server as 系统. */
function actorNameOf(event: OrderBundle['events'][number]): string {
  if (event.actorKind === 'customer') return '买家';
  if (event.actorKind === 'system') return '系统';
  const staff = event.staffName ?? '工作人员';
  return event.teamName ? `${event.teamName}·${staff}` : staff;
}

export function toTimelineEntry(event: OrderBundle['events'][number]): TimelineEntry {
  return {
    at: event.createdAt.toISOString(),
    action: event.action,
    label: ORDER_EVENT_LABELS[event.action] ?? event.action,
    from: event.fromStatus,
    to: event.toStatus,
    actorKind: event.actorKind,
    actorName: actorNameOf(event),
    note: event.note,
  };
}

export function toOrderSummary(bundle: OrderBundle, now: Date): OrderSummary {
  const { order } = bundle;
  const items = bundle.items.map((item) => toItem(item, bundle.openRefundUnits.get(item.id) ?? 0));
  const state = { status: order.status, delivery: order.deliveryMethod };
  const refundable = items.some((item) => item.refundableQuantity > 0);
  return {
    id: order.id,
    orderNo: order.orderNo,
    status: order.status,
    deliveryMethod: order.deliveryMethod,
    itemsFen: order.itemsFen,
    shippingFen: order.shippingFen,
    totalFen: order.totalFen,
    paidFen: order.paidFen,
    refundedFen: order.refundedFen,
    expiresAt: order.status === 'pending_payment' ? order.expiresAt.toISOString() : null,
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
    previewItems: items.slice(0, PREVIEW_ITEMS).map(({ skuId, title, specs, image, quantity, unitPriceFen }) => ({
      skuId,
      title,
      specs,
      image,
      quantity,
      unitPriceFen,
    })),
    hasOpenRefund: bundle.openRefundUnits.size > 0,
    actions: {
      // An order past its deadline that the job has not swept yet can no longer be paid.
      pay: canTransitionOrder(state, 'pay', 'system') && order.expiresAt > now,
      cancel: canTransitionOrder(state, 'cancel', 'customer'),
      confirmReceipt: canTransitionOrder(state, 'confirm_receipt', 'customer'),
      refund: refundable && refundWindowOpen({ status: order.status, completedAt: order.completedAt }, now, REFUND_WINDOW_DAYS),
    },
  };
}

export function toOrderDetail(bundle: OrderBundle, now: Date, autoCompleteDays: number): OrderDetail {
  const { order } = bundle;
  const summary = toOrderSummary(bundle, now);
  return {
    ...summary,
    items: bundle.items.map((item) => toItem(item, bundle.openRefundUnits.get(item.id) ?? 0)),
    parcels: bundle.parcels.map((parcel) => ({
      team: { id: parcel.teamId, name: parcel.teamName },
      itemIds: bundle.items.filter((item) => item.teamId === parcel.teamId).map((item) => item.id),
      ...parcelFactsOf(parcel),
    })),
    address: recipientOf(order),
    pickup: order.deliveryMethod === 'pickup' ? { place: PICKUP_PLACE, code: order.paidAt ? order.pickupCode : null } : null,
    remark: order.remark,
    cancelReason: order.cancelReason,
    completedAt: order.completedAt?.toISOString() ?? null,
    autoCompleteAt:
      order.status === 'shipped' && order.shippedAt ? new Date(order.shippedAt.getTime() + autoCompleteDays * DAY_MS).toISOString() : null,
    timeline: bundle.events.map(toTimelineEntry),
    refunds: bundle.refunds,
  };
}
