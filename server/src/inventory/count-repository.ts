import { schema, type Db, type Tx } from '@qiaodu/db';
import type { StockCountStatus } from '@qiaodu/shared';
import { and, asc, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Attribution } from '../audit/attribution';

const { products, skus, stockCountLines, stockCounts, users } = schema;

type Executor = Db | Tx;

const starter = alias(users, 'count_starter');
const closer = alias(users, 'count_closer');
const lineCounter = alias(users, 'line_counter');

export const OPEN_COUNT_CONSTRAINT = 'stock_counts_one_open_per_team';

/** Inserting a second open count for the team breaks OPEN_COUNT_CONSTRAINT. */
export async function insertCount(tx: Tx, teamId: number, note: string, attribution: Attribution, at: Date): Promise<number> {
  const [row] = await tx
    .insert(stockCounts)
    .values({ teamId, note, status: 'open', startedBy: attribution.actorId, shiftId: attribution.shiftId, startedAt: at })
    .returning({ id: stockCounts.id });
  if (!row) throw new Error('insert into stock_counts returned no row');
  return row.id;
}

export async function insertLines(tx: Tx, countId: number, skuIds: readonly number[]): Promise<void> {
  await tx.insert(stockCountLines).values(skuIds.map((skuId) => ({ stockCountId: countId, skuId })));
}

const summaryColumns = {
  id: stockCounts.id,
  status: stockCounts.status,
  note: stockCounts.note,
  lineCount: sql<number>`(select count(*) from ${stockCountLines} where ${stockCountLines.stockCountId} = ${stockCounts.id})`.mapWith(Number),
  countedCount: sql<number>`(select count(*) from ${stockCountLines}
    where ${stockCountLines.stockCountId} = ${stockCounts.id} and ${stockCountLines.countedQuantity} is not null)`.mapWith(Number),
  matchedCount: stockCounts.matchedCount,
  accuracyPermille: stockCounts.accuracyPermille,
  varianceUnits: stockCounts.varianceUnits,
  startedById: starter.id,
  startedByName: starter.displayName,
  startedAt: stockCounts.startedAt,
  closedById: closer.id,
  closedByName: closer.displayName,
  closedAt: stockCounts.closedAt,
};

function selectSummaries(db: Executor) {
  return db
    .select(summaryColumns)
    .from(stockCounts)
    .leftJoin(starter, eq(starter.id, stockCounts.startedBy))
    .leftJoin(closer, eq(closer.id, stockCounts.closedBy));
}

export async function listCounts(db: Executor, teamId: number) {
  return selectSummaries(db).where(eq(stockCounts.teamId, teamId)).orderBy(desc(stockCounts.startedAt), desc(stockCounts.id));
}
export type CountSummaryRow = Awaited<ReturnType<typeof listCounts>>[number];

export async function findCountSummary(db: Executor, teamId: number, countId: number): Promise<CountSummaryRow | undefined> {
  const [row] = await selectSummaries(db).where(and(eq(stockCounts.teamId, teamId), eq(stockCounts.id, countId)));
  return row;
}

/** The team's open count, and its most recently closed one (approved or cancelled). */
export async function findOpenAndLastClosed(db: Executor, teamId: number) {
  const [open] = await selectSummaries(db).where(and(eq(stockCounts.teamId, teamId), eq(stockCounts.status, 'open')));
  const [last] = await selectSummaries(db)
    .where(and(eq(stockCounts.teamId, teamId), ne(stockCounts.status, 'open'), isNotNull(stockCounts.closedAt)))
    .orderBy(desc(stockCounts.closedAt), desc(stockCounts.id))
    .limit(1);
  return { open, last };
}

/**
 * Locks the count row and answers its status: `update` while approving or cancelling it,
 * `share` while entering lines (entries run side by side but never during an approval).
 */
export async function lockCount(tx: Tx, teamId: number, countId: number, mode: 'update' | 'share'): Promise<StockCountStatus | undefined> {
  const [row] = await tx
    .select({ status: stockCounts.status })
    .from(stockCounts)
    .where(and(eq(stockCounts.teamId, teamId), eq(stockCounts.id, countId)))
    .for(mode);
  return row?.status;
}

export async function findLines(db: Executor, countId: number) {
  return db
    .select({
      skuId: skus.id,
      code: skus.code,
      specs: skus.specs,
      productTitle: products.title,
      expectedQuantity: stockCountLines.expectedQuantity,
      countedQuantity: stockCountLines.countedQuantity,
      countedById: lineCounter.id,
      countedByName: lineCounter.displayName,
      countedAt: stockCountLines.countedAt,
      stockAvailable: skus.stockAvailable,
    })
    .from(stockCountLines)
    .innerJoin(skus, eq(skus.id, stockCountLines.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .leftJoin(lineCounter, eq(lineCounter.id, stockCountLines.countedBy))
    .where(eq(stockCountLines.stockCountId, countId))
    .orderBy(asc(products.id), asc(skus.position), asc(skus.id));
}
export type CountLineRow = Awaited<ReturnType<typeof findLines>>[number];

/** Which of these SKUs the count covers. */
export async function skusInCount(tx: Tx, countId: number, skuIds: readonly number[]): Promise<Set<number>> {
  const rows = await tx
    .select({ skuId: stockCountLines.skuId })
    .from(stockCountLines)
    .where(and(eq(stockCountLines.stockCountId, countId), inArray(stockCountLines.skuId, [...skuIds])));
  return new Set(rows.map((row) => row.skuId));
}

/** Records a counted quantity against the system's stock at this moment (re-entering overwrites). */
export async function recordLine(tx: Tx, countId: number, line: { skuId: number; countedQuantity: number }, attribution: Attribution, at: Date) {
  await tx
    .update(stockCountLines)
    .set({
      countedQuantity: line.countedQuantity,
      expectedQuantity: sql`(select ${skus.stockAvailable} from ${skus} where ${skus.id} = ${line.skuId})`,
      countedBy: attribution.actorId,
      countedAt: at,
      shiftId: attribution.shiftId,
    })
    .where(and(eq(stockCountLines.stockCountId, countId), eq(stockCountLines.skuId, line.skuId)));
}

export interface CountOutcome {
  matchedCount: number;
  countedCount: number;
  accuracyPermille: number | null;
  varianceUnits: number;
}

export async function closeCount(
  tx: Tx,
  countId: number,
  status: Exclude<StockCountStatus, 'open'>,
  attribution: Attribution,
  at: Date,
  outcome?: CountOutcome,
): Promise<void> {
  await tx
    .update(stockCounts)
    .set({ status, closedBy: attribution.actorId, closedShiftId: attribution.shiftId, closedAt: at, ...outcome })
    .where(eq(stockCounts.id, countId));
}
