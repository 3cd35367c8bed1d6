import { schema, type Db } from '@qiaodu/db';
import {
  formatFen,
  PAYMENT_FLAG_KIND_LABELS,
  PAYMENT_NOTIFICATION_OUTCOME_LABELS,
  WECHAT_REFUND_STATUS_LABELS,
  type PaymentEventList,
  type PaymentEventListQuery,
  type PaymentFlag,
  type PaymentFlagList,
  type PaymentFlagListQuery,
} from '@qiaodu/shared';
import { and, count, desc, eq, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { attributionIn } from '../audit/attribution';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';

const { flaggedPaymentRefunds, orders, paymentFlags, paymentNotifications, users } = schema;

type FlagQuery = z.output<typeof PaymentFlagListQuery>;
type EventQuery = z.output<typeof PaymentEventListQuery>;

const money = (fen: number | null | undefined) => (fen === null || fen === undefined ? '未知金额' : formatFen(fen));

const flagColumns = {
  flag: paymentFlags,
  orderNo: orders.orderNo,
  orderTotalFen: orders.totalFen,
  resolverName: users.displayName,
  refund: flaggedPaymentRefunds,
};

type FlagRow = {
  flag: typeof paymentFlags.$inferSelect;
  orderNo: string | null;
  orderTotalFen: number | null;
  resolverName: string | null;
  refund: typeof flaggedPaymentRefunds.$inferSelect | null;
};

function flagQuery(db: Db) {
  return db
    .select(flagColumns)
    .from(paymentFlags)
    .leftJoin(orders, eq(orders.id, paymentFlags.orderId))
    .leftJoin(users, eq(users.id, paymentFlags.resolvedBy))
    .leftJoin(flaggedPaymentRefunds, eq(flaggedPaymentRefunds.flagId, paymentFlags.id));
}

/** One line for staff: what did not match, or what happened to the money. */
function summaryOf(row: FlagRow, expectedFen: number | null): string {
  const { flag, refund } = row;
  const details = flag.details;
  switch (flag.kind) {
    case 'amount_mismatch':
      return `微信支付金额 ${money(flag.amountFen)} 与订单应付 ${money(expectedFen)} 不符，订单未标记为已支付`;
    case 'merchant_mismatch': {
      const parts = [
        details.reportedMchid !== undefined && details.reportedMchid !== details.expectedMchid ? `商户号 ${details.reportedMchid}` : null,
        details.reportedAppid !== undefined && details.reportedAppid !== details.expectedAppid ? `应用 ${details.reportedAppid}` : null,
      ].filter((part): part is string => part !== null);
      return `支付的${parts.length > 0 ? parts.join('、') : '商户号或应用'}与本店不符，订单未标记为已支付`;
    }
    case 'late_payment': {
      const refundState = !refund
        ? '尚未发起退款'
        : refund.wechatStatus === null
          ? refund.lastError
            ? '自动退款暂未成功，将自动重试'
            : '正在自动退款'
          : refund.wechatStatus === 'SUCCESS'
            ? '已自动退款'
            : `自动退款：${WECHAT_REFUND_STATUS_LABELS[refund.wechatStatus]}`;
      return `订单关闭后收到支付 ${money(flag.amountFen)}，${refundState}`;
    }
    case 'unknown_order':
      return `收到本店没有的订单号 ${flag.outTradeNo ?? '（无）'} 的支付 ${money(flag.amountFen)}`;
  }
}

function toPaymentFlag(row: FlagRow): PaymentFlag {
  const { flag, refund } = row;
  const expectedFen = flag.details.expectedFen ?? row.orderTotalFen;
  return {
    id: flag.id,
    kind: flag.kind,
    kindLabel: PAYMENT_FLAG_KIND_LABELS[flag.kind],
    orderId: flag.orderId,
    orderNo: row.orderNo,
    transactionId: flag.transactionId,
    outTradeNo: flag.outTradeNo,
    amountFen: flag.amountFen,
    expectedFen: expectedFen ?? null,
    summary: summaryOf(row, expectedFen ?? null),
    createdAt: flag.createdAt.toISOString(),
    resolvedAt: flag.resolvedAt?.toISOString() ?? null,
    resolvedBy: flag.resolvedBy !== null && row.resolverName !== null ? { id: flag.resolvedBy, name: row.resolverName } : null,
    resolutionNote: flag.resolutionNote,
    autoRefund: refund
      ? {
          outRefundNo: refund.outRefundNo,
          amountFen: refund.amountFen,
          status: refund.wechatStatus,
          attempts: refund.attempts,
          lastError: refund.lastError,
          succeededAt: refund.succeededAt?.toISOString() ?? null,
        }
      : null,
  };
}

/**
 * The console's 支付异常 (payments.review: teachers and admins): payments WeChat reported that
 * the shop could not apply, and the payment event log behind them. Flags are never deleted; a
 * resolution records who looked, when and what they did.
 */
export function createPaymentConsoleService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;

  async function flag(id: number): Promise<PaymentFlag> {
    const [row] = await flagQuery(db).where(eq(paymentFlags.id, id));
    if (!row) throw new AppError('PAYMENT_FLAG_NOT_FOUND');
    return toPaymentFlag(row);
  }

  return {
    async listFlags(query: FlagQuery): Promise<PaymentFlagList> {
      const where =
        query.status === 'open' ? isNull(paymentFlags.resolvedAt) : query.status === 'resolved' ? isNotNull(paymentFlags.resolvedAt) : undefined;
      const [rows, [total], [open]] = await Promise.all([
        flagQuery(db)
          .where(where)
          .orderBy(desc(paymentFlags.createdAt), desc(paymentFlags.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(paymentFlags).where(where),
        db.select({ n: count() }).from(paymentFlags).where(isNull(paymentFlags.resolvedAt)),
      ]);
      return { items: rows.map(toPaymentFlag), total: total?.n ?? 0, open: open?.n ?? 0, page: query.page, pageSize: query.pageSize };
    },

    async resolveFlag(actor: Actor, id: number, note: string): Promise<PaymentFlag> {
      // Not a team's business: whatever shift the resolver is clocked into (teachers and admins resolve, so usually none).
      const resolved = await db.transaction(async (tx) => {
        const { actorId, shiftId } = await attributionIn(tx, actor, null);
        // Conditional on still being open: of two staff resolving at once, one wins, the other is told.
        return tx
          .update(paymentFlags)
          .set({ resolvedAt: clock(), resolvedBy: actorId, resolvedShiftId: shiftId, resolutionNote: note })
          .where(and(eq(paymentFlags.id, id), isNull(paymentFlags.resolvedAt)))
          .returning({ id: paymentFlags.id });
      });
      if (resolved.length === 0) {
        await flag(id); // PAYMENT_FLAG_NOT_FOUND when there is no such flag
        throw new AppError('PAYMENT_FLAG_RESOLVED');
      }
      return flag(id);
    },

    async listEvents(query: EventQuery): Promise<PaymentEventList> {
      const conditions: SQL[] = [];
      if (query.orderNo) {
        // Refund events of the order carry its number too; events of its id catch the rest.
        const [order] = await db.select({ id: orders.id }).from(orders).where(eq(orders.orderNo, query.orderNo));
        const byNumber = eq(paymentNotifications.outTradeNo, query.orderNo);
        conditions.push(order ? (or(byNumber, eq(paymentNotifications.orderId, order.id)) as SQL) : byNumber);
      }
      if (query.outcome) conditions.push(eq(paymentNotifications.outcome, query.outcome));
      const where = conditions.length > 0 ? and(...conditions) : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(paymentNotifications)
          .where(where)
          .orderBy(desc(paymentNotifications.receivedAt), desc(paymentNotifications.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ n: count() }).from(paymentNotifications).where(where),
      ]);
      return {
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          source: row.source,
          outcome: row.outcome,
          outcomeLabel: PAYMENT_NOTIFICATION_OUTCOME_LABELS[row.outcome],
          reason: row.reason,
          eventType: row.eventType,
          receivedAt: row.receivedAt.toISOString(),
          outTradeNo: row.outTradeNo,
          outRefundNo: row.outRefundNo,
          transactionId: row.transactionId,
          wechatState: row.wechatState,
          amountTotalFen: row.amountTotalFen,
          amountRefundFen: row.amountRefundFen,
          orderId: row.orderId,
        })),
        total: total?.n ?? 0,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  };
}
