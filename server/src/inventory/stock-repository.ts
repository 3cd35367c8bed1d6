import { schema, type Db, type Tx } from '@qiaodu/db';
import type { ProductStatus } from '@qiaodu/shared';
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { likePattern } from '../catalog/repository';

const { productImages, products, skus, teamPartners, teams } = schema;

type Executor = Db | Tx;

export async function findTeam(db: Executor, teamId: number) {
  const [row] = await db.select({ id: teams.id, name: teams.name, slug: teams.slug }).from(teams).where(eq(teams.id, teamId));
  return row;
}
export type TeamRow = NonNullable<Awaited<ReturnType<typeof findTeam>>>;

/** The SKU when it belongs to a product of the team; undefined for any other SKU id. */
export async function findTeamSku(db: Executor, teamId: number, skuId: number) {
  const [row] = await db
    .select({ skuId: skus.id, productId: products.id, partnerId: products.partnerId })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(skus.id, skuId), eq(products.teamId, teamId)));
  return row;
}

/** Which of these ids are SKUs of the team's products (all of them when `skuIds` is absent). */
export async function teamSkuIds(db: Executor, teamId: number, skuIds?: readonly number[]): Promise<number[]> {
  if (skuIds?.length === 0) return [];
  const rows = await db
    .select({ id: skus.id })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(products.teamId, teamId), skuIds ? inArray(skus.id, [...skuIds]) : undefined))
    .orderBy(asc(skus.id));
  return rows.map((row) => row.id);
}

export async function isPartnerLinked(db: Executor, teamId: number, partnerId: number): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(teamPartners)
    .where(and(eq(teamPartners.teamId, teamId), eq(teamPartners.partnerId, partnerId)));
  return row !== undefined;
}

/** The SKU's code and threshold, read under the lock the caller holds. */
export async function findThreshold(tx: Tx, skuId: number) {
  const [row] = await tx.select({ code: skus.code, threshold: skus.lowStockThreshold }).from(skus).where(eq(skus.id, skuId));
  return row;
}

/** The caller has checked that the SKU is the team's and locked it. */
export async function updateLowStockThreshold(tx: Tx, skuId: number, threshold: number, now: Date): Promise<void> {
  await tx.update(skus).set({ lowStockThreshold: threshold, updatedAt: now }).where(eq(skus.id, skuId));
}

const isLow = sql`${skus.stockAvailable} <= ${skus.lowStockThreshold}`;
/**
 * Restocking matters only for goods the shop sells or is about to (on sale, or waiting for the
 * teacher): a draft or an off-shelf product with nothing on the shelf is not a shortage, and
 * listing them buried the real ones. The low-stock list, its count and the overview ask this;
 * a row's own `low` flag (mapper) still says "at or below the threshold" for every SKU, so the
 * stock list shows the truth about a draft the team is preparing.
 */
export const LOW_STOCK_WATCHED_STATUSES = ['on_sale', 'submitted'] as const satisfies readonly ProductStatus[];
const isWatchedLow = and(isLow, inArray(products.status, [...LOW_STOCK_WATCHED_STATUSES]))!;
/** The product's cover as lists show it: the first gallery picture, in its feed size when it has one. */
const coverUrl = sql<string | null>`(select coalesce(${productImages.feedUrl}, ${productImages.url}) from ${productImages}
  where ${productImages.productId} = ${products.id} and ${productImages.kind} = 'gallery' order by ${productImages.position} limit 1)`;

export interface StockFilter {
  q?: string;
  lowOnly?: boolean;
  productId?: number;
  skuIds?: readonly number[];
}

function stockConditions(teamId: number, filter: StockFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(products.teamId, teamId)];
  if (filter.lowOnly) conditions.push(isWatchedLow);
  if (filter.productId !== undefined) conditions.push(eq(products.id, filter.productId));
  if (filter.skuIds) conditions.push(inArray(skus.id, [...filter.skuIds]));
  if (filter.q !== undefined) {
    const pattern = likePattern(filter.q);
    conditions.push(or(ilike(products.title, pattern), ilike(skus.code, pattern)));
  }
  return and(...conditions);
}

/** Most urgent first: the emptiest shelves (the low-stock list), or by product for the stock list. */
export type StockOrder = 'product' | 'emptiest';

export async function findStockRows(
  db: Executor,
  teamId: number,
  filter: StockFilter,
  page: { limit: number; offset: number; order: StockOrder },
) {
  const order =
    page.order === 'emptiest'
      ? [asc(skus.stockAvailable), asc(skus.id)]
      : [desc(products.id), asc(skus.position), asc(skus.id)];
  return db
    .select({
      skuId: skus.id,
      code: skus.code,
      specs: skus.specs,
      productId: products.id,
      productTitle: products.title,
      productStatus: products.status,
      cover: coverUrl,
      stockAvailable: skus.stockAvailable,
      lowStockThreshold: skus.lowStockThreshold,
      unitCostFen: skus.unitCostFen,
      updatedAt: skus.updatedAt,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(stockConditions(teamId, filter))
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
}
export type StockDbRow = Awaited<ReturnType<typeof findStockRows>>[number];

export async function countStockRows(db: Executor, teamId: number, filter: StockFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(stockConditions(teamId, filter));
  return row?.n ?? 0;
}

/** Across all the team's SKUs: units on hand and their value at cost; how many of the watched ones are low. */
export async function stockTotals(db: Executor, teamId: number) {
  const [row] = await db
    .select({
      units: sql<string>`coalesce(sum(${skus.stockAvailable}), 0)`,
      valueFen: sql<string>`coalesce(sum(${skus.stockAvailable}::bigint * coalesce(${skus.unitCostFen}, 0)), 0)`,
      lowCount: sql<number>`count(*) filter (where ${isWatchedLow})`.mapWith(Number),
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(eq(products.teamId, teamId));
  return { units: Number(row?.units ?? 0), valueFen: Number(row?.valueFen ?? 0), lowCount: row?.lowCount ?? 0 };
}

