import {
  formatFen,
  REFUND_WINDOW_DAYS,
  refundWindowOpen,
  type OrderStatus,
  type RefundDetail,
  type RefundList,
  type RefundListQuery,
  type RequestRefundBody,
} from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { schema } from '@qiaodu/db';
import { AppError } from '../http/app-error';
import type { UploadedFile } from '../media/upload';
import type { OrderDeps } from '../orders/deps';
import { recordOrderEvent } from '../orders/timeline';
import type { Actor } from '../policy/actor';
import { formatRefundNo } from './refund-number';
import { planRefunds } from './refund-plan';
import { photoUrlProblem, storeRefundPhoto } from './refund-photo';
import * as repository from './refund-repository';
import { customerRefundDetail, summariesOf } from './refund-views';

type RequestData = z.output<typeof RequestRefundBody>;
type ListQuery = z.output<typeof RefundListQuery>;

/** The customer's side of after-sales: asking for refunds, following and withdrawing them. */
export function createCustomerRefundService(deps: OrderDeps) {
  const { db, clock, media, settings } = deps;

  /** Refunds open on a paid order, and on a completed one within the 售后期. */
  function requireRefundable(order: { status: OrderStatus; completedAt: Date | null }, now: Date): void {
    if (refundWindowOpen(order, now, REFUND_WINDOW_DAYS)) return;
    if (order.status === 'completed') throw new AppError('REFUND_WINDOW_CLOSED', `订单完成超过 ${REFUND_WINDOW_DAYS} 天，已过售后期限`);
    throw new AppError('INVALID_STATE', order.status === 'pending_payment' ? '订单尚未支付，不能申请退款' : '订单已关闭，不能申请退款');
  }

  return {
    /**
     * Under the order's row lock: two requests for the same units queue up, and the second
     * finds them held by the first (409 REFUND_IN_PROGRESS). Answers the first refund created
     * (a whole-order request of a two-team order makes two; the order lists both).
     */
    async request(actor: Actor, orderId: number, body: RequestData): Promise<RefundDetail> {
      const photos = body.photos ?? [];
      photos.forEach((url, index) => {
        const problem = photoUrlProblem(media, actor.userId, orderId, url);
        if (problem) throw new AppError('VALIDATION_FAILED', problem, [{ path: `body.photos.${index}`, message: problem }]);
      });
      const firstId = await db.transaction(async (tx) => {
        const order = await repository.lockCustomerOrder(tx, orderId, actor.userId);
        if (!order) throw new AppError('ORDER_NOT_FOUND');
        const now = clock();
        requireRefundable(order, now);

        const lines = await repository.findOrderItemsForRefund(tx, orderId);
        const open = await repository.openRefundUnits(tx, orderId);
        const totals = await repository.refundTotalsOfOrder(tx, orderId);
        const goodsLeft = await repository.anyParcelLeft(tx, orderId);
        const planned = planRefunds(
          lines.map((line) => ({ ...line, openUnits: open.get(line.id) ?? 0 })),
          { items: body.items, amountFen: body.amountFen },
          {
            shippingFen: goodsLeft || totals.shippingClaimed ? 0 : order.shippingFen,
            moneyLeftFen: order.paidFen - order.refundedFen - totals.openFen,
          },
        );

        const created: { id: number; refundNo: string; amountFen: number }[] = [];
        // What this order has returned or is returning already: refunds add up toward the
        // teacher's threshold, so a large sum asked for in small pieces still needs a teacher.
        let askedFen = order.refundedFen + totals.openFen;
        for (const [index, refund] of planned.entries()) {
          const refundNo = formatRefundNo(order.orderNo, totals.count + index + 1);
          const id = await repository.insertRefund(tx, {
            refundNo,
            orderId,
            teamId: refund.teamId,
            customerId: actor.userId,
            amountFen: refund.amountFen,
            shippingFen: refund.shippingFen,
            reason: body.reason,
            photos,
            wholeOrder: refund.wholeOrder,
            // Decided once, when asked: the console shows 需指导老师审批 from the start.
            needsTeacher: (askedFen += refund.amountFen) > settings.refundTeacherAboveFen,
            createdAt: now,
            updatedAt: now,
          });
          await repository.insertRefundItems(
            tx,
            refund.items.map((item) => ({ refundId: id, orderItemId: item.orderItemId, quantity: item.quantity })),
          );
          await repository.insertRefundEvent(tx, { refundId: id, action: 'requested', from: null, to: 'requested', actorKind: 'customer', actorId: actor.userId, note: body.reason, at: now });
          created.push({ id, refundNo, amountFen: refund.amountFen });
        }
        const totalFen = created.reduce((sum, refund) => sum + refund.amountFen, 0);
        await recordOrderEvent(tx, {
          orderId,
          action: 'refund_requested',
          by: { kind: 'customer', userId: actor.userId },
          note: `退款单 ${created.map((refund) => refund.refundNo).join('、')}，申请退款 ${formatFen(totalFen)}`,
          at: now,
        });
        return created[0]!.id;
      });
      return customerRefundDetail(db, actor.userId, firstId);
    },

    /** One WebP (1080 px) under refunds/<customer>/<order>/: only this customer's own order. */
    async uploadPhoto(actor: Actor, orderId: number, read: () => Promise<UploadedFile>): Promise<{ url: string }> {
      if (!(await repository.customerOwnsOrder(db, orderId, actor.userId))) throw new AppError('ORDER_NOT_FOUND');
      const file = await read();
      return { url: await storeRefundPhoto(media, file.bytes, actor.userId, orderId) };
    },

    async list(actor: Actor, query: ListQuery): Promise<RefundList> {
      const filter = { customerId: actor.userId, status: query.status };
      const [rows, total] = await Promise.all([
        repository.findRefunds(db, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
        repository.countRefunds(db, filter),
      ]);
      return { items: await summariesOf(db, rows), total, page: query.page, pageSize: query.pageSize };
    },

    get(actor: Actor, refundId: number): Promise<RefundDetail> {
      return customerRefundDetail(db, actor.userId, refundId);
    },

    /** Only while nobody has decided it yet; someone else's refund is not found. */
    async withdraw(actor: Actor, refundId: number): Promise<RefundDetail> {
      await db.transaction(async (tx) => {
        const now = clock();
        const moved = await repository.transitionRefund(tx, {
          refundId,
          transition: 'withdraw',
          by: { kind: 'customer', actorId: actor.userId },
          at: now,
          where: eq(schema.refunds.customerId, actor.userId),
        });
        if (!moved) {
          if (!(await repository.findRefund(tx, { refundId, customerId: actor.userId }))) throw new AppError('REFUND_NOT_FOUND');
          throw new AppError('INVALID_STATE', '售后申请已处理，不能撤销');
        }
      });
      return customerRefundDetail(db, actor.userId, refundId);
    },
  };
}
