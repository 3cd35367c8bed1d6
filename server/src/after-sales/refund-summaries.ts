import type { Db, Tx } from '@qiaodu/db';
import type { RefundSummary } from '@qiaodu/shared';

// Placeholder replaced by the after-sales work: an order's refunds as its customer sees them.
export async function refundSummariesOfOrder(db: Db | Tx, orderId: number): Promise<RefundSummary[]> {
  void db;
  void orderId;
  return [];
}
