import type { Db, Tx } from '@qiaodu/db';
import type { AdjustStockBody, ReceiveStockBody, StockChangeResult, StockList, StockListQuery, StockRow } from '@qiaodu/shared';
import type { z } from 'zod';
import { attributionIn } from '../audit/attribution';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { insertActivity } from '../products/activity-repository';
import { applyStockMove, lockSkusForMoves } from './ledger';
import { toStockMovement, toStockRow } from './mapper';
import { findMovement } from './movement-repository';
import * as repository from './stock-repository';
import { requireTeam, requireTeamSku } from './team-scope';

type StockListQueryData = z.output<typeof StockListQuery>;
type ReceiveData = z.output<typeof ReceiveStockBody>;
type AdjustData = z.output<typeof AdjustStockBody>;

/** One SKU's stock row, read inside the transaction that just changed it. */
export async function stockRowOf(db: Db | Tx, teamId: number, skuId: number): Promise<StockRow> {
  const [row] = await repository.findStockRows(db, teamId, { skuIds: [skuId] }, { limit: 1, offset: 0, order: 'product' });
  if (!row) throw new AppError('SKU_NOT_FOUND');
  return toStockRow(row);
}

/** Receipts, adjustments and thresholds of a team's SKUs; every change goes through the ledger. */
export function createStockService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;

  /**
   * Read after the commit, not inside the transaction: the product and SKU locks are then held
   * only for the move itself, and the next mover of the same goods does not wait for these
   * reads. The ledger row never changes; the stock row is the SKU as it is now.
   */
  async function changeResult(teamId: number, skuId: number, movementId: number): Promise<StockChangeResult> {
    const [movement, stock] = await Promise.all([findMovement(db, teamId, movementId), stockRowOf(db, teamId, skuId)]);
    if (!movement) throw new Error(`ledger row ${movementId} vanished after its commit`);
    return { movement: toStockMovement(movement), stock };
  }

  return {
    async list(teamId: number, query: StockListQueryData): Promise<StockList> {
      await requireTeam(db, teamId);
      const filter = { q: query.q, lowOnly: query.lowOnly, productId: query.productId };
      const offset = (query.page - 1) * query.pageSize;
      const [rows, total, totals] = await Promise.all([
        repository.findStockRows(db, teamId, filter, { limit: query.pageSize, offset, order: query.lowOnly ? 'emptiest' : 'product' }),
        repository.countStockRows(db, teamId, filter),
        repository.stockTotals(db, teamId),
      ]);
      return {
        items: rows.map(toStockRow),
        total,
        page: query.page,
        pageSize: query.pageSize,
        lowCount: totals.lowCount,
        stockValueFen: totals.valueFen,
      };
    },

    /**
     * A new threshold decides what the team is warned about, so it goes into the product's
     * trail (who, when, from what to what) in the same transaction. The product is locked
     * before the SKU, the ledger's order (`lockSkusForMoves`), so a threshold change can never
     * deadlock against a stock move of the same product.
     */
    setThreshold(actor: Actor, teamId: number, skuId: number, threshold: number): Promise<StockRow> {
      return db.transaction(async (tx) => {
        const sku = await requireTeamSku(tx, teamId, skuId);
        await lockSkusForMoves(tx, [sku.skuId]);
        const before = await repository.findThreshold(tx, sku.skuId);
        if (!before) throw new AppError('SKU_NOT_FOUND');
        if (before.threshold !== threshold) {
          const now = clock();
          await repository.updateLowStockThreshold(tx, sku.skuId, threshold, now);
          await insertActivity(tx, {
            productId: sku.productId,
            teamId,
            action: 'threshold_changed',
            comment: `规格 ${before.code} 低库存阈值 ${before.threshold} → ${threshold}`,
            by: await attributionIn(tx, actor, teamId),
            now,
          });
        }
        return stockRowOf(tx, teamId, sku.skuId);
      });
    },

    /** A delivery from a partner: the product's own unless another partner the team runs is named. */
    async receive(actor: Actor, teamId: number, body: ReceiveData): Promise<StockChangeResult> {
      const { skuId, movementId } = await db.transaction(async (tx) => {
        const sku = await requireTeamSku(tx, teamId, body.skuId);
        if (body.partnerId !== undefined && !(await repository.isPartnerLinked(tx, teamId, body.partnerId))) {
          throw new AppError('PARTNER_NOT_LINKED');
        }
        const applied = await applyStockMove(tx, {
          skuId: sku.skuId,
          teamId,
          type: 'receive',
          quantity: body.quantity,
          unitCostFen: body.unitCostFen,
          partnerId: body.partnerId ?? sku.partnerId,
          note: body.batchNote,
          attribution: await attributionIn(tx, actor, teamId),
          at: clock(),
        });
        return { skuId: sku.skuId, movementId: applied.movementId };
      });
      return changeResult(teamId, skuId, movementId);
    },

    /** Damage, loss and samples take stock out, found puts it back; the schema has checked the sign. */
    async adjust(actor: Actor, teamId: number, body: AdjustData): Promise<StockChangeResult> {
      const { skuId, movementId } = await db.transaction(async (tx) => {
        const sku = await requireTeamSku(tx, teamId, body.skuId);
        const applied = await applyStockMove(tx, {
          skuId: sku.skuId,
          teamId,
          type: 'adjust',
          quantity: body.quantity,
          reason: body.reason,
          note: body.note,
          attribution: await attributionIn(tx, actor, teamId),
          at: clock(),
        });
        return { skuId: sku.skuId, movementId: applied.movementId };
      });
      return changeResult(teamId, skuId, movementId);
    },
  };
}
