import { schema } from '@qiaodu/db';
import { REFUND_DISPOSITION_LABELS, type REFUND_DISPOSITIONS, type TeamRefundList, type TeamRefundListQuery } from '@qiaodu/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { attributionIn } from '../audit/attribution';
import { AppError } from '../http/app-error';
import { applyStockMove, lockSkusForMoves } from '../inventory/ledger';
import { requireTeam } from '../inventory/team-scope';
import type { OrderDeps } from '../orders/deps';
import type { Actor } from '../policy/actor';
import { refundDecisionProblem } from '../policy/policy';
import * as repository from './refund-repository';
import { executeApprovedRefund } from './run-executor';
import { requireTeamRefund, teamRefundDetail, teamRefundsOf, type TeamRefundDetailView } from './refund-views';

type ListQuery = z.output<typeof TeamRefundListQuery>;
type Disposition = (typeof REFUND_DISPOSITIONS)[number];

const { refunds } = schema;

/**
 * The console's 售后 queue: a team decides refunds on its goods (its supervising teacher the
 * large ones), the executor pays them back, and the team decides what becomes of the units.
 */
export function createTeamRefundService(deps: OrderDeps) {
  const { db, clock } = deps;
  const detail = (actor: Actor, teamId: number, refundId: number) => teamRefundDetail(db, actor, teamId, refundId);

  /** Who decides: never the customer themselves, and above the threshold only a teacher or admin. */
  async function requireDecidable(actor: Actor, teamId: number, refundId: number) {
    const refund = await requireTeamRefund(db, teamId, refundId);
    const problem = refundDecisionProblem(actor, refund);
    if (problem) throw new AppError(problem);
    return refund;
  }

  /** A staff decision: the shared transition, stamped with who and which shift; 409 with `refusal` if it lost. */
  async function decide(
    actor: Actor,
    teamId: number,
    refundId: number,
    transition: 'approve' | 'reject' | 'retry',
    change: { set: Partial<typeof refunds.$inferInsert>; note?: string; refusal: string; at: Date; stampDecision?: boolean },
  ): Promise<void> {
    await db.transaction(async (tx) => {
      const { actorId, shiftId } = await attributionIn(tx, actor, teamId);
      const decided = change.stampDecision ? { decidedBy: actorId, decidedAt: change.at, decidedShiftId: shiftId, updatedAt: change.at } : {};
      const moved = await repository.transitionRefund(tx, {
        refundId,
        transition,
        by: { kind: 'team', actorId, shiftId },
        at: change.at,
        set: { ...change.set, ...decided },
        where: eq(refunds.teamId, teamId),
        note: change.note,
      });
      if (!moved) throw new AppError('INVALID_STATE', change.refusal);
    });
  }

  return {
    async list(actor: Actor, teamId: number, query: ListQuery): Promise<TeamRefundList> {
      await requireTeam(db, teamId);
      const filter = { teamId, status: query.status };
      const [rows, total, openCount] = await Promise.all([
        repository.findRefunds(db, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
        repository.countRefunds(db, filter),
        repository.countRefunds(db, { teamId, statuses: repository.OPEN_REFUND_STATUSES }),
      ]);
      return { items: await teamRefundsOf(db, rows, actor), total, page: query.page, pageSize: query.pageSize, openCount };
    },

    get: detail,

    /**
     * Approved in one transaction (of two racing approvals one moves the refund, the other gets
     * 409), then paid back by the executor outside it, then settled in another.
     */
    async approve(actor: Actor, teamId: number, refundId: number, comment: string | undefined): Promise<TeamRefundDetailView> {
      const refund = await requireDecidable(actor, teamId, refundId);
      const now = clock();
      await decide(actor, teamId, refundId, 'approve', {
        set: { decisionComment: comment ?? '', executor: deps.refundExecutor.name },
        stampDecision: true,
        note: comment ?? '',
        refusal: '该售后申请已处理',
        at: now,
      });
      await executeApprovedRefund(deps, refund);
      return detail(actor, teamId, refundId);
    },

    /** The customer reads the reason; nothing is paid. */
    async reject(actor: Actor, teamId: number, refundId: number, comment: string): Promise<TeamRefundDetailView> {
      await requireDecidable(actor, teamId, refundId);
      const now = clock();
      await decide(actor, teamId, refundId, 'reject', {
        set: { decisionComment: comment },
        stampDecision: true,
        note: comment,
        refusal: '该售后申请已处理',
        at: now,
      });
      return detail(actor, teamId, refundId);
    },

    /** A failed refund goes back to the executor under the same refund number. */
    async retry(actor: Actor, teamId: number, refundId: number): Promise<TeamRefundDetailView> {
      const refund = await requireDecidable(actor, teamId, refundId);
      const now = clock();
      await decide(actor, teamId, refundId, 'retry', {
        set: { failureReason: null, executor: deps.refundExecutor.name },
        refusal: '只有退款失败的申请可以重新发起',
        at: now,
      });
      await executeApprovedRefund(deps, refund);
      return detail(actor, teamId, refundId);
    },

    /**
     * Once, after the money went back: restocked units return to the shelf through the ledger
     * (`return` rows on the order), written-off units do not. Lock order: products → SKUs →
     * the refund, as every stock move takes them.
     */
    async dispose(actor: Actor, teamId: number, refundId: number, disposition: Disposition): Promise<TeamRefundDetailView> {
      const refund = await requireTeamRefund(db, teamId, refundId);
      // Whether the goods came back is the team's word; not the word of the customer themselves.
      if (refund.customerId === actor.userId) throw new AppError('OWN_ORDER');
      if (refund.status !== 'refunded' || refund.disposition !== null) {
        throw new AppError('INVALID_STATE', refund.status === 'refunded' ? '退回商品已处理' : '退款成功后才能处理退回的商品');
      }
      await db.transaction(async (tx) => {
        const now = clock();
        const items = await repository.findRefundItems(tx, [refundId]);
        // A refund of the shipping fee alone returned no goods.
        if (items.length === 0) throw new AppError('INVALID_STATE', '该退款不含商品，无需处理');
        const restock = disposition === 'restock';
        if (restock) await lockSkusForMoves(tx, items.map((item) => item.skuId));
        const attribution = await attributionIn(tx, actor, teamId);
        const moved = await repository.moveRefund(
          tx,
          refundId,
          ['refunded'],
          { disposition, disposedBy: attribution.actorId, disposedAt: now, updatedAt: now },
          and(eq(refunds.teamId, teamId), isNull(refunds.disposition)),
        );
        if (!moved) throw new AppError('INVALID_STATE', '退回商品已处理');
        await repository.setRestocked(tx, refundId, restock);
        if (restock) {
          for (const item of items) {
            await applyStockMove(tx, {
              skuId: item.skuId,
              teamId: item.teamId,
              type: 'return',
              quantity: item.quantity,
              orderId: refund.orderId,
              note: `退款单 ${refund.refundNo} 退回库存`,
              attribution,
              at: now,
            });
          }
        }
        await repository.insertRefundEvent(tx, {
          refundId,
          action: 'disposed',
          from: null,
          to: null,
          actorKind: 'team',
          actorId: attribution.actorId,
          shiftId: attribution.shiftId,
          note: REFUND_DISPOSITION_LABELS[disposition],
          at: now,
        });
      });
      return detail(actor, teamId, refundId);
    },
  };
}
