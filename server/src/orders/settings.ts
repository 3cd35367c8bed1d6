import type { ShippingRules } from '@qiaodu/shared';

/** The shop's order rules; every one is an environment variable (README) with this default. */
export interface OrderSettings {
  /** ORDER_PAY_TIMEOUT_MINUTES: an unpaid order is cancelled and its stock released after this. */
  payTimeoutMinutes: number;
  /** ORDER_AUTO_COMPLETE_DAYS: a shipped order completes by itself after this many days. */
  autoCompleteDays: number;
  /** SHIPPING_FREE_ABOVE_FEN and SHIPPING_FLAT_FEE_FEN. */
  shipping: ShippingRules;
  /** REFUND_TEACHER_APPROVAL_ABOVE_FEN: larger refunds are decided by a supervising teacher. */
  refundTeacherAboveFen: number;
  /** ORDER_JOB_INTERVAL_SECONDS: how often each process looks for due expiries and completions. */
  jobIntervalSeconds: number;
}

export const DEFAULT_ORDER_SETTINGS: OrderSettings = {
  payTimeoutMinutes: 30,
  autoCompleteDays: 7,
  shipping: { freeAboveFen: 9_900, flatFeeFen: 800 },
  refundTeacherAboveFen: 20_000,
  jobIntervalSeconds: 15,
};
