/**
 * Orders and refunds as state machines: the states, who may move an order from one to the
 * next, and the zh-CN words for them. The server refuses anything not in these tables with
 * 409 INVALID_STATE; the storefront shows buttons only for the transitions listed here.
 */

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'partially_shipped',
  'shipped',
  'ready_for_pickup',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '待发货',
  partially_shipped: '部分发货',
  shipped: '待收货',
  ready_for_pickup: '待自提',
  completed: '已完成',
  cancelled: '已取消',
};

export const DELIVERY_METHODS = ['express', 'pickup'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  express: '快递配送',
  pickup: '校内自提',
};

/** Who moves an order: its customer, the staff of a team with items in it, or the server itself. */
export type OrderActor = 'customer' | 'team' | 'system';

interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  by: readonly OrderActor[];
  /** Only for orders delivered this way; absent: either way. */
  delivery?: DeliveryMethod;
}

/**
 * pending_payment → paid → (partially_shipped →) shipped → completed for parcels;
 * paid → ready_for_pickup → completed (pickup code) for campus pickup; an unpaid order is
 * cancelled by its customer or when it expires; a paid one only by a full refund.
 *
 * ship_rest, ready_for_pickup and pick_up are also the server's: when a refund takes back the
 * last goods of the one parcel the order was still waiting for (the others shipped, prepared or
 * handed over), no team is left to take that step, so the settling refund moves the order.
 */
export const ORDER_TRANSITIONS = {
  pay: { from: ['pending_payment'], to: 'paid', by: ['system'] },
  cancel: { from: ['pending_payment'], to: 'cancelled', by: ['customer'] },
  expire: { from: ['pending_payment'], to: 'cancelled', by: ['system'] },
  ship_part: { from: ['paid', 'partially_shipped'], to: 'partially_shipped', by: ['team'], delivery: 'express' },
  ship_rest: { from: ['paid', 'partially_shipped'], to: 'shipped', by: ['team', 'system'], delivery: 'express' },
  confirm_receipt: { from: ['shipped'], to: 'completed', by: ['customer'], delivery: 'express' },
  auto_complete: { from: ['shipped'], to: 'completed', by: ['system'], delivery: 'express' },
  ready_for_pickup: { from: ['paid'], to: 'ready_for_pickup', by: ['team', 'system'], delivery: 'pickup' },
  pick_up: { from: ['ready_for_pickup'], to: 'completed', by: ['team', 'system'], delivery: 'pickup' },
  refund_in_full: { from: ['paid', 'ready_for_pickup'], to: 'cancelled', by: ['system'] },
} as const satisfies Record<string, Transition<OrderStatus>>;
export type OrderTransition = keyof typeof ORDER_TRANSITIONS;

export function canTransitionOrder(
  order: { status: OrderStatus; delivery: DeliveryMethod },
  transition: OrderTransition,
  actor: OrderActor,
): boolean {
  const rule: Transition<OrderStatus> = ORDER_TRANSITIONS[transition];
  return (
    rule.from.includes(order.status) &&
    (rule.by as readonly OrderActor[]).includes(actor) &&
    (rule.delivery === undefined || rule.delivery === order.delivery)
  );
}

/** Statuses in which stock is still held for the order (reserved or handed over). */
export const ORDER_OPEN_STATUSES: readonly OrderStatus[] = ['pending_payment', 'paid', 'partially_shipped', 'shipped', 'ready_for_pickup'];

export const REFUND_STATUSES = ['requested', 'approved', 'rejected', 'withdrawn', 'refunded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  requested: '待处理',
  approved: '退款中',
  rejected: '已拒绝',
  withdrawn: '已撤销',
  refunded: '已退款',
  failed: '退款失败',
};

/**
 * A refund request is decided by the team (or a teacher above the threshold), executed by the
 * refund executor (WeChat Pay, or the demo executor), and may be retried when execution failed.
 */
export const REFUND_TRANSITIONS = {
  approve: { from: ['requested'], to: 'approved', by: ['team'] },
  reject: { from: ['requested'], to: 'rejected', by: ['team'] },
  withdraw: { from: ['requested'], to: 'withdrawn', by: ['customer'] },
  succeed: { from: ['approved'], to: 'refunded', by: ['system'] },
  fail: { from: ['approved'], to: 'failed', by: ['system'] },
  retry: { from: ['failed'], to: 'approved', by: ['team'] },
} as const satisfies Record<string, Transition<RefundStatus>>;
export type RefundTransition = keyof typeof REFUND_TRANSITIONS;

