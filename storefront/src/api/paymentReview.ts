import { ROUTES } from '@qiaodu/shared';
import type { EndpointQuery, Endpoints, PaymentEventList, PaymentFlag, PaymentFlagList } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

/** 支付异常 for teachers and admins: payments flagged for a person to look at, and the payment event log. */

export type PaymentFlagQuery = EndpointQuery<Endpoints['listPaymentFlags']>;
export type PaymentEventQuery = EndpointQuery<Endpoints['listPaymentEvents']>;

export function listPaymentFlags(query: PaymentFlagQuery, options: CallOptions = {}): Promise<PaymentFlagList> {
  const { method, path } = ROUTES.listPaymentFlags;
  return request<PaymentFlagList>(method, path, { ...options, query: { ...query } });
}

export function resolvePaymentFlag(id: number, note: string): Promise<PaymentFlag> {
  const { method, path } = ROUTES.resolvePaymentFlag;
  return request<PaymentFlag>(method, path, { params: { id }, body: { note } });
}

export function listPaymentEvents(query: PaymentEventQuery, options: CallOptions = {}): Promise<PaymentEventList> {
  const { method, path } = ROUTES.listPaymentEvents;
  return request<PaymentEventList>(method, path, { ...options, query: { ...query } });
}
