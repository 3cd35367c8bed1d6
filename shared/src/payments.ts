import { z } from 'zod';
import {
  ORDER_STATUSES,
  PAYMENT_FLAG_FILTERS,
  PAYMENT_FLAG_KINDS,
  PAYMENT_FLAG_NOTE_MAX,
  PAYMENT_FLAG_NOTE_MIN,
  PAYMENT_NOTIFICATION_KINDS,
  PAYMENT_NOTIFICATION_OUTCOMES,
  PAYMENT_NOTIFICATION_SOURCES,
  WECHAT_PAY_CHANNELS,
  WECHAT_REFUND_STATUSES,
} from './order-enums';
import { Fen, Id, textRule, Timestamp } from './primitives';
import { PAGE_QUERY_FIELDS } from './product-console';
import { lengthProblem } from './text-rules';

/**
 * What wx.requestPayment (mini-program) and WeixinJSBridge getBrandWCPayRequest (WeChat browser)
 * take. `paySign` is the merchant's RSA-SHA256 signature over
 * `appId\ntimeStamp\nnonceStr\npackage\n`; `package` is `prepay_id=…`.
 */
export const WeChatPayParams = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export type WeChatPayParams = z.infer<typeof WeChatPayParams>;

/**
 * The answer to POST /api/orders/:id/pay: the parameters to hand to WeChat. `simulated`: the shop
 * runs the built-in WeChat Pay simulator (demo mode): the storefront shows its 模拟支付 sheet
 * instead of calling WeChat. Whatever the client then sees, it re-reads GET /api/orders/:id/payment.
 */
export const PaymentStart = z.object({
  mode: z.literal('wechat'),
  channel: z.enum(WECHAT_PAY_CHANNELS),
  simulated: z.boolean(),
  orderId: Id,
  orderNo: z.string(),
  totalFen: Fen,
  /** The order's payment deadline (WeChat's time_expire). */
  expiresAt: Timestamp,
  params: WeChatPayParams,
});
export type PaymentStart = z.infer<typeof PaymentStart>;

/** WeChat's trade_state, as a query reported it. */
export const WECHAT_TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;
export type WechatTradeState = (typeof WECHAT_TRADE_STATES)[number];

/**
 * GET /api/orders/:id/payment: the server's word on an order's payment. While the order is
 * unpaid and no notification has come, the server asks WeChat first (missed-notification
 * recovery), so `paid` can turn true here without any notification.
 */
export const PaymentState = z.object({
  orderId: Id,
  orderNo: z.string(),
  status: z.enum(ORDER_STATUSES),
  paid: z.boolean(),
  paidAt: Timestamp.nullable(),
  totalFen: Fen,
  paidFen: Fen,
  /** miniprogram / jsapi, or demo for orders the demo seed paid. */
  channel: z.string().nullable(),
  /** What WeChat said when the server asked just now; null when it did not ask. */
  tradeState: z.enum(WECHAT_TRADE_STATES).nullable(),
  /** A sentence for the customer: 支付成功 / 等待支付 / 支付失败，请重新支付 / 订单已关闭 … */
  message: z.string(),
  /** The shop runs the built-in simulator (demo mode). */
  simulated: z.boolean(),
  /** The unpaid order can still be paid (not expired, not cancelled). */
  payable: z.boolean(),
});
export type PaymentState = z.infer<typeof PaymentState>;

/**
 * The 模拟支付 sheet (demo mode only): the customer confirms or fails the payment of their own
 * order at the simulator, which then sends WeChat's notification. Cancel never reaches the
 * server (WeChat does not report a closed payment sheet either). Answers after the notification
 * was handled, with the payment state.
 */
export const SIMULATED_PAYMENT_OUTCOMES = ['pay', 'fail'] as const;
export const SimulatePaymentBody = z.strictObject({
  outcome: z.enum(SIMULATED_PAYMENT_OUTCOMES, { error: '模拟支付结果不正确' }),
});

// ---------------------------------------------------------------------------------------------
// Console: payment flags and the payment event log (teachers and admins)

export const PaymentFlagParams = z.object({ id: Id });
export const PaymentFlagListQuery = z.strictObject({
  status: z.enum(PAYMENT_FLAG_FILTERS, { error: '状态不正确' }).optional().default('open'),
  ...PAGE_QUERY_FIELDS,
});

/** A payment flagged for staff: what WeChat reported beside what the shop expected. */
export const PaymentFlag = z.object({
  id: Id,
  kind: z.enum(PAYMENT_FLAG_KINDS),
  kindLabel: z.string(),
  orderId: Id.nullable(),
  orderNo: z.string().nullable(),
  /** WeChat's transaction id (not personal data). */
  transactionId: z.string(),
  outTradeNo: z.string().nullable(),
  /** amount.total as WeChat reported it. */
  amountFen: Fen.nullable(),
  /** What the order expected, when there is an order. */
  expectedFen: Fen.nullable(),
  /** One line in Chinese: what does not match, or what happened (e.g. 订单已超时关闭，已自动退款). */
  summary: z.string(),
  createdAt: Timestamp,
  resolvedAt: Timestamp.nullable(),
  resolvedBy: z.object({ id: Id, name: z.string() }).nullable(),
  resolutionNote: z.string(),
  /** The automatic refund of a payment that paid no order (late payment), when there is one. */
  autoRefund: z
    .object({
      outRefundNo: z.string(),
      amountFen: Fen,
      /** null until WeChat accepted it. */
      status: z.enum(WECHAT_REFUND_STATUSES).nullable(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      succeededAt: Timestamp.nullable(),
    })
    .nullable(),
});
export type PaymentFlag = z.infer<typeof PaymentFlag>;

export const PaymentFlagList = z.object({
  items: z.array(PaymentFlag),
  total: z.number().int(),
  /** Open flags, whatever the filter: the badge. */
  open: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PaymentFlagList = z.infer<typeof PaymentFlagList>;

export const ResolvePaymentFlagBody = z.strictObject({
  note: textRule((text: string) => lengthProblem(text, '处理说明', PAYMENT_FLAG_NOTE_MIN, PAYMENT_FLAG_NOTE_MAX), { missing: '请填写处理说明' }),
});

export const PaymentEventListQuery = z.strictObject({
  /** An order number (QD…): that order's events only. */
  orderNo: z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, { error: '订单号格式不正确' }).optional(),
  outcome: z.enum(PAYMENT_NOTIFICATION_OUTCOMES, { error: '处理结果不正确' }).optional(),
  ...PAGE_QUERY_FIELDS,
});

/** One entry of the payment event log: every notification and query result, with its outcome. */
export const PaymentEvent = z.object({
  id: Id,
  kind: z.enum(PAYMENT_NOTIFICATION_KINDS),
  source: z.enum(PAYMENT_NOTIFICATION_SOURCES),
  outcome: z.enum(PAYMENT_NOTIFICATION_OUTCOMES),
  outcomeLabel: z.string(),
  /** Why it was rejected or flagged, in Chinese. */
  reason: z.string().nullable(),
  eventType: z.string().nullable(),
  receivedAt: Timestamp,
  outTradeNo: z.string().nullable(),
  outRefundNo: z.string().nullable(),
  transactionId: z.string().nullable(),
  wechatState: z.string().nullable(),
  amountTotalFen: Fen.nullable(),
  amountRefundFen: Fen.nullable(),
  orderId: Id.nullable(),
});
export type PaymentEvent = z.infer<typeof PaymentEvent>;

export const PaymentEventList = z.object({
  items: z.array(PaymentEvent),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PaymentEventList = z.infer<typeof PaymentEventList>;
