import type { PaymentState } from '@qiaodu/shared';

/**
 * What the server's payment state means for the customer: paid; failed at WeChat (PAYERROR);
 * closed (expired or cancelled: cannot be paid any more); or still open — not paid yet, or paid
 * and the notification not in (the server asks WeChat on every read, so re-reading settles it).
 */
export type PaymentVerdict = 'paid' | 'failed' | 'closed' | 'pending';

export function paymentVerdict(state: PaymentState): PaymentVerdict {
  if (state.paid) return 'paid';
  if (!state.payable) return 'closed';
  if (state.tradeState === 'PAYERROR') return 'failed';
  return 'pending';
}

export const PAYMENT_FAILED_MESSAGE = '支付失败，请重新支付';
export const PAYMENT_PENDING_MESSAGE = '等待支付结果…';
export const PAYMENT_UNCONFIRMED_MESSAGE = '暂时无法确认支付结果，请稍后刷新';
