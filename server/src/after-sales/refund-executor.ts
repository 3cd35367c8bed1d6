/**
 * Pays approved refunds back. The WeChat Pay issue implements it with
 * POST /v3/refund/domestic/refunds; until then the demo executor marks refunds refunded at once.
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
  reason: string;
}

export type RefundExecution =
  | { status: 'refunded'; externalRefundId: string; at: Date }
  | { status: 'processing'; externalRefundId: string }
  | { status: 'failed'; reason: string };

export interface RefundExecutor {
  /** 'demo' or 'wechat': stored on the refund. */
  readonly name: string;
  execute(refund: RefundRequestToExecute): Promise<RefundExecution>;
}
