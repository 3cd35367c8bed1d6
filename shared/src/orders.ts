import { z } from 'zod';
import { SpecValue } from './catalog';
import {
  CART_LINES_MAX,
  ORDER_LINE_QUANTITY_MAX,
  ORDER_LINES_MAX,
  ORDER_REMARK_MAX,
  PICKUP_CODE_PATTERN,
  REFUND_COMMENT_MAX,
  REFUND_PHOTOS_MAX,
  REFUND_REASON_MAX,
  TRACKING_NO_PATTERN,
} from './limits';
import {
  CART_LINE_PROBLEMS,
  CARRIERS,
  DELIVERY_METHODS,
  REFUND_DISPOSITIONS,
  TEAM_ORDER_QUEUES,
  ORDER_STATUSES,
  REFUND_STATUSES,
  type CarrierCode,
  WECHAT_PAY_CHANNELS,
} from './order-enums';
import { Fen, Id, PlainText, textRule, Timestamp } from './primitives';
import { PAGE_QUERY_FIELDS, PersonRef } from './product-console';
import { lengthProblem } from './text-rules';
import { LIVE_CODE_PATTERN } from './shifts/live-rules';

/**
 * Cart, checkout, orders and after-sales as the API speaks them. Money is integer fen and
 * always computed by the server from its own prices; nothing a client sends is a price.
 */

/** Units of one SKU: a whole number from 1 to 999 (zero, negative, fractional, huge: 400). */
export const LineQuantity = z
  .number({ error: '数量必须是整数' })
  .int({ error: '数量必须是整数' })
  .min(1, { error: '数量至少为 1' })
  .max(ORDER_LINE_QUANTITY_MAX, { error: `单个规格最多购买 ${ORDER_LINE_QUANTITY_MAX} 件` });

export const OrderLineInput = z.strictObject({ skuId: Id, quantity: LineQuantity });
export type OrderLineInput = z.input<typeof OrderLineInput>;

/** 1 to 50 lines, each SKU once: a repeated SKU is the client's bug, not two lines to merge. */
export const OrderLines = z
  .array(OrderLineInput, { error: '请选择要购买的商品' })
  .min(1, { error: '请选择要购买的商品' })
  .max(ORDER_LINES_MAX, { error: `一个订单最多 ${ORDER_LINES_MAX} 种商品` })
  .superRefine((lines, ctx) => {
    const seen = new Set<number>();
    lines.forEach((line, index) => {
      if (seen.has(line.skuId)) ctx.addIssue({ code: 'custom', message: '同一规格在订单中重复出现', path: [index, 'skuId'] });
      seen.add(line.skuId);
    });
  });

export const DeliveryInput = z.discriminatedUnion(
  'method',
  [z.strictObject({ method: z.literal('express'), addressId: Id }), z.strictObject({ method: z.literal('pickup') })],
  { error: '请选择配送方式：快递（需收货地址）或校内自提' },
);
export type DeliveryInput = z.input<typeof DeliveryInput>;

const Remark = textRule((text) => lengthProblem(text, '订单备注', 0, ORDER_REMARK_MAX), { missing: '请填写订单备注' });

// ---------------------------------------------------------------------------------------------
// Cart

// CART_LINE_PROBLEMS and their labels live in order-enums.ts (zod-free: the storefront's cart
// page needs the words without loading zod).

export const CartLine = z.object({
  skuId: z.number().int(),
  productId: z.number().int(),
  title: z.string(),
  specs: z.array(SpecValue),
  image: z.string().nullable(),
  /** Today's price, read from the catalog at every request. */
  unitPriceFen: Fen,
  quantity: z.number().int(),
  selected: z.boolean(),
  stockAvailable: z.number().int(),
  /** 限购: the most this customer may still buy of the product; null when unlimited. */
  purchaseLimitLeft: z.number().int().nullable(),
  team: z.object({ id: z.number().int(), name: z.string() }),
  /** null: can be bought as it is. */
  problem: z.enum(CART_LINE_PROBLEMS).nullable(),
  addedAt: Timestamp,
});
export type CartLine = z.infer<typeof CartLine>;

export const Cart = z.object({
  items: z.array(CartLine),
  /** Units across valid selected lines (the tab bar badge counts all units). */
  selectedCount: z.number().int(),
  selectedFen: Fen,
  totalCount: z.number().int(),
  max: z.literal(CART_LINES_MAX),
});
export type Cart = z.infer<typeof Cart>;

