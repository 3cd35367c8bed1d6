import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  DELIVERY_METHODS,
  ORDER_EVENT_ACTIONS,
  ORDER_STATUSES,
  REFUND_DISPOSITIONS,
  REFUND_EVENT_ACTIONS,
  REFUND_STATUSES,
  type CarrierCode,
  type DeliveryMethod,
  type OrderEventAction,
  type OrderStatus,
  type RefundEventAction,
  type RefundStatus,
  type SpecValue,
} from '@qiaodu/shared';
import { users } from './accounts';
import { products, skus, teams } from './catalog';
import { createdAt, sqlList, updatedAt } from './columns';
import { liveSessions, shifts } from './shifts';

const at = (name: string) => timestamp(name, { withTimezone: true });
/** People are kept as references that survive account deletion: orders are the shop's books. */
const person = (name: string) => integer(name).references(() => users.id, { onDelete: 'set null' });
/** The operations shift the actor was clocked into; null: done outside any shift (marked so). */
const shiftId = (name = 'shift_id') => integer(name).references(() => shifts.id, { onDelete: 'restrict' });
const ACTOR_KINDS = ['customer', 'team', 'system'] as const;

/** A customer's cart lives on the server: the mini-program and the WeChat browser share it. */
export const cartItems = pgTable(
  'cart_items',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    selected: boolean('selected').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.skuId] }),
    index('cart_items_sku_idx').on(t.skuId),
    check('cart_items_quantity_range', sql`${t.quantity} between 1 and 999`),
  ],
);

/**
 * An order: its money (integer fen, computed by the server), its state, and snapshots of what
 * was bought and where it goes, so it reads the same after prices, products or the customer's
 * address book change, and after the customer deletes their account.
 */
export const orders = pgTable(
  'orders',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orderNo: text('order_no').notNull(),
    customerId: person('customer_id'),
    /** The client's Idempotency-Key and a hash of the request it came with. */
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: text('status').$type<OrderStatus>().notNull().default('pending_payment'),
    deliveryMethod: text('delivery_method').$type<DeliveryMethod>().notNull(),
    itemsFen: integer('items_fen').notNull(),
    shippingFen: integer('shipping_fen').notNull(),
    totalFen: integer('total_fen').notNull(),
    paidFen: integer('paid_fen').notNull().default(0),
    refundedFen: integer('refunded_fen').notNull().default(0),
    remark: text('remark').notNull().default(''),
    recipientName: text('recipient_name'),
    recipientPhone: text('recipient_phone'),
    areaCode: text('area_code'),
    province: text('province'),
    city: text('city'),
    county: text('county'),
    addressDetail: text('address_detail'),
    /** Campus pickup: 6 digits, given at payment, unique among orders waiting for pickup. */
    pickupCode: text('pickup_code'),
    expiresAt: at('expires_at').notNull(),
    paidAt: at('paid_at'),
    paymentChannel: text('payment_channel'),
    /** The payment provider's transaction id (WeChat Pay's transaction_id; demo-… for demo pay). */
    transactionId: text('transaction_id'),
    /** The live stream (直播) whose link (`?live=CODE`) the customer came through to checkout. */
    liveSessionId: integer('live_session_id').references(() => liveSessions.id, { onDelete: 'restrict' }),
    shippedAt: at('shipped_at'),
    completedAt: at('completed_at'),
    cancelledAt: at('cancelled_at'),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_order_no_key').on(t.orderNo),
    uniqueIndex('orders_customer_idempotency_key').on(t.customerId, t.idempotencyKey),
    uniqueIndex('orders_transaction_id_key').on(t.transactionId),
    uniqueIndex('orders_open_pickup_code_key')
      .on(t.pickupCode)
      .where(sql`${t.pickupCode} is not null and ${t.status} in ('paid', 'ready_for_pickup')`),
    index('orders_customer_idx').on(t.customerId, t.createdAt),
    // The expiry and auto-complete jobs scan only what is due.
    index('orders_pending_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'pending_payment'`),
    index('orders_shipped_idx').on(t.shippedAt).where(sql`${t.status} = 'shipped'`),
    // A live session's page lists its orders as they come in.
    index('orders_live_session_idx').on(t.liveSessionId, t.createdAt).where(sql`${t.liveSessionId} is not null`),
    check('orders_status_check', sql`${t.status} in (${sqlList(ORDER_STATUSES)})`),
    check('orders_delivery_method_check', sql`${t.deliveryMethod} in (${sqlList(DELIVERY_METHODS)})`),
    check('orders_order_no_format', sql`${t.orderNo} ~ '^[A-Za-z0-9_-]{6,32}$'`),
    check('orders_money_nonneg', sql`${t.itemsFen} >= 0 and ${t.shippingFen} >= 0 and ${t.paidFen} >= 0 and ${t.refundedFen} >= 0`),
    check('orders_total_sum', sql`${t.totalFen} = ${t.itemsFen} + ${t.shippingFen}`),
    check('orders_refund_within_paid', sql`${t.refundedFen} <= ${t.paidFen}`),
    check('orders_express_has_address', sql`(${t.deliveryMethod} = 'express') = (${t.recipientName} is not null)`),
    check('orders_pickup_code_format', sql`${t.pickupCode} is null or ${t.pickupCode} ~ '^[0-9]{6}$'`),
  ],
);

