import { maskName, REFUND_EVENT_LABELS, type RefundSummary, type TeamRefund, type TimelineEntry } from '@qiaodu/shared';
import type { Actor } from '../policy/actor';
import { may, refundDecisionProblem, seesFullPersonalData } from '../policy/policy';
import type { RefundEventRow, RefundItemRow, RefundRow } from './refund-repository';

export function toRefundSummary(row: RefundRow, items: readonly RefundItemRow[]): RefundSummary {
  return {
    id: row.id,
    refundNo: row.refundNo,
    orderId: row.orderId,
    orderNo: row.orderNo,
    status: row.status,
    team: { id: row.teamId, name: row.teamName },
    amountFen: row.amountFen,
    shippingFen: row.shippingFen,
    reason: row.reason,
    wholeOrder: row.wholeOrder,
    needsTeacher: row.needsTeacher,
    items: items
      .filter((item) => item.refundId === row.id)
      .map((item) => ({
        orderItemId: item.orderItemId,
        title: item.title,
        specs: item.specs,
        image: item.image,
        quantity: item.quantity,
        restockedQuantity: item.restockedQuantity,
      })),
    photos: row.photos,
    decisionComment: row.decisionComment,
    decidedBy: row.decidedById === null ? null : { id: row.decidedById, name: row.decidedByName ?? '' },
    disposition: row.disposition,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    refundedAt: row.refundedAt?.toISOString() ?? null,
  };
}

/** The customer is 买家 to everyone; staff are named with the team the refund belongs to. */
export function toRefundTimeline(events: readonly RefundEventRow[], teamName: string): TimelineEntry[] {
  return events.map((event) => ({
    at: event.createdAt.toISOString(),
    action: event.action,
    label: REFUND_EVENT_LABELS[event.action],
    from: event.fromStatus,
    to: event.toStatus,
    actorKind: event.actorKind,
    actorName: event.actorKind === 'customer' ? '买家' : event.actorKind === 'system' ? '系统' : `${teamName}·${event.actorName ?? '工作人员'}`,
    note: event.note,
  }));
}

const BLOCKED_REASONS = { REFUND_NEEDS_TEACHER: '需指导老师审批', OWN_ORDER: '不能处理自己的订单' } as const;

/**
 * A refund as the console shows it to this caller: the customer's name masked for students and
 * mentors (PIPL), and only the buttons that would work for them now.
 */
export function toTeamRefund(row: RefundRow, items: readonly RefundItemRow[], actor: Actor): TeamRefund {
  const summary = toRefundSummary(row, items);
  const name = row.customerName ?? '已注销用户';
  const problem = refundDecisionProblem(actor, row);
  const mayDecide = may(actor, 'refund.decide', row.teamId) && problem === null;
  const awaitsDecision = row.status === 'requested' || row.status === 'failed';
  return {
    ...summary,
    customer: { name: seesFullPersonalData(actor) || row.customerName === null ? name : maskName(name) },
    can: {
      decide: row.status === 'requested' && mayDecide,
      retry: row.status === 'failed' && mayDecide,
      dispose: row.status === 'refunded' && row.disposition === null && summary.items.length > 0 && row.customerId !== actor.userId && may(actor, 'stock.move', row.teamId),
    },
    decideBlockedReason: awaitsDecision && problem !== null ? BLOCKED_REASONS[problem] : null,
  };
}
