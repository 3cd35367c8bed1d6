import type { Db, Tx } from '@qiaodu/db';
import { countAccuracyPermille, type RecordStockCountBody, type StartStockCountBody, type StockCountDetail } from '@qiaodu/shared';
import type { z } from 'zod';
import { attributionIn } from '../audit/attribution';
import { onUniqueViolation } from '../console/unique-violation';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { may } from '../policy/policy';
import * as counts from './count-repository';
import type { CountLineRow } from './count-repository';
import { applyStockMove, lockSkusForMoves } from './ledger';
import { toCountDetail, toCountSummary, varianceOf } from './mapper';
import { teamSkuIds } from './stock-repository';
import { requireTeam } from './team-scope';

type StartData = z.output<typeof StartStockCountBody>;
type RecordData = z.output<typeof RecordStockCountBody>;

/** No such count for this team: say so, unless there is no such team either (admins pass the policy for any id). */
async function notFound(executor: Db | Tx, teamId: number): Promise<AppError> {
  await requireTeam(executor, teamId);
  return new AppError('STOCK_COUNT_NOT_FOUND');
}

/**
 * The lines whose variance would take the SKU below zero now: stock left the shelf (a sale, a
 * sample) between entering the count and approving it. The caller holds the SKUs' locks, so
 * the stock read here is the stock the approval would post against.
 */
function shortfallOf(lines: readonly CountLineRow[]): AppError | null {
  const short = lines.filter((line) => line.stockAvailable + (varianceOf(line) ?? 0) < 0);
  if (short.length === 0) return null;
  const skus = short.map((line) => ({
    skuId: line.skuId,
    code: line.code,
    counted: line.countedQuantity,
    expected: line.expectedQuantity,
    stockNow: line.stockAvailable,
  }));
  const which = skus.map((sku) => `${sku.code}（实盘 ${sku.counted} 件，录入时账面 ${sku.expected} 件，现有 ${sku.stockNow} 件）`).join('、');
  return new AppError(
    'STOCK_INSUFFICIENT',
    `录入盘点数量后库存又有变动，按差异调整会使库存为负：${which}。请重新盘点这些规格后再审核`,
    { skus },
  );
}

/**
 * Stock counts (盘点): the lead (or the supervising teacher) opens one over some or all of the
 * team's SKUs, members enter what they find on the shelf, and approving posts each line's
 * variance to the ledger and keeps the count's accuracy as evidence for shift grading.
 */
