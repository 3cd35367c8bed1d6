import { schema, type Tx } from '@qiaodu/db';
import { STOCK_QUANTITY_MAX, type AdjustReason, type StockMovementType } from '@qiaodu/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Attribution } from '../audit/attribution';
import { AppError } from '../http/app-error';
import { jsonOf, rowsOf } from './raw-rows';

const { products, skus, stockMovements } = schema;

/** One change to a SKU's available stock, as the ledger records it. */
export interface StockMove {
  skuId: number;
  /** The team whose product the SKU belongs to; a SKU of another team is not found. */
  teamId: number;
  type: StockMovementType;
  /** Signed and never 0: + brings stock in, − takes it out. */
  quantity: number;
  /** Adjustments only (the ledger's CHECK ties the two together). */
  reason?: AdjustReason | null;
  note?: string;
  /** Receipts carry the unit cost they were bought at; it moves the SKU's average cost. */
  unitCostFen?: number | null;
  partnerId?: number | null;
  /** Count rows only (the ledger's CHECK ties the two together). */
  stockCountId?: number | null;
  /** reserve/release/sell/return rows: the order behind them (the orders issue). */
  orderId?: number | null;
  attribution: Attribution;
  at: Date;
}

export interface AppliedMove {
  movementId: number;
  balanceAfter: number;
}

/**
 * The one way stock changes: every receipt, adjustment, count variance and (in the orders
 * issue) reservation, release, sale and return goes through here, inside the caller's
 * transaction. It is a conditional update, never check-then-write:
 *
 *   UPDATE skus SET stock_available = stock_available + q … WHERE id = sku AND stock_available + q >= 0
 *   RETURNING stock_available
 *
 * and the ledger row is written with balance_after = the returned value. The UPDATE's row lock
 * makes concurrent movers of one SKU (in this process or another) queue up, so each
 * balance_after is exact and the cached stock always equals the ledger's sum. No row updated
 * means the stock would go negative: 409 STOCK_INSUFFICIENT, and the caller's transaction
 * rolls back whatever else it wrote.
 *
 * Lock order: the product row, then the SKU row. The product's cached total (products.
 * stock_available) is recomputed by a trigger from its SKUs; without the product locked first,
 * two movers of different SKUs of one product would each recompute it from a snapshot missing
 * the other's change, and the total would drift from its SKUs (seen on PostgreSQL). A
 * transaction that moves several SKUs calls `lockSkusForMoves` first, which takes the same
 * locks in the same order (products by id, then SKUs by id), so no two movers can deadlock.
 *
 * A SKU's stock stays at most STOCK_QUANTITY_MAX, the largest number a count can record.
 */
export async function applyStockMove(tx: Tx, move: StockMove): Promise<AppliedMove> {
  if (!Number.isInteger(move.quantity) || move.quantity === 0) throw new Error(`a stock move needs a non-zero whole quantity, got ${move.quantity}`);
  await lockProductsOf(tx, [move.skuId]);
  const after = sql`${skus.stockAvailable} + ${move.quantity}::integer`;
  const [updated] = await tx
    .update(skus)
    .set({
      stockAvailable: sql`${after}`,
      unitCostFen: movesAverageCost(move) ? averageCostSql(move.quantity, move.unitCostFen!) : undefined,
      updatedAt: move.at,
    })
    .where(
      and(
        eq(skus.id, move.skuId),
        inArray(skus.productId, tx.select({ id: products.id }).from(products).where(eq(products.teamId, move.teamId))),
        sql`${skus.stockAvailable}::bigint + ${move.quantity}::bigint between 0 and ${STOCK_QUANTITY_MAX}`,
      ),
    )
    .returning({ balanceAfter: skus.stockAvailable });
  if (!updated) throw await refusalOf(tx, move);

  const [row] = await tx
    .insert(stockMovements)
    .values({
      skuId: move.skuId,
      teamId: move.teamId,
      type: move.type,
      quantity: move.quantity,
      balanceAfter: updated.balanceAfter,
      reason: move.reason ?? null,
      note: move.note ?? '',
      unitCostFen: move.unitCostFen ?? null,
      partnerId: move.partnerId ?? null,
      stockCountId: move.stockCountId ?? null,
      orderId: move.orderId ?? null,
      actorId: move.attribution.actorId,
      shiftId: move.attribution.shiftId,
      createdAt: move.at,
    })
    .returning({ id: stockMovements.id });
  if (!row) throw new Error('insert into stock_movements returned no row');
  return { movementId: row.id, balanceAfter: updated.balanceAfter };
}

