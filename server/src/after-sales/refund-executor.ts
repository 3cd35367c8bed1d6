/**
 * Pays approved refunds back: wechat-executor.ts through POST /v3/refund/domestic/refunds, the
 * demo executor at once for orders the demo seed paid (createRefundExecutorByChannel picks).
 * An executor may answer `processing` (WeChat's PROCESSING): the final state then arrives later
 * through `settleRefund` in ./settle.ts (refund notification or query).
 */
export interface RefundRequestToExecute {
  refundId: number;
  refundNo: string;
  orderNo: string;
  /** The order's transaction at the payment provider (its transaction_id). */
  transactionId: string | null;
  amountFen: number;
  /** What the order was paid in total: WeChat's amount.total. */
  orderPaidFen: number;
  /** How the order was paid: 'miniprogram' / 'jsapi' (WeChat Pay), or 'demo' (the demo seed). */
  paymentChannel: string | null;
  reason: string;
}

export type RefundExecution =
  | { status: 'refunded'; externalRefundId: string; at: Date }
  | { status: 'processing'; externalRefundId: string }
  | { status: 'failed'; reason: string };

export interface RefundExecutor {
  /** 'demo' or 'wechat': stored on the refund. */
  readonly name: string;
  /**
   * An executor that hands each refund to another (by payment channel) names the one it picks,
   * so the refund records which executor ran it.
   */
  executorFor?(refund: RefundRequestToExecute): RefundExecutor;
  execute(refund: RefundRequestToExecute): Promise<RefundExecution>;
}
