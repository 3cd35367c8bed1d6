import type { Db } from '@qiaodu/db';
import type { Logger } from 'pino';
import type { RefundExecution, RefundExecutor } from './refund-executor';
import type { RefundRow } from './refund-repository';
import { settleRefund } from './settle';

/** What a failure the executor threw (network, a bug at the provider's edge) tells the team. */
const EXECUTOR_UNREACHABLE = '退款接口调用失败，请稍后重新发起';

/**
 * Pays an approved refund back and records the answer. Runs outside any transaction: a
 * payment provider's round trip must not hold the order's locks. A throw is recorded as a
 * failure the team can retry; retrying with the same refund number is safe, as WeChat Pay
 * treats a repeated out_refund_no as the same refund.
 */
export async function executeApprovedRefund(
  deps: { db: Db; clock: () => Date; logger: Logger; refundExecutor: RefundExecutor },
  refund: RefundRow,
): Promise<void> {
  let outcome: RefundExecution;
  try {
    outcome = await deps.refundExecutor.execute({
      refundId: refund.id,
      refundNo: refund.refundNo,
      orderNo: refund.orderNo,
      transactionId: refund.orderTransactionId,
      amountFen: refund.amountFen,
      orderPaidFen: refund.orderPaidFen,
      reason: refund.reason,
    });
  } catch (error) {
    deps.logger.error({ err: error, refundId: refund.id, executor: deps.refundExecutor.name }, 'refund executor failed');
    outcome = { status: 'failed', reason: EXECUTOR_UNREACHABLE };
  }
  await settleRefund(deps.db, refund.id, outcome, deps.clock());
}
