import { ROUTES } from '@qiaodu/shared';
import type {
  CheckoutPreview,
  DeliveryInput,
  EndpointQuery,
  Endpoints,
  OrderCounts,
  OrderDetail,
  OrderLineInput,
  OrderList,
  PaymentStart,
  PaymentState,
  PlaceOrderBody,
  WechatPayChannel,
} from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

export type OrderListParams = Partial<EndpointQuery<Endpoints['listOrders']>>;

export function previewCheckout(
  body: { items: OrderLineInput[]; delivery?: DeliveryInput },
  options: CallOptions = {},
): Promise<CheckoutPreview> {
  const { method, path } = ROUTES.previewCheckout;
  return request<CheckoutPreview>(method, path, { ...options, body });
}

/**
 * Placing an order. The key is made once per checkout attempt and sent again on every retry, so
 * an answer lost to a timeout or a 5xx can be asked for again without a second order.
 */
export function placeOrder(body: PlaceOrderBody, idempotencyKey: string): Promise<OrderDetail> {
  const { method, path } = ROUTES.placeOrder;
  // Reserving stock under a flash-sale crowd can take longer than a page read.
  return request<OrderDetail>(method, path, { body, headers: { 'idempotency-key': idempotencyKey }, timeoutMs: 30_000 });
}

export function listOrders(query: OrderListParams, options: CallOptions = {}): Promise<OrderList> {
  const { method, path } = ROUTES.listOrders;
  return request<OrderList>(method, path, { ...options, query: { ...query } });
}

export function countOrders(options: CallOptions = {}): Promise<OrderCounts> {
  const { method, path } = ROUTES.countOrders;
  return request<OrderCounts>(method, path, options);
}

export function getOrder(id: number, options: CallOptions = {}): Promise<OrderDetail> {
  const { method, path } = ROUTES.getOrder;
  return request<OrderDetail>(method, path, { ...options, params: { id } });
}

export function cancelOrder(id: number, reason?: string): Promise<OrderDetail> {
  const { method, path } = ROUTES.cancelOrder;
  return request<OrderDetail>(method, path, { params: { id }, body: reason ? { reason } : {} });
}

export function confirmReceipt(id: number): Promise<OrderDetail> {
  const { method, path } = ROUTES.confirmReceipt;
  return request<OrderDetail>(method, path, { params: { id } });
}

/**
 * Starts a WeChat payment: the parameters for getBrandWCPayRequest / wx.requestPayment, or, in
 * demo mode (`simulated`), the trade the 模拟支付 sheet settles. Never a sign of payment itself.
 */
export function payOrder(id: number, channel: WechatPayChannel): Promise<PaymentStart> {
  const { method, path } = ROUTES.payOrder;
  // Prepaying goes through WeChat: allow it more than a page read.
  return request<PaymentStart>(method, path, { params: { id }, body: { channel }, timeoutMs: 20_000 });
}

/** The server's word on an order's payment (it asks WeChat when no notification has come). */
export function getPaymentState(id: number, options: CallOptions = {}): Promise<PaymentState> {
  const { method, path } = ROUTES.getPaymentState;
  return request<PaymentState>(method, path, { ...options, params: { id } });
}

/** Demo mode only: the 模拟支付 sheet pays or fails the order's trade at the simulator. */
export function simulatePayment(id: number, outcome: 'pay' | 'fail'): Promise<PaymentState> {
  const { method, path } = ROUTES.simulatePayment;
  return request<PaymentState>(method, path, { params: { id }, body: { outcome }, timeoutMs: 20_000 });
}