/** Adds to what is already in the cart for this SKU (as every shop's 加入购物车 does). */
export const AddToCartBody = z.strictObject({ skuId: Id, quantity: LineQuantity });
export const CartItemParams = z.object({ skuId: Id });
export const UpdateCartItemBody = z
  .strictObject({ quantity: LineQuantity.optional(), selected: z.boolean().optional() })
  .refine((body) => body.quantity !== undefined || body.selected !== undefined, { error: '请提供数量或选中状态' });
export const SelectCartBody = z.strictObject({
  /** Absent: every line. */
  skuIds: z.array(Id).max(CART_LINES_MAX).optional(),
  selected: z.boolean(),
});
export const RemoveCartItemsBody = z.strictObject({
  skuIds: z.array(Id).min(1, { error: '请选择要删除的商品' }).max(CART_LINES_MAX),
});

// ---------------------------------------------------------------------------------------------
// Checkout

export const CheckoutPreviewBody = z.strictObject({
  items: OrderLines,
  /** Absent: priced for express delivery to no address yet (the fee rule still applies). */
  delivery: DeliveryInput.optional(),
});

export const ShippingRulesView = z.object({ freeAboveFen: Fen, flatFeeFen: Fen });

export const CheckoutLine = CartLine.omit({ selected: true, addedAt: true }).extend({ lineFen: Fen });
export type CheckoutLine = z.infer<typeof CheckoutLine>;

export const AddressSnapshot = z.object({
  name: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  county: z.string(),
  detail: z.string(),
});
export type AddressSnapshot = z.infer<typeof AddressSnapshot>;

export const CheckoutPreview = z.object({
  lines: z.array(CheckoutLine),
  itemsFen: Fen,
  shippingFen: Fen,
  totalFen: Fen,
  shippingRules: ShippingRulesView,
  /** The address the order would ship to (the chosen one), or null for pickup / none chosen. */
  address: AddressSnapshot.extend({ id: z.number().int() }).nullable(),
  pickupPlace: z.string(),
  /** False while any line has a problem: the storefront disables 提交订单. */
  orderable: z.boolean(),
  payTimeoutMinutes: z.number().int(),
});
export type CheckoutPreview = z.infer<typeof CheckoutPreview>;

// ---------------------------------------------------------------------------------------------
// Orders

export const PlaceOrderBody = z.strictObject({
  items: OrderLines,
  delivery: DeliveryInput,
  remark: Remark.optional(),
  /**
   * The live session code from a `?live=CODE` link the customer came through. Anything that is
   * not a well-formed code is dropped here, and an unknown or long-ended one by the server: a
   * stale link never refuses an order.
   */
  liveCode: z
    .string()
    .transform((code) => {
      const upper = code.trim().toUpperCase();
      return new RegExp(LIVE_CODE_PATTERN).test(upper) ? upper : undefined;
    })
    .optional(),
});
export type PlaceOrderBody = z.input<typeof PlaceOrderBody>;

export const OrderItem = z.object({
  id: z.number().int(),
  skuId: z.number().int(),
  productId: z.number().int(),
  title: z.string(),
  specs: z.array(SpecValue),
  image: z.string().nullable(),
  unitPriceFen: Fen,
  quantity: z.number().int(),
  lineFen: Fen,
  team: z.object({ id: z.number().int(), name: z.string() }),
  /** Units refunded or in an open refund request; the rest may still be asked for. */
  refundedQuantity: z.number().int(),
  refundableQuantity: z.number().int(),
});
export type OrderItem = z.infer<typeof OrderItem>;

/** One team's part of an order: shipped as its own parcel, or handed over at the pickup point. */
export const OrderParcel = z.object({
  team: z.object({ id: z.number().int(), name: z.string() }),
  itemIds: z.array(z.number().int()),
  carrier: z.enum(Object.keys(CARRIERS) as [CarrierCode, ...CarrierCode[]]).nullable(),
  carrierName: z.string().nullable(),
  trackingNo: z.string().nullable(),
  shippedAt: Timestamp.nullable(),
  readyAt: Timestamp.nullable(),
  pickedUpAt: Timestamp.nullable(),
});
export type OrderParcel = z.infer<typeof OrderParcel>;

export const TimelineActorKind = z.enum(['customer', 'team', 'system']);