/** What was bought: one line per SKU, priced and described as it was at checkout. */
export const orderItems = pgTable(
  'order_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'restrict' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    /** The team whose goods these are: it ships them and decides refunds on them. */
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    skuCode: text('sku_code').notNull(),
    specs: jsonb('specs').$type<SpecValue[]>().notNull().default([]),
    image: text('image'),
    unitPriceFen: integer('unit_price_fen').notNull(),
    quantity: integer('quantity').notNull(),
    lineFen: integer('line_fen').notNull(),
    /** Units refunded (money returned); what remains may still be asked for. */
    refundedQuantity: integer('refunded_quantity').notNull().default(0),
  },
  (t) => [
    uniqueIndex('order_items_order_sku_key').on(t.orderId, t.skuId),
    index('order_items_team_idx').on(t.teamId, t.orderId),
    index('order_items_sku_idx').on(t.skuId),
    check('order_items_quantity_positive', sql`${t.quantity} > 0`),
    check('order_items_line_sum', sql`${t.lineFen} = ${t.unitPriceFen} * ${t.quantity}`),
    check('order_items_refunded_range', sql`${t.refundedQuantity} between 0 and ${t.quantity}`),
  ],
);

/**
 * One team's part of an order, created with it: shipped as its own parcel (carrier, tracking
 * number) or prepared and handed over at the pickup point. The order moves when every part has.
 */
export const orderParcels = pgTable(
  'order_parcels',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'restrict' }),
    carrier: text('carrier').$type<CarrierCode>(),
    trackingNo: text('tracking_no'),
    shippedAt: at('shipped_at'),
    shippedBy: person('shipped_by'),
    shippedShiftId: shiftId('shipped_shift_id'),
    readyAt: at('ready_at'),
    readyBy: person('ready_by'),
    readyShiftId: shiftId('ready_shift_id'),
    pickedUpAt: at('picked_up_at'),
    pickedUpBy: person('picked_up_by'),
    pickedUpShiftId: shiftId('picked_up_shift_id'),
    labelPrintedAt: at('label_printed_at'),
  },
  (t) => [
    uniqueIndex('order_parcels_order_team_key').on(t.orderId, t.teamId),
    index('order_parcels_team_idx').on(t.teamId, t.orderId),
    check('order_parcels_shipped_shape', sql`(${t.shippedAt} is null) = (${t.trackingNo} is null) and (${t.trackingNo} is null) = (${t.carrier} is null)`),
    // Shift evidence: what was done in a shift is read by these.
    index('order_parcels_shipped_shift_idx').on(t.shippedShiftId).where(sql`${t.shippedShiftId} is not null`),
    index('order_parcels_picked_up_shift_idx').on(t.pickedUpShiftId).where(sql`${t.pickedUpShiftId} is not null`),
  ],
);

/** An order's timeline: every transition and every team step, with who and which shift. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    action: text('action').$type<OrderEventAction>().notNull(),
    fromStatus: text('from_status').$type<OrderStatus>(),
    toStatus: text('to_status').$type<OrderStatus>(),
    actorKind: text('actor_kind').$type<(typeof ACTOR_KINDS)[number]>().notNull(),
    actorId: person('actor_id'),
    /** The team an action of staff was for (a parcel's team). */
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'restrict' }),
    shiftId: shiftId(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('order_events_order_idx').on(t.orderId, t.id),
    index('order_events_team_idx').on(t.teamId, t.createdAt),
    check('order_events_action_check', sql`${t.action} in (${sqlList(ORDER_EVENT_ACTIONS)})`),
    check('order_events_actor_kind_check', sql`${t.actorKind} in (${sqlList(ACTOR_KINDS)})`),
  ],
);

