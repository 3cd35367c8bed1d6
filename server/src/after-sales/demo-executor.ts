import type { RefundExecutor } from './refund-executor';

/** Until WeChat Pay is configured: every approved refund is paid back at once. */
export function createDemoRefundExecutor(clock: () => Date): RefundExecutor {
  return {
    name: 'demo',
    async execute(refund) {
      return { status: 'refunded', externalRefundId: `demo-${refund.refundNo}`, at: clock() };
    },
  };
}
