import type { PaymentCheck } from './usePayment';

/**
 * The mini-program's pay page reopens the order page with `?payResult=` what wx.requestPayment
 * said (ok, cancel, fail): a hint for how long to wait for the server, never the result itself.
 * Anything else is an ordinary opening of the page.
 */
export function returnedPayment(value: unknown): PaymentCheck {
  return value === 'ok' || value === 'cancel' || value === 'fail' ? value : 'opened';
}