/** One row of a bulk move: order movements (reserve, release) carry no staff attribution. */
export interface BulkStockMove extends Omit<StockMove, 'attribution' | 'at'> {
  /** The staff member or customer behind it; null for the server's own jobs. */
  actorId: number | null;
  shiftId?: number | null;
}

/**
 * Many moves in one go, for orders: a batch of placements reserving a hot SKU, or an order's
 * lines released. Same rules as `applyStockMove` (team-scoped, conditional, 0 ≤ stock ≤ max),
 * but ONE statement for everything: an UPDATE per SKU by the sum of its moves, and the ledger
 * rows with their balances, so a batch of orders costs the hot SKU's row lock, trigger, NOTIFY
 * and round trip once. (One JSON parameter carries the rows: building a many-row insert with
 * the query builder costs more CPU than the database spends on it.)
 *
 * The caller must already hold the ledger's locks (`lockSkusForMoves`), as every multi-SKU
 * mover does. Each row's balance_after is its SKU's running balance in the order the moves are
 * given (arrival order): the stock before (new stock − the SKU's total) plus the moves so far,
 * so the rows of one SKU sum to its change and the last balance is its stock. A SKU that cannot
 * take its total refuses the call (STOCK_INSUFFICIENT naming the SKUs); the rows of the other
 * SKUs were written by then, so the caller's transaction must roll back, as it does on a throw.
 *
 * Releases are exempt from the ceiling: they give back units this SKU held before the order
 * reserved them, and receipts may have filled the shelf meanwhile. A cancellation or an expiry
 * must never be refused (the expiry job would retry the order on every pass, first in its queue).
 */
export async function applyStockMovesInBulk(tx: Tx, moves: readonly BulkStockMove[], at: Date): Promise<AppliedMove[]> {
  if (moves.length === 0) return [];
  const teamOf = new Map<number, number>();
  for (const move of moves) {
    if (!Number.isInteger(move.quantity) || move.quantity === 0) throw new Error(`a stock move needs a non-zero whole quantity, got ${move.quantity}`);
    if ((teamOf.get(move.skuId) ?? move.teamId) !== move.teamId) throw new Error(`sku ${move.skuId} moved for two teams in one call`);
    teamOf.set(move.skuId, move.teamId);
  }
  const rows = moves.map((move, n) => ({
    n,
    sku_id: move.skuId,
    team_id: move.teamId,
    type: move.type,
    quantity: move.quantity,
    reason: move.reason ?? null,
    note: move.note ?? '',
    unit_cost_fen: move.unitCostFen ?? null,
    partner_id: move.partnerId ?? null,
    stock_count_id: move.stockCountId ?? null,
    order_id: move.orderId ?? null,
    actor_id: move.actorId,
    shift_id: move.shiftId ?? null,
  }));
  const result = await tx.execute(sql`
    with d as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as d(
        n integer, sku_id integer, team_id integer, type text, quantity integer, reason text, note text,
        unit_cost_fen integer, partner_id integer, stock_count_id integer, order_id integer, actor_id integer, shift_id integer)
    ),
    total as (select sku_id, team_id, sum(quantity)::bigint as q, bool_and(type = 'release') as releases from d group by sku_id, team_id),
    moved as (
      update skus s set stock_available = s.stock_available + total.q, updated_at = ${at.toISOString()}::timestamptz
      from total, products p
      where s.id = total.sku_id and p.id = s.product_id and p.team_id = total.team_id
        and s.stock_available::bigint + total.q >= 0
        and (s.stock_available::bigint + total.q <= ${STOCK_QUANTITY_MAX} or total.releases)
      returning s.id, s.stock_available - total.q as balance_before
    ),
    written as (
      insert into stock_movements (sku_id, team_id, type, quantity, balance_after, reason, note, unit_cost_fen, partner_id, stock_count_id,
        order_id, actor_id, shift_id, created_at)
      select d.sku_id, d.team_id, d.type, d.quantity,
        moved.balance_before + sum(d.quantity) over (partition by d.sku_id order by d.n rows between unbounded preceding and current row),
        d.reason, d.note, d.unit_cost_fen, d.partner_id, d.stock_count_id, d.order_id, d.actor_id, d.shift_id, ${at.toISOString()}::timestamptz
      from d join moved on moved.id = d.sku_id
      order by d.n
      returning id, balance_after
    )
    select (select coalesce(json_agg(moved.id), '[]'::json) from moved) as moved,
      (select coalesce(json_agg(json_build_object('id', written.id, 'balance', written.balance_after) order by written.id), '[]'::json) from written) as written`);
  const [row] = rowsOf<{ moved: unknown; written: unknown }>(result);
  const moved = new Set(jsonOf<number[]>(row!.moved));
  const refused = [...teamOf.keys()].filter((skuId) => !moved.has(skuId));
  if (refused.length > 0) throw new AppError('STOCK_INSUFFICIENT', undefined, { skuIds: refused });
  return jsonOf<{ id: number | string; balance: number }[]>(row!.written).map((written) => ({ movementId: Number(written.id), balanceAfter: written.balance }));
}

