import type { Db, Tx } from '@qiaodu/db';
import type { RefundSummary } from '@qiaodu/shared';
import { findRefunds } from './refund-repository';
import { summariesOf } from './refund-views';

/** An order's refunds as its customer sees them, newest first (the order detail lists them). */
export async function refundSummariesOfOrder(db: Db | Tx, orderId: number): Promise<RefundSummary[]> {
  return summariesOf(db, await findRefunds(db, { orderId }));
}