export function canTransitionRefund(status: RefundStatus, transition: RefundTransition, actor: OrderActor): boolean {
  const rule: Transition<RefundStatus> = REFUND_TRANSITIONS[transition];
  return rule.from.includes(status) && (rule.by as readonly OrderActor[]).includes(actor);
}

/** Carriers a team ships with (codes as Kuaidi100 and WeChat's logistics list name them). */
export const CARRIERS = {
  EMS: '中国邮政',
  SF: '顺丰速运',
  ZTO: '中通快递',
  YTO: '圆通速递',
  YD: '韵达快递',
  STO: '申通快递',
  JD: '京东物流',
  JTSD: '极兔速递',
  DBL: '德邦快递',
} as const;
export type CarrierCode = keyof typeof CARRIERS;

/**
 * Timeline entries of an order: its transitions, plus the steps of one team's parcel that do not
 * move the whole order (one of two teams shipped, a label printed) and after-sales milestones.
 */
export const ORDER_EVENT_LABELS: Record<OrderTransition | 'placed' | 'parcel_shipped' | 'parcel_ready' | 'parcel_picked_up' | 'label_printed' | 'refund_requested' | 'refund_refunded', string> = {
  placed: '提交订单',
  pay: '支付成功',
  cancel: '买家取消订单',
  expire: '超时未支付，订单自动取消',
  ship_part: '部分商品已发货',
  ship_rest: '全部商品已发货',
  confirm_receipt: '买家确认收货',
  auto_complete: '超时自动确认收货',
  ready_for_pickup: '备货完成，待自提',
  pick_up: '已自提核销',
  refund_in_full: '全额退款，订单关闭',
  parcel_shipped: '团队包裹已发出',
  parcel_ready: '团队已备货',
  parcel_picked_up: '团队商品已核销',
  label_printed: '打印快递面单',
  refund_requested: '申请售后',
  refund_refunded: '退款成功',
};
export type OrderEventAction = keyof typeof ORDER_EVENT_LABELS;
export const ORDER_EVENT_ACTIONS = Object.keys(ORDER_EVENT_LABELS) as OrderEventAction[];

export const REFUND_EVENT_LABELS: Record<RefundTransition | 'requested' | 'disposed', string> = {
  requested: '买家申请退款',
  approve: '同意退款',
  reject: '拒绝退款',
  withdraw: '买家撤销申请',
  succeed: '退款成功',
  fail: '退款失败',
  retry: '重新发起退款',
  disposed: '退回商品处理',
};
export type RefundEventAction = keyof typeof REFUND_EVENT_LABELS;
export const REFUND_EVENT_ACTIONS = Object.keys(REFUND_EVENT_LABELS) as RefundEventAction[];

/** Why a cart line cannot be bought right now; shown on the line, never silently dropped. */
export const CART_LINE_PROBLEMS = ['off_sale', 'sold_out', 'insufficient', 'over_limit'] as const;
export type CartLineProblem = (typeof CART_LINE_PROBLEMS)[number];
export const CART_LINE_PROBLEM_LABELS: Record<CartLineProblem, string> = {
  off_sale: '已下架',
  sold_out: '已售罄',
  insufficient: '库存不足',
  over_limit: '超出限购',
};

/** Tabs of 我的订单 (the statuses each covers: ORDER_STATUS_FILTERS in orders.ts). */
export const ORDER_TABS = ['all', 'to_pay', 'to_ship', 'to_receive', 'finished'] as const;
export const ORDER_TAB_LABELS: Record<(typeof ORDER_TABS)[number], string> = {
  all: '全部',
  to_pay: '待付款',
  to_ship: '待发货',
  to_receive: '待收货',
  finished: '已完成',
};

/** What happens to refunded goods: back on the shelf (ledger `return`) or written off. */
export const REFUND_DISPOSITIONS = ['restock', 'write_off'] as const;
export const REFUND_DISPOSITION_LABELS: Record<(typeof REFUND_DISPOSITIONS)[number], string> = {
  restock: '退回库存',
  write_off: '报损核销',
};