/** One step of an order's or refund's history: when, who, from which state to which, and why. */
export const TimelineEntry = z.object({
  at: Timestamp,
  action: z.string(),
  /** zh-CN words for the action, e.g. 团队发货. */
  label: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  actorKind: TimelineActorKind,
  /** Staff are named (with their team) for the customer; the customer is 买家. */
  actorName: z.string(),
  note: z.string(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** What the customer may do with the order now (the storefront shows only these buttons). */
export const OrderActions = z.object({
  pay: z.boolean(),
  cancel: z.boolean(),
  confirmReceipt: z.boolean(),
  refund: z.boolean(),
});

export const OrderSummary = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  status: z.enum(ORDER_STATUSES),
  deliveryMethod: z.enum(DELIVERY_METHODS),
  itemsFen: Fen,
  shippingFen: Fen,
  totalFen: Fen,
  paidFen: Fen,
  refundedFen: Fen,
  /** When an unpaid order is cancelled unless paid; null once paid or cancelled. */
  expiresAt: Timestamp.nullable(),
  createdAt: Timestamp,
  paidAt: Timestamp.nullable(),
  /** Units across all lines, and the first lines for list cards. */
  itemCount: z.number().int(),
  previewItems: z.array(OrderItem.pick({ skuId: true, title: true, specs: true, image: true, quantity: true, unitPriceFen: true })),
  /** Any refund request still open (待处理/退款中) on this order. */
  hasOpenRefund: z.boolean(),
  actions: OrderActions,
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const OrderDetail = OrderSummary.extend({
  items: z.array(OrderItem),
  parcels: z.array(OrderParcel),
  /** The customer's own address as it was at checkout (unmasked: it is theirs). */
  address: AddressSnapshot.nullable(),
  pickup: z
    .object({
      place: z.string(),
      /** Shown once paid; the team verifies it at handover. */
      code: z.string().nullable(),
    })
    .nullable(),
  remark: z.string(),
  cancelReason: z.string().nullable(),
  completedAt: Timestamp.nullable(),
  /** When the order completes by itself if the customer does not confirm (shipped orders). */
  autoCompleteAt: Timestamp.nullable(),
  timeline: z.array(TimelineEntry),
  refunds: z.array(z.lazy(() => RefundSummary)),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

/**
 * Tabs of 我的订单 and the statuses each covers; any single status works as a filter too.
 * 售后 is its own list (GET /api/refunds). The tab names and words (ORDER_TABS,
 * ORDER_TAB_LABELS) are in order-enums.ts, zod-free for the storefront.
 */
export const ORDER_STATUS_FILTERS = {
  all: ORDER_STATUSES,
  to_pay: ['pending_payment'],
  to_ship: ['paid', 'partially_shipped'],
  to_receive: ['shipped', 'ready_for_pickup', 'partially_shipped'],
  finished: ['completed'],
  ...Object.fromEntries(ORDER_STATUSES.map((status) => [status, [status]])),
} as Record<string, readonly (typeof ORDER_STATUSES)[number][]>;

export const OrderListQuery = z.strictObject({
  status: z
    .enum(Object.keys(ORDER_STATUS_FILTERS) as [string, ...string[]], { error: '订单状态不正确' })
    .optional()
    .default('all'),
  ...PAGE_QUERY_FIELDS,
});
export const OrderList = z.object({
  items: z.array(OrderSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OrderList = z.infer<typeof OrderList>;

/** Badges on 我的: how many orders wait in each tab, and open refunds. */
export const OrderCounts = z.object({
  to_pay: z.number().int(),
  to_ship: z.number().int(),
  to_receive: z.number().int(),
  after_sales: z.number().int(),
});
export type OrderCounts = z.infer<typeof OrderCounts>;

export const OrderParams = z.object({ id: Id });
export const CancelOrderBody = z.strictObject({
  reason: textRule((text) => lengthProblem(text, '取消原因', 0, REFUND_REASON_MAX), { missing: '请填写取消原因' }).optional(),
});

/**
 * Paying an order with WeChat Pay (JSAPI): `miniprogram` for wx.requestPayment in the shell's
 * native pay page, `jsapi` for getBrandWCPayRequest in the WeChat browser. In a demo shop (no
 * merchant configured) the built-in simulator plays WeChat Pay; the storefront sends `jsapi`.
 * The answer is in ./payments.ts (PaymentStart).
 */
export const PAY_CHANNELS = WECHAT_PAY_CHANNELS;
export const PayOrderBody = z.strictObject({ channel: z.enum(PAY_CHANNELS, { error: '支付方式不正确' }) });

// ---------------------------------------------------------------------------------------------
// After-sales (售后)

export const RefundLineInput = z.strictObject({ orderItemId: Id, quantity: LineQuantity });

const RefundReason = textRule((text) => lengthProblem(text, '退款原因', 1, REFUND_REASON_MAX), { missing: '请填写退款原因' });
const DecisionComment = textRule((text) => lengthProblem(text, '处理意见', 0, REFUND_COMMENT_MAX), { missing: '请填写处理意见' });

/**
 * A refund of the whole order (`items` absent: every refundable unit, plus shipping) or of some
 * units. `amountFen` absent: everything those units cost; present: at most that (a partial
 * refund the customer and team agreed). Photos are URLs from the refund photo upload.
 */
export const RequestRefundBody = z.strictObject({
  items: z.array(RefundLineInput).min(1, { error: '请选择要退款的商品' }).max(ORDER_LINES_MAX).optional(),
  reason: RefundReason,
  amountFen: Fen.max(100_000_000).optional(),
  photos: z.array(z.string().max(300)).max(REFUND_PHOTOS_MAX, { error: `最多上传 ${REFUND_PHOTOS_MAX} 张图片` }).optional(),
});
export type RequestRefundBody = z.input<typeof RequestRefundBody>;

export const RefundItem = z.object({
  orderItemId: z.number().int(),
  title: z.string(),
  specs: z.array(SpecValue),
  image: z.string().nullable(),
  quantity: z.number().int(),
  /** After refund: how many units went back into stock (the rest were written off). */
  restockedQuantity: z.number().int().nullable(),
});


export const RefundSummary = z.object({
  id: z.number().int(),
  refundNo: z.string(),
  orderId: z.number().int(),
  orderNo: z.string(),
  status: z.enum(REFUND_STATUSES),
  team: z.object({ id: z.number().int(), name: z.string() }),
  amountFen: Fen,
  /** Includes the order's shipping fee (whole-order refunds only). */
  shippingFen: Fen,
  reason: z.string(),
  wholeOrder: z.boolean(),
  /** Above the threshold: only a supervising teacher (or admin) may decide it. */
  needsTeacher: z.boolean(),
  items: z.array(RefundItem),
  photos: z.array(z.string()),
  decisionComment: z.string(),
  decidedBy: PersonRef.nullable(),
  disposition: z.enum(REFUND_DISPOSITIONS).nullable(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  refundedAt: Timestamp.nullable(),
});
export type RefundSummary = z.infer<typeof RefundSummary>;

export const RefundDetail = RefundSummary.extend({ timeline: z.array(TimelineEntry) });
export type RefundDetail = z.infer<typeof RefundDetail>;

export const RefundParams = z.object({ id: Id });
export const RefundListQuery = z.strictObject({
  status: z.enum(REFUND_STATUSES, { error: '售后状态不正确' }).optional(),
  ...PAGE_QUERY_FIELDS,
});
export const RefundList = z.object({
  items: z.array(RefundSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type RefundList = z.infer<typeof RefundList>;

/** A refund photo as stored (served from media storage); its URL goes into `photos`. */
export const UploadedPhoto = z.object({ url: z.string() });

// ---------------------------------------------------------------------------------------------
// Console: fulfilment by the team that owns the goods

export const TeamOrderParams = z.object({ teamId: Id, orderId: Id });
export const TeamRefundParams = z.object({ teamId: Id, refundId: Id });


export const TeamOrderListQuery = z.strictObject({
  queue: z.enum(TEAM_ORDER_QUEUES, { error: '订单队列不正确' }).optional().default('to_ship'),
  ...PAGE_QUERY_FIELDS,
});

/**
 * An order as one team sees it: only its own items and parcel. The recipient is masked for
 * students and mentors (PIPL); printing a label (logged) reveals the full address.
 */
export const TeamOrder = z.object({
  id: z.number().int(),
  orderNo: z.string(),
  status: z.enum(ORDER_STATUSES),
  deliveryMethod: z.enum(DELIVERY_METHODS),
  paidAt: Timestamp.nullable(),
  createdAt: Timestamp,
  remark: z.string(),
  items: z.array(OrderItem.omit({ team: true })),
  /** This team's items only. */
  itemsFen: Fen,
  parcel: OrderParcel.omit({ team: true }),
  recipient: AddressSnapshot.nullable(),
  recipientMasked: z.boolean(),
  /** Other teams also have items in this order (it ships in several parcels). */
  otherTeams: z.number().int(),
  hasOpenRefund: z.boolean(),
  /** What this caller may do now. */
  can: z.object({ ship: z.boolean(), markReady: z.boolean(), printLabel: z.boolean() }),
});
export type TeamOrder = z.infer<typeof TeamOrder>;

export const TeamOrderDetail = TeamOrder.extend({ timeline: z.array(TimelineEntry) });
export type TeamOrderDetail = z.infer<typeof TeamOrderDetail>;

export const TeamOrderList = z.object({
  items: z.array(TeamOrder),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Across the team, for the queue chips. */
  counts: z.record(z.enum(TEAM_ORDER_QUEUES), z.number().int()),
});
export type TeamOrderList = z.infer<typeof TeamOrderList>;

/** What to take off the shelf for every paid order waiting to ship or be prepared. */
export const PickListLine = z.object({
  skuId: z.number().int(),
  code: z.string(),
  title: z.string(),
  specs: z.array(SpecValue),
  image: z.string().nullable(),
  quantity: z.number().int(),
  orders: z.array(z.object({ id: z.number().int(), orderNo: z.string(), quantity: z.number().int() })),
});
export const PickList = z.object({
  lines: z.array(PickListLine),
  orderCount: z.number().int(),
  unitCount: z.number().int(),
  generatedAt: Timestamp,
});
export type PickList = z.infer<typeof PickList>;
export const PickListQuery = z.strictObject({ method: z.enum(DELIVERY_METHODS, { error: '配送方式不正确' }).optional() });

export const CarrierSchema = z.enum(Object.keys(CARRIERS) as [CarrierCode, ...CarrierCode[]], { error: '请选择快递公司' });
export const ShipOrderBody = z.strictObject({
  carrier: CarrierSchema,
  trackingNo: PlainText.pipe(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(TRACKING_NO_PATTERN, { error: '快递单号为 6–30 位字母或数字' }),
  ),
});

/** A shipping label: the full recipient, shown to the packer; every print is logged (PIPL). */
export const ShippingLabel = z.object({
  orderNo: z.string(),
  recipient: AddressSnapshot,
  sender: z.object({ name: z.string(), place: z.string() }),
  items: z.array(z.object({ title: z.string(), specs: z.array(SpecValue), quantity: z.number().int() })),
  printedAt: Timestamp,
});
export type ShippingLabel = z.infer<typeof ShippingLabel>;

export const VerifyPickupBody = z.strictObject({
  code: z.string({ error: '请输入 6 位提货码' }).trim().regex(PICKUP_CODE_PATTERN, { error: '请输入 6 位提货码' }),
});

export const TeamRefundListQuery = z.strictObject({
  status: z.enum(REFUND_STATUSES, { error: '售后状态不正确' }).optional(),
  ...PAGE_QUERY_FIELDS,
});
export const TeamRefund = RefundSummary.extend({
  customer: z.object({ name: z.string() }),
  /** This caller may approve/reject it (threshold, own order and role considered). */
  can: z.object({ decide: z.boolean(), retry: z.boolean(), dispose: z.boolean() }),
  /** Why `decide` is false, in words for the console (e.g. 需指导老师审批). */
  decideBlockedReason: z.string().nullable(),
});
export type TeamRefund = z.infer<typeof TeamRefund>;
export const TeamRefundDetail = TeamRefund.extend({ timeline: z.array(TimelineEntry) });
export const TeamRefundList = z.object({
  items: z.array(TeamRefund),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  openCount: z.number().int(),
});
export type TeamRefundList = z.infer<typeof TeamRefundList>;

export const RefundDecisionBody = z.strictObject({ comment: DecisionComment.optional() });
/** Rejecting needs a reason the customer reads. */
export const RejectRefundBody = z.strictObject({
  comment: textRule((text) => lengthProblem(text, '拒绝理由', 1, REFUND_COMMENT_MAX), { missing: '请填写拒绝理由' }),
});
export const RefundDispositionBody = z.strictObject({
  disposition: z.enum(REFUND_DISPOSITIONS, { error: '请选择退回库存或报损核销' }),
});

/**
 * 限购 on a product. Defined with the product input (product-console.ts imports nothing from
 * here, so the two modules do not import each other); re-exported for the order side.
 */
export { PurchaseLimit } from './product-console';
