import type { Db } from '@qiaodu/db';
import type { Logger } from 'pino';
import { loggableError } from '../http/loggable-error';
import type { RefundExecution, RefundExecutor, RefundRequestToExecute } from './refund-executor';
import { moveRefund, type RefundRow } from './refund-repository';
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
  const request: RefundRequestToExecute = {
    refundId: refund.id,
    refundNo: refund.refundNo,
    orderNo: refund.orderNo,
    transactionId: refund.orderTransactionId,
    amountFen: refund.amountFen,
    orderPaidFen: refund.orderPaidFen,
    paymentChannel: refund.orderPaymentChannel,
    reason: refund.reason,
  };
  const executor = deps.refundExecutor.executorFor?.(request) ?? deps.refundExecutor;
  if (executor !== deps.refundExecutor) {
    // Recorded before the call: if the process dies while WeChat has the refund, the sync pass
    // (refund-sync.ts) still knows to ask WeChat about it.
    await deps.db.transaction((tx) => moveRefund(tx, refund.id, ['approved'], { executor: executor.name }));
  }
  let outcome: RefundExecution;
  try {
    outcome = await executor.execute(request);
  } catch (error) {
    deps.logger.error({ err: loggableError(error), refundId: refund.id, executor: executor.name }, 'refund executor failed');
    outcome = { status: 'failed', reason: EXECUTOR_UNREACHABLE };
  }
  await settleRefund(deps.db, refund.id, outcome, deps.clock());
}