/** Queues of the console's 订单发货 page. */
export const TEAM_ORDER_QUEUES = ['to_ship', 'to_prepare', 'awaiting_pickup', 'shipped', 'done', 'all'] as const;
export type TeamOrderQueue = (typeof TEAM_ORDER_QUEUES)[number];
export const TEAM_ORDER_QUEUE_LABELS: Record<TeamOrderQueue, string> = {
  to_ship: '待发货',
  to_prepare: '待备货（自提）',
  awaiting_pickup: '待自提',
  shipped: '已发货',
  done: '已完成',
  all: '全部',
};

// ---------------------------------------------------------------------------------------------
// WeChat Pay: payment attempts, the payment event log and what it flags for staff

/** Where a prepay id is used: wx.requestPayment in the mini-program, getBrandWCPayRequest in the WeChat browser. */
export const WECHAT_PAY_CHANNELS = ['miniprogram', 'jsapi'] as const;
export type WechatPayChannel = (typeof WECHAT_PAY_CHANNELS)[number];

/** What a payment event is about: a payment (transaction) or a refund. */
export const PAYMENT_NOTIFICATION_KINDS = ['transaction', 'refund'] as const;
export type PaymentNotificationKind = (typeof PAYMENT_NOTIFICATION_KINDS)[number];
export const PAYMENT_NOTIFICATION_KIND_LABELS: Record<PaymentNotificationKind, string> = {
  transaction: '支付',
  refund: '退款',
};

/**
 * How a payment event reached us: WeChat's notification, or our own query of WeChat (an order
 * still unpaid with no notification yet, a refund still processing). Both go through the same
 * exactly-once rules and the same log.
 */
export const PAYMENT_NOTIFICATION_SOURCES = ['notification', 'query'] as const;
export type PaymentNotificationSource = (typeof PAYMENT_NOTIFICATION_SOURCES)[number];
export const PAYMENT_NOTIFICATION_SOURCE_LABELS: Record<PaymentNotificationSource, string> = {
  notification: '微信通知',
  query: '主动查询',
};

/**
 * What became of a payment event: applied (the order or refund moved), a duplicate of one
 * already applied (acknowledged, nothing moved), rejected (bad signature, stale, undecryptable,
 * unknown order…; nothing moved) or flagged (genuine money that cannot be applied as it is: a
 * payment_flags row tells staff).
 */
export const PAYMENT_NOTIFICATION_OUTCOMES = ['applied', 'duplicate', 'rejected', 'flagged'] as const;
export type PaymentNotificationOutcome = (typeof PAYMENT_NOTIFICATION_OUTCOMES)[number];
export const PAYMENT_NOTIFICATION_OUTCOME_LABELS: Record<PaymentNotificationOutcome, string> = {
  applied: '已处理',
  duplicate: '重复通知',
  rejected: '已拒绝',
  flagged: '待人工核查',
};

/** Money WeChat says moved that the shop could not simply apply; a teacher or admin looks at each. */
export const PAYMENT_FLAG_KINDS = ['amount_mismatch', 'merchant_mismatch', 'late_payment', 'unknown_order'] as const;
export type PaymentFlagKind = (typeof PAYMENT_FLAG_KINDS)[number];
export const PAYMENT_FLAG_KIND_LABELS: Record<PaymentFlagKind, string> = {
  amount_mismatch: '支付金额与订单不符',
  merchant_mismatch: '商户号或应用不符',
  late_payment: '订单关闭后支付（自动退款）',
  unknown_order: '未知订单的支付',
};

/** A refund's state at WeChat Pay (refund_status), from the refund response, notification or query. */
export const WECHAT_REFUND_STATUSES = ['PROCESSING', 'SUCCESS', 'CLOSED', 'ABNORMAL'] as const;
export type WechatRefundStatus = (typeof WECHAT_REFUND_STATUSES)[number];
export const WECHAT_REFUND_STATUS_LABELS: Record<WechatRefundStatus, string> = {
  PROCESSING: '退款处理中',
  SUCCESS: '退款成功',
  CLOSED: '退款关闭',
  ABNORMAL: '退款异常',
};

/** The 支付异常 list's filter, and the longest note a resolution takes (zod-free: the console page imports them). */
export const PAYMENT_FLAG_FILTERS = ['open', 'resolved', 'all'] as const;
export type PaymentFlagFilter = (typeof PAYMENT_FLAG_FILTERS)[number];
export const PAYMENT_FLAG_FILTER_LABELS: Record<PaymentFlagFilter, string> = { open: '待处理', resolved: '已处理', all: '全部' };
export const PAYMENT_FLAG_NOTE_MIN = 2;
export const PAYMENT_FLAG_NOTE_MAX = 200;
