import { defineEndpoint } from './endpoint';
import type { ErrorCode } from './errors';
import { OrderParams, PayOrderBody } from './orders';
import {
  PaymentEventList,
  PaymentEventListQuery,
  PaymentFlag,
  PaymentFlagList,
  PaymentFlagListQuery,
  PaymentFlagParams,
  PaymentStart,
  PaymentState,
  ResolvePaymentFlagBody,
  SimulatePaymentBody,
} from './payments';
import { ROUTES } from './routes';

const OWN_ORDER_ERRORS = ['UNAUTHENTICATED', 'ORDER_NOT_FOUND'] as const satisfies readonly ErrorCode[];
const REVIEW_ERRORS = ['UNAUTHENTICATED', 'FORBIDDEN'] as const satisfies readonly ErrorCode[];

/**
 * WeChat Pay. The notification endpoints (POST /api/pay/wechat/notify and /refund-notify) are
 * not here: WeChat calls them with its own signed bodies and expects 204 or {code:'FAIL'}, not
 * this API's JSON conventions.
 */
export const paymentEndpoints = {
  payOrder: defineEndpoint({
    ...ROUTES.payOrder,
    summary: '发起微信支付（JSAPI 下单，返回 wx.requestPayment / getBrandWCPayRequest 参数；演示模式为模拟支付）',
    tag: 'payments',
    access: 'session',
    params: OrderParams,
    body: PayOrderBody,
    response: PaymentStart,
    errors: [
      ...OWN_ORDER_ERRORS,
      'INVALID_STATE',
      'PAYMENT_UNAVAILABLE',
      'WECHAT_IDENTITY_REQUIRED',
      'PAYMENT_PROVIDER_UNAVAILABLE',
      'PAYMENT_PROVIDER_REFUSED',
    ],
  }),
  getPaymentState: defineEndpoint({
    ...ROUTES.getPaymentState,
    summary: '查询订单支付结果（未收到通知时向微信支付查单并入账）',
    tag: 'payments',
    access: 'session',
    params: OrderParams,
    response: PaymentState,
    errors: [...OWN_ORDER_ERRORS],
  }),
  simulatePayment: defineEndpoint({
    ...ROUTES.simulatePayment,
    summary: '模拟支付：确认或失败（仅演示模式）',
    tag: 'payments',
    access: 'session',
    params: OrderParams,
    body: SimulatePaymentBody,
    response: PaymentState,
    errors: [...OWN_ORDER_ERRORS, 'INVALID_STATE', 'PAYMENT_UNAVAILABLE', 'SIMULATED_TRADE_UNKNOWN'],
  }),
  listPaymentFlags: defineEndpoint({
    ...ROUTES.listPaymentFlags,
    summary: '支付异常（金额不符、关单后支付、未知订单），教师与管理员',
    tag: 'payments',
    access: 'payments.review',
    query: PaymentFlagListQuery,
    response: PaymentFlagList,
    errors: [...REVIEW_ERRORS],
  }),
  resolvePaymentFlag: defineEndpoint({
    ...ROUTES.resolvePaymentFlag,
    summary: '标记支付异常已处理',
    tag: 'payments',
    access: 'payments.review',
    params: PaymentFlagParams,
    body: ResolvePaymentFlagBody,
    response: PaymentFlag,
    errors: [...REVIEW_ERRORS, 'PAYMENT_FLAG_NOT_FOUND', 'PAYMENT_FLAG_RESOLVED'],
  }),
  listPaymentEvents: defineEndpoint({
    ...ROUTES.listPaymentEvents,
    summary: '支付事件日志（每条微信通知与查单结果及处理结果）',
    tag: 'payments',
    access: 'payments.review',
    query: PaymentEventListQuery,
    response: PaymentEventList,
    errors: [...REVIEW_ERRORS],
  }),
} as const;
