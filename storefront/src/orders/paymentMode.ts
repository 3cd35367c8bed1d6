import type { AuthOptions } from '@qiaodu/shared';
import { getAuthOptions } from '../api/auth';

/** How this shop takes payment: a real merchant, the built-in simulator (demo mode), or not at all. */
export type PaymentMode = AuthOptions['payment'];

/**
 * GET /api/auth/options once per page load: the mode only changes when the server is
 * reconfigured and restarted. A failed read is forgotten so the next payment asks again.
 */
export function createPaymentModeLoader(load: () => Promise<AuthOptions> = () => getAuthOptions()): () => Promise<PaymentMode> {
  let cached: Promise<PaymentMode> | null = null;
  return () => {
    cached ??= load().then(
      (options) => options.payment,
      (error: unknown) => {
        cached = null;
        throw error;
      },
    );
    return cached;
  };
}

export const loadPaymentMode = createPaymentModeLoader();