export function createCountService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;

  async function detail(executor: Db | Tx, actor: Actor, teamId: number, countId: number): Promise<StockCountDetail> {
    const summary = await counts.findCountSummary(executor, teamId, countId);
    if (!summary) throw await notFound(executor, teamId);
    const lines = await counts.findLines(executor, countId);
    const open = summary.status === 'open';
    const manages = open && may(actor, 'stock.count.manage', teamId);
    return toCountDetail(summary, lines, { enter: open && may(actor, 'stock.move', teamId), approve: manages, cancel: manages });
  }

  /** Locks the count for a change that needs it open; another state is 409 INVALID_STATE. */
  async function lockOpen(tx: Tx, teamId: number, countId: number, mode: 'update' | 'share'): Promise<void> {
    const status = await counts.lockCount(tx, teamId, countId, mode);
    if (status === undefined) throw await notFound(tx, teamId);
    if (status !== 'open') throw new AppError('INVALID_STATE', '这张盘点单已经结束');
  }

  return {
    async list(teamId: number) {
      await requireTeam(db, teamId);
      return { items: (await counts.listCounts(db, teamId)).map(toCountSummary) };
    },

    get(actor: Actor, teamId: number, countId: number): Promise<StockCountDetail> {
      return detail(db, actor, teamId, countId);
    },

    /** One open count per team, enforced by a partial unique index (two racing starts: one wins). */
    start(actor: Actor, teamId: number, body: StartData): Promise<StockCountDetail> {
      return onUniqueViolation(
        () =>
          db.transaction(async (tx) => {
            await requireTeam(tx, teamId);
            const wanted = body.skuIds.length > 0 ? [...new Set(body.skuIds)] : undefined;
            const skuIds = await teamSkuIds(tx, teamId, wanted);
            if (wanted && skuIds.length !== wanted.length) throw new AppError('SKU_NOT_FOUND', '有规格不存在或不属于本团队');
            if (skuIds.length === 0) {
              const message = '团队还没有商品规格，无法盘点';
              throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.skuIds', message }]);
            }
            const countId = await counts.insertCount(tx, teamId, body.note, await attributionIn(tx, actor, teamId), clock());
            await counts.insertLines(tx, countId, skuIds);
            return detail(tx, actor, teamId, countId);
          }),
        counts.OPEN_COUNT_CONSTRAINT,
        'STOCK_COUNT_OPEN',
      );
    },

    /**
     * Enters counted quantities; each is measured against the SKU's stock at this moment.
     * A SKU outside the count refuses the whole entry.
     */
    record(actor: Actor, teamId: number, countId: number, body: RecordData): Promise<StockCountDetail> {
      return db.transaction(async (tx) => {
        await lockOpen(tx, teamId, countId, 'share');
        // The same SKU twice in one entry: the later quantity is what was typed last.
        const lines = [...new Map(body.lines.map((line) => [line.skuId, line])).values()];
        const covered = await counts.skusInCount(tx, countId, lines.map((line) => line.skuId));
        const outside = lines.find((line) => !covered.has(line.skuId));
        if (outside) throw new AppError('SKU_NOT_IN_COUNT', undefined, { skuId: outside.skuId });
        const attribution = await attributionIn(tx, actor, teamId);
        const at = clock();
        for (const line of lines) await counts.recordLine(tx, countId, line, attribution, at);
        return detail(tx, actor, teamId, countId);
      });
    },

    /**
     * Posts every non-zero variance as a `count` ledger row and closes the count. The count row
     * is locked first, so two approvals at once post once and the second finds it closed.
     */
    approve(actor: Actor, teamId: number, countId: number): Promise<StockCountDetail> {
      return db.transaction(async (tx) => {
        await lockOpen(tx, teamId, countId, 'update');
        const lines = await counts.findLines(tx, countId);
        const missing = lines.filter((line) => line.countedQuantity === null).length;
        if (missing > 0) throw new AppError('STOCK_COUNT_INCOMPLETE', `还有 ${missing} 个规格没有录入盘点数量`);
        const variances = lines.map((line) => ({ line, variance: varianceOf(line) ?? 0 }));
        const posting = variances.filter(({ variance }) => variance !== 0);
        await lockSkusForMoves(tx, posting.map(({ line }) => line.skuId));
        // Re-read under the locks: the stock before them was only a snapshot.
        const postingIds = new Set(posting.map(({ line }) => line.skuId));
        const refusal = shortfallOf((await counts.findLines(tx, countId)).filter((line) => postingIds.has(line.skuId)));
        if (refusal) throw refusal;
        const attribution = await attributionIn(tx, actor, teamId);
        const at = clock();
        for (const { line, variance } of posting) {
          await applyStockMove(tx, {
            skuId: line.skuId,
            teamId,
            type: 'count',
            quantity: variance,
            stockCountId: countId,
            note: `实盘 ${line.countedQuantity} 件，账面 ${line.expectedQuantity} 件`,
            attribution,
            at,
          });
        }
        const matchedCount = variances.length - posting.length;
        await counts.closeCount(tx, countId, 'approved', attribution, at, {
          matchedCount,
          countedCount: lines.length,
          accuracyPermille: countAccuracyPermille(matchedCount, lines.length),
          varianceUnits: posting.reduce((sum, { variance }) => sum + Math.abs(variance), 0),
        });
        return detail(tx, actor, teamId, countId);
      });
    },

    cancel(actor: Actor, teamId: number, countId: number): Promise<StockCountDetail> {
      return db.transaction(async (tx) => {
        await lockOpen(tx, teamId, countId, 'update');
        await counts.closeCount(tx, countId, 'cancelled', await attributionIn(tx, actor, teamId), clock());
        return detail(tx, actor, teamId, countId);
      });
    },
  };
}
