import { randomInt } from 'node:crypto';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { WechatPayChannel } from '@qiaodu/shared';
import { and, eq, gt } from 'drizzle-orm';
import { violatedUniqueConstraint } from '../console/unique-violation';
import { AppError } from '../http/app-error';
import { lockOrderGoods } from './order-goods';
import { addToSalesCounts } from './sales-count';
import { transitionOrder } from './timeline';

const { orders } = schema;

type OrderRow = typeof orders.$inferSelect;
/** How an order was paid: WeChat Pay in the mini-program or the WeChat browser, or the demo seed's instant payment. */
export type OrderPaymentChannel = WechatPayChannel | 'demo';
/** The order's lines as lockOrderGoods answers them (its locks taken). */
export type LockedOrderGoods = Awaited<ReturnType<typeof lockOrderGoods>>;

const CODE_ATTEMPTS = 8;
const EXPIRED_MESSAGE = '订单已超时关闭';

export interface PayOrderInput {
  order: OrderRow;
  channel: OrderPaymentChannel;
  transactionId: string;
  /** When the money moved: paid_at, and the moment the order's deadline is judged against. */
  at: Date;
}

/**
 * Marks an order paid in its own transaction: the demo seed's payment. WeChat Pay's
 * notifications pay inside the applier's transaction instead (payOrderInTx), next to the
 * payment event log row that makes them exactly-once.
 */
export async function markOrderPaid(db: Db, input: PayOrderInput): Promise<void> {
  const { order, at } = input;
  if (order.status === 'pending_payment' && order.expiresAt <= at) throw new AppError('INVALID_STATE', EXPIRED_MESSAGE);
  await db.transaction(async (tx) => {
    const lines = await lockOrderGoods(tx, order.id);
    await payOrderInTx(tx, { ...input, lines });
  });
}

/**
 * The pay transition inside the caller's transaction, which must already hold the order's goods
 * locks (lockOrderGoods: products, then SKUs), as placement, cancellation and expiry take them,
 * so that a payment and an expiry of one order queue up instead of deadlocking. Moves the order
 * only if it is still unpaid and not past its deadline at `at` (INVALID_STATE otherwise, with
 * 订单已超时关闭 when the deadline is why). Pickup orders get their 6-digit code here, unique
 * among orders waiting for pickup: a clash is retried with a new code inside a savepoint, so the
 * caller's transaction survives it. sales_count counts paid units.
 */
export async function payOrderInTx(tx: Tx, input: PayOrderInput & { lines: LockedOrderGoods }): Promise<void> {
  const { order, at } = input;
  for (let attempt = 1; ; attempt++) {
    try {
      await tx.transaction(async (savepoint) => {
        await transitionOrder(savepoint, {
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
        });
      });
      break;
    } catch (error) {
      if (attempt < CODE_ATTEMPTS && violatedUniqueConstraint(error) === 'orders_open_pickup_code_key') continue;
      if (error instanceof AppError && error.code === 'INVALID_STATE') throw await refusalOf(tx, order.id, at);
      throw error;
    }
  }
  await addToSalesCounts(tx, input.lines, at);
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
