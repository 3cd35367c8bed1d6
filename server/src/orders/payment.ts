import { randomInt } from 'node:crypto';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { PAY_CHANNELS } from '@qiaodu/shared';
import { and, eq, gt } from 'drizzle-orm';
import { violatedUniqueConstraint } from '../console/unique-violation';
import { AppError } from '../http/app-error';
import { lockOrderGoods } from './order-goods';
import { addToSalesCounts } from './sales-count';
import { transitionOrder } from './timeline';

const { orders } = schema;

type OrderRow = typeof orders.$inferSelect;
const CODE_ATTEMPTS = 8;
const EXPIRED_MESSAGE = '订单已超时关闭';

/**
 * Marks an order paid (the demo payment now; WeChat Pay's notification later calls the same).
 * Locks the order's products and SKUs first, as placement, cancellation and expiry do, then
 * moves the order only if it is still unpaid and not past its deadline, so an order the expiry
 * job is releasing at this moment cannot also be paid. Pickup orders get their 6-digit code
 * here, unique among orders waiting for pickup (a clash with another order's code is retried
 * with a new one). sales_count counts paid units.
 */
export async function markOrderPaid(
  db: Db,
  input: { order: OrderRow; channel: (typeof PAY_CHANNELS)[number]; transactionId: string; at: Date },
): Promise<void> {
  const { order, at } = input;
  if (order.status === 'pending_payment' && order.expiresAt <= at) throw new AppError('INVALID_STATE', EXPIRED_MESSAGE);
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction(async (tx) => {
        const lines = await lockOrderGoods(tx, order.id);
        await transitionOrder(tx, {
          orderId: order.id,
          transition: 'pay',
          by: { kind: 'system' },
          at,
          note: input.channel === 'demo' ? '演示支付' : '',
          set: {
            paidFen: order.totalFen,
            paidAt: at,
            paymentChannel: input.channel,
            transactionId: input.transactionId,
            pickupCode: order.deliveryMethod === 'pickup' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null,
          },
          where: and(eq(orders.customerId, order.customerId ?? -1), gt(orders.expiresAt, at)),
        }).catch(async (error: unknown) => {
          if (error instanceof AppError && error.code === 'INVALID_STATE') throw await refusalOf(tx, order.id, at);
          throw error;
        });
        await addToSalesCounts(tx, lines, at);
      });
      return;
    } catch (error) {
      if (attempt < CODE_ATTEMPTS && violatedUniqueConstraint(error) === 'orders_open_pickup_code_key') continue;
      throw error;
    }
  }
}

/** Why the order could not be paid: past its deadline (swept or not yet), or already moved on. */
async function refusalOf(tx: Tx, orderId: number, at: Date): Promise<AppError> {
  const [row] = await tx
    .select({ status: orders.status, expiresAt: orders.expiresAt, cancelledAt: orders.cancelledAt })
    .from(orders)
    .where(eq(orders.id, orderId));
  const expired =
    row !== undefined &&
    ((row.status === 'pending_payment' && row.expiresAt <= at) || (row.status === 'cancelled' && row.cancelledAt !== null && row.cancelledAt >= row.expiresAt));
  return expired ? new AppError('INVALID_STATE', EXPIRED_MESSAGE) : new AppError('INVALID_STATE');
}
