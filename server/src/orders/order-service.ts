import { schema } from '@qiaodu/db';
import {
  ORDER_STATUS_FILTERS,
  type OrderCounts,
  type OrderDetail,
  type OrderList,
  type OrderListQuery,
} from '@qiaodu/shared';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../http/app-error';
import { cancelUnpaidOrder } from './cancellation';
import type { OrderDeps } from './deps';
import { toOrderDetail, toOrderSummary } from './order-mapper';
import { findOwnOrder, OPEN_REFUND_STATUSES, readOrderBundles } from './order-reader';
import { transitionOrder } from './timeline';

const { orders, refunds } = schema;

const CUSTOMER_CANCEL_REASON = '买家取消订单';

/** The customer's side of their orders: read, list, count, cancel, confirm (paying: payments/pay-service). */
export function createOrderService(deps: OrderDeps) {
  const { db, clock, settings } = deps;

  async function ownOrder(customerId: number, orderId: number) {
    const row = await findOwnOrder(db, customerId, orderId);
    if (!row) throw new AppError('ORDER_NOT_FOUND');
    return row;
  }

  async function detail(customerId: number, orderId: number): Promise<OrderDetail> {
    const [bundle] = await readOrderBundles(db, [await ownOrder(customerId, orderId)], { full: true });
    return toOrderDetail(bundle!, clock(), settings.autoCompleteDays);
  }

  return {
    detail,

    async list(customerId: number, query: z.output<typeof OrderListQuery>): Promise<OrderList> {
      const statuses = [...(ORDER_STATUS_FILTERS[query.status] ?? [])];
      const where = and(eq(orders.customerId, customerId), inArray(orders.status, statuses));
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(orders)
          .where(where)
          .orderBy(desc(orders.createdAt), desc(orders.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(orders).where(where),
      ]);
      const now = clock();
      const bundles = await readOrderBundles(db, rows, { full: false });
      return { items: bundles.map((bundle) => toOrderSummary(bundle, now)), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
    },

    async counts(customerId: number): Promise<OrderCounts> {
      const filter = (tab: 'to_pay' | 'to_ship' | 'to_receive') =>
        sql<number>`(count(*) filter (where ${inArray(orders.status, [...ORDER_STATUS_FILTERS[tab]!])}))::integer`;
      const [[tabs], [open]] = await Promise.all([
        db
          .select({ to_pay: filter('to_pay'), to_ship: filter('to_ship'), to_receive: filter('to_receive') })
          .from(orders)
          .where(eq(orders.customerId, customerId)),
        db
          .select({ n: count() })
          .from(refunds)
          .where(and(eq(refunds.customerId, customerId), inArray(refunds.status, [...OPEN_REFUND_STATUSES]))),
      ]);
      return { to_pay: tabs?.to_pay ?? 0, to_ship: tabs?.to_ship ?? 0, to_receive: tabs?.to_receive ?? 0, after_sales: open?.n ?? 0 };
    },

    async cancel(customerId: number, orderId: number, reason: string | undefined): Promise<OrderDetail> {
      await ownOrder(customerId, orderId);
      await db.transaction((tx) =>
        cancelUnpaidOrder(tx, {
          orderId,
          transition: 'cancel',
          by: { kind: 'customer', userId: customerId },
          at: clock(),
          reason: reason?.trim() || CUSTOMER_CANCEL_REASON,
          where: eq(orders.customerId, customerId),
        }),
      );
      return detail(customerId, orderId);
    },

    async confirmReceipt(customerId: number, orderId: number): Promise<OrderDetail> {
      await ownOrder(customerId, orderId);
      const at = clock();
      await db.transaction((tx) =>
        transitionOrder(tx, {
          orderId,
          transition: 'confirm_receipt',
          by: { kind: 'customer', userId: customerId },
          at,
          set: { completedAt: at },
          where: eq(orders.customerId, customerId),
        }),
      );
      return detail(customerId, orderId);
    },
  };
}