/**
 * A refund request on one team's items of an order (a whole-order request becomes one per
 * team). Decided by the team, or its supervising teacher above the threshold; executed by the
 * refund executor (WeChat Pay; the demo executor until then).
 */
export const refunds = pgTable(
  'refunds',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Valid as WeChat Pay's out_refund_no. */
    refundNo: text('refund_no').notNull(),
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'restrict' }),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'restrict' }),
    customerId: person('customer_id'),
    status: text('status').$type<RefundStatus>().notNull().default('requested'),
    /** Everything returned, shipping included. */
    amountFen: integer('amount_fen').notNull(),
    shippingFen: integer('shipping_fen').notNull().default(0),
    reason: text('reason').notNull(),
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    wholeOrder: boolean('whole_order').notNull().default(false),
    needsTeacher: boolean('needs_teacher').notNull().default(false),
    decisionComment: text('decision_comment').notNull().default(''),
    decidedBy: person('decided_by'),
    decidedAt: at('decided_at'),
    decidedShiftId: shiftId('decided_shift_id'),
    /** Which executor ran it ('demo' or 'wechat') and its reference there. */
    executor: text('executor'),
    externalRefundId: text('external_refund_id'),
    failureReason: text('failure_reason'),
    refundedAt: at('refunded_at'),
    disposition: text('disposition').$type<(typeof REFUND_DISPOSITIONS)[number]>(),
    disposedBy: person('disposed_by'),
    disposedAt: at('disposed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('refunds_refund_no_key').on(t.refundNo),
    index('refunds_order_idx').on(t.orderId),
    index('refunds_team_idx').on(t.teamId, t.status, t.createdAt),
    index('refunds_customer_idx').on(t.customerId, t.createdAt),
    check('refunds_status_check', sql`${t.status} in (${sqlList(REFUND_STATUSES)})`),
    check('refunds_amount_positive', sql`${t.amountFen} > 0 and ${t.shippingFen} >= 0 and ${t.shippingFen} <= ${t.amountFen}`),
    check('refunds_refund_no_format', sql`${t.refundNo} ~ '^[A-Za-z0-9_|*@-]{6,64}$'`),
    check('refunds_disposition_check', sql`${t.disposition} is null or ${t.disposition} in (${sqlList(REFUND_DISPOSITIONS)})`),
    // Shift evidence: what was done in a shift is read by these.
    index('refunds_decided_shift_idx').on(t.decidedShiftId).where(sql`${t.decidedShiftId} is not null`),
  ],
);

export const refundItems = pgTable(
  'refund_items',
  {
    refundId: integer('refund_id')
      .notNull()
      .references(() => refunds.id, { onDelete: 'restrict' }),
    orderItemId: integer('order_item_id')
      .notNull()
      .references(() => orderItems.id, { onDelete: 'restrict' }),
    quantity: integer('quantity').notNull(),
    /** Set when the team disposes of the returned units: how many went back into stock. */
    restockedQuantity: integer('restocked_quantity'),
  },
  (t) => [
    primaryKey({ columns: [t.refundId, t.orderItemId] }),
    index('refund_items_order_item_idx').on(t.orderItemId),
    check('refund_items_quantity_positive', sql`${t.quantity} > 0`),
    check('refund_items_restocked_range', sql`${t.restockedQuantity} is null or ${t.restockedQuantity} between 0 and ${t.quantity}`),
  ],
);

export const refundEvents = pgTable(
  'refund_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    refundId: integer('refund_id')
      .notNull()
      .references(() => refunds.id, { onDelete: 'restrict' }),
    action: text('action').$type<RefundEventAction>().notNull(),
    fromStatus: text('from_status').$type<RefundStatus>(),
    toStatus: text('to_status').$type<RefundStatus>(),
    actorKind: text('actor_kind').$type<(typeof ACTOR_KINDS)[number]>().notNull(),
    actorId: person('actor_id'),
    shiftId: shiftId(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('refund_events_refund_idx').on(t.refundId, t.id),
    check('refund_events_action_check', sql`${t.action} in (${sqlList(REFUND_EVENT_ACTIONS)})`),
    check('refund_events_actor_kind_check', sql`${t.actorKind} in (${sqlList(ACTOR_KINDS)})`),
  ],
);
