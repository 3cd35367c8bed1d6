import type { schema } from '@qiaodu/db';

type OrderRow = typeof schema.orders.$inferSelect;

export type Payability = { payable: true } | { payable: false; paid: boolean; message: string };

/**
 * Whether an order can still be paid now, and if not, why in the customer's words. The expiry
 * job may not have swept an order past its deadline yet: it is closed all the same (payment
 * refuses it too). A cancelled order at or after its deadline was closed by the expiry. An
 * order of 0 fen cannot be paid (WeChat takes at least 1 fen); placement refuses to make one,
 * this guards any that exist from before.
 */
export function payabilityOf(order: OrderRow, now: Date): Payability {
  if (order.status === 'pending_payment') {
    if (order.expiresAt <= now) return { payable: false, paid: false, message: '订单已超时关闭' };
    if (order.totalFen < 1) return { payable: false, paid: false, message: '订单金额为 0 元，无法支付' };
    return { payable: true };
  }
  if (order.status === 'cancelled') {
    if (order.paidAt !== null) return { payable: false, paid: true, message: '订单已关闭' };
    const expired = order.cancelledAt !== null && order.cancelledAt >= order.expiresAt;
    return { payable: false, paid: false, message: expired ? '订单已超时关闭' : '订单已取消' };
  }
  return { payable: false, paid: true, message: '订单已支付' };
}
