import type { Db, Tx } from '@qiaodu/db';
import { formatFen, ORDER_TRANSITIONS, type OrderStatus, type RefundStatus } from '@qiaodu/shared';
import { schema } from '@qiaodu/db';
import { eq } from 'drizzle-orm';
import { advancePastRefundedParcels } from '../fulfilment/after-refund';
import { lockSkusForMoves } from '../inventory/ledger';
import { addToSalesCounts } from '../orders/sales-count';
import { recordOrderEvent, transitionOrder } from '../orders/timeline';
import type { RefundExecution } from './refund-executor';
import * as repository from './refund-repository';

const { refunds } = schema;

/** A full refund closes an order only while none of its goods has left: the state table says which. */
const CLOSABLE_BY_FULL_REFUND: readonly OrderStatus[] = ORDER_TRANSITIONS.refund_in_full.from;

/** A failed refund that WeChat reports paid after all (the timeline says why it moved again). */
const PAID_AFTER_FAILURE = '微信支付确认该退款已成功';

/**
 * Records what the refund executor answered for an approved refund: right after the executor
 * returns, or later when WeChat Pay's refund notification (or a query) brings the final result
 * of a PROCESSING refund. Only an `approved` refund moves, so a repeated notification, or a
 * notification racing the executor's own answer, settles it exactly once. Answers the refund's
 * status afterwards, or null when it was not approved (nothing changed).
 */
export async function settleRefund(db: Db, refundId: number, outcome: RefundExecution, now: Date = new Date()): Promise<RefundStatus | null> {
  return db.transaction((tx) => settleRefundInTx(tx, refundId, outcome, now));
}

export interface SettleOptions {
  /**
   * Success may also move a `failed` refund (through `retry` by the system, then `succeed`):
   * WeChat's word that the money went back, e.g. an ABNORMAL refund the merchant then completed
   * at WeChat, or a call that timed out (recorded as failed) which WeChat did carry out.
   */
  reopenFailed?: boolean;
}

/**
 * settleRefund inside the caller's transaction: the refund notification applier writes its
 * payment event log row next to the effect. Success returns the money on the books: the lines'
 * refunded units, the order's refunded_fen, the SKUs' sales figures, both timelines, and
 * `refund_in_full` when the order is thereby fully refunded before any of it left. Lock order:
 * products → SKUs → the order row → the refund.
 */
export async function settleRefundInTx(
  tx: Tx,
  refundId: number,
  outcome: RefundExecution,
  now: Date,
  options: SettleOptions = {},
): Promise<RefundStatus | null> {
  if (outcome.status === 'processing') {
    const moved = await repository.moveRefund(tx, refundId, ['approved'], { externalRefundId: outcome.externalRefundId, updatedAt: now });
    return moved ? 'approved' : null;
  }
  if (outcome.status === 'failed') {
    const moved = await repository.transitionRefund(tx, {
      refundId,
      transition: 'fail',
      by: { kind: 'system', actorId: null },
      at: now,
      set: { failureReason: outcome.reason },
      note: outcome.reason,
    });
    return moved ? 'failed' : null;
  }
  const [refund] = await tx
    .select({ orderId: refunds.orderId, refundNo: refunds.refundNo, amountFen: refunds.amountFen })
    .from(refunds)
    .where(eq(refunds.id, refundId));
  if (!refund) return null;
  const items = await repository.findRefundItems(tx, [refundId]);
  await lockSkusForMoves(tx, items.map((item) => item.skuId));
  await repository.lockOrderRow(tx, refund.orderId);
  if (options.reopenFailed) {
    await repository.transitionRefund(tx, { refundId, transition: 'retry', by: { kind: 'system', actorId: null }, at: now, note: PAID_AFTER_FAILURE });
  }
  const note = `退款单 ${refund.refundNo}，退款 ${formatFen(refund.amountFen)}`;
  const moved = await repository.transitionRefund(tx, {
    refundId,
    transition: 'succeed',
    by: { kind: 'system', actorId: null },
    at: now,
    set: { externalRefundId: outcome.externalRefundId, failureReason: null, refundedAt: outcome.at },
    note,
  });
  if (!moved) return null;

  await repository.addRefundedUnits(tx, items);
  await addToSalesCounts(tx, items.map((item) => ({ skuId: item.skuId, quantity: -item.quantity })), now);
  const order = await repository.addRefundedFen(tx, moved.orderId, moved.amountFen, now);
  await recordOrderEvent(tx, { orderId: moved.orderId, action: 'refund_refunded', by: { kind: 'system' }, note, at: now });
  if (CLOSABLE_BY_FULL_REFUND.includes(order.status) && order.refundedFen === order.paidFen) {
    await transitionOrder(tx, {
      orderId: moved.orderId,
      transition: 'refund_in_full',
      by: { kind: 'system' },
      at: now,
      note: '订单款项已全部退回',
      set: { cancelledAt: now, cancelReason: '全额退款' },
    });
  } else {
    // The refunded goods may have been all the order was still waiting for.
    await advancePastRefundedParcels(tx, { id: moved.orderId, status: order.status, deliveryMethod: order.deliveryMethod }, now);
  }
  return 'refunded';
}
