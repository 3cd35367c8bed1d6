import type { OrderJobPass } from '../orders/jobs';
import type { OrderDeps } from '../orders/deps';
import { retryLatePaymentRefunds } from './late-payment-refunds';
import { closeCancelledTrades } from './trade-close';
import { createTransactionApplier } from './transaction-apply';

/**
 * The WeChat Pay work of the order jobs' timer (none without a gateway): close the trades of
 * orders cancelled unpaid by the customer (an expiry settles its trade itself, before it cancels:
 * orders/jobs.ts), then send or check the refunds of payments that came too late (a close that
 * finds the trade paid raises one, so it runs first).
 */
export function paymentJobPasses(deps: OrderDeps): OrderJobPass[] {
  if (!deps.wechatPay) return [];
  const applyTransaction = createTransactionApplier(deps);
  return [
    { name: 'wechatTradesClosed', run: (now) => closeCancelledTrades(deps, applyTransaction, now) },
    { name: 'latePaymentRefunds', run: (now) => retryLatePaymentRefunds(deps, now) },
  ];
}