/** Locks the products of these SKUs, then the SKUs, each in id order: the ledger's lock order. */
export async function lockSkusForMoves(tx: Tx, skuIds: readonly number[]): Promise<void> {
  if (skuIds.length === 0) return;
  await lockProductsOf(tx, skuIds);
  await tx
    .select({ id: skus.id })
    .from(skus)
    .where(inArray(skus.id, [...new Set(skuIds)]))
    .orderBy(asc(skus.id))
    .for('no key update');
}

/**
 * The first half of the ledger's lock order, for a mover that then locks the SKUs while reading
 * them (order placement). NO KEY UPDATE: what the product trigger's own UPDATE takes anyway,
 * and it still lets other transactions insert rows that reference the product (images, activity).
 */
export async function lockProductsOfSkus(tx: Tx, skuIds: readonly number[]): Promise<void> {
  if (skuIds.length > 0) await lockProductsOf(tx, skuIds);
}

async function lockProductsOf(tx: Tx, skuIds: readonly number[]): Promise<void> {
  await tx
    .select({ id: products.id })
    .from(products)
    .where(inArray(products.id, tx.select({ id: skus.productId }).from(skus).where(inArray(skus.id, [...new Set(skuIds)]))))
    .orderBy(asc(products.id))
    .for('no key update');
}

const movesAverageCost = (move: StockMove) => move.quantity > 0 && move.unitCostFen !== undefined && move.unitCostFen !== null;

/**
 * Moving average of the unit cost over what is on the shelf, computed from the row's values
 * before this update: round((stock × cost + q × unit) / (stock + q)); the unit cost alone when
 * the old cost is unknown or nothing is in stock (an empty shelf has no cost to average with).
 */
function averageCostSql(quantity: number, unitCostFen: number) {
  return sql`case
    when ${skus.unitCostFen} is null or ${skus.stockAvailable} <= 0 then ${unitCostFen}::integer
    else round((${skus.stockAvailable}::numeric * ${skus.unitCostFen} + ${quantity}::numeric * ${unitCostFen}) / (${skus.stockAvailable} + ${quantity}))::integer
  end`;
}

/**
 * Why the conditional update matched no row. The direction decides (a taking can only fail for
 * lack of stock, an addition only at the ceiling); the re-read is for the message alone, as
 * another mover may have changed the stock since.
 */
async function refusalOf(tx: Tx, move: StockMove): Promise<AppError> {
  const [sku] = await tx
    .select({ stockAvailable: skus.stockAvailable })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(skus.id, move.skuId), eq(products.teamId, move.teamId)));
  if (!sku) return new AppError('SKU_NOT_FOUND');
  if (move.quantity < 0) {
    const short = sku.stockAvailable + move.quantity < 0;
    const message = short ? `库存不足：当前可用 ${sku.stockAvailable} 件，不能扣减 ${-move.quantity} 件` : undefined;
    return new AppError('STOCK_INSUFFICIENT', message, { skuId: move.skuId });
  }
  const message = `库存不能超过 ${STOCK_QUANTITY_MAX} 件：当前 ${sku.stockAvailable} 件`;
  return new AppError('VALIDATION_FAILED', message, [{ path: 'body.quantity', message }]);
}
