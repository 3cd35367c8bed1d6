import type { schema } from '@qiaodu/db';

type OrderRow = typeof schema.orders.$inferSelect;

export type Payability = { payable: true } | { payable: false; paid: boolean; message: string };

/**
 * Whether an order can still be paid now, and if not, why in the customer's words. The expiry
 * job may not have swept an order past its deadline yet: it is closed all the same (payment
 * refuses it too). A cancelled order at or after its deadline was closed by the expiry.
 */
export function payabilityOf(order: OrderRow, now: Date): Payability {
  if (order.status === 'pending_payment') {
    return order.expiresAt > now ? { payable: true } : { payable: false, paid: false, message: '订单已超时关闭' };
  }
  if (order.status === 'cancelled') {
    if (order.paidAt !== null) return { payable: false, paid: true, message: '订单已关闭' };
    const expired = order.cancelledAt !== null && order.cancelledAt >= order.expiresAt;
    return { payable: false, paid: false, message: expired ? '订单已超时关闭' : '订单已取消' };
  }
  return { payable: false, paid: true, message: '订单已支付' };
}
