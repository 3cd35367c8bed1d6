import { schema, type Tx } from '@qiaodu/db';
import { STOCK_QUANTITY_MAX, type AdjustReason, type StockMovementType } from '@qiaodu/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Attribution } from '../audit/attribution';
import { AppError } from '../http/app-error';

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
 * NO KEY UPDATE: what the product trigger's own UPDATE takes anyway, and it still lets other
 * transactions insert rows that reference the product (images, activity).
 */
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
