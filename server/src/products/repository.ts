import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { DescriptionBlock, HeritageLevel, ProductStatus } from '@qiaodu/shared';
import type { SkuValues } from './sku-plan';

const { categories, productActivity, products, skuPriceChanges, skus, stockCountLines, stockMovements, teamPartners, teams } = schema;

type Executor = Db | Tx;

/** The product's own columns a team writes. */
export interface ProductValues {
  title: string;
  subtitle: string;
  categoryId: number;
  partnerId: number;
  description: DescriptionBlock[];
  heritageLevel: HeritageLevel | null;
  heritageCraft: string | null;
  heritageInheritor: string | null;
  heritageRegion: string | null;
  heritageStory: string | null;
}

/**
 * A team's product, or undefined when the id is another team's (the caller cannot tell the two
 * apart). `lock` takes the row for the rest of the transaction: every change to a product, its
 * SKUs and its pictures runs behind this lock, one at a time.
 */
export async function findTeamProduct(executor: Executor, teamId: number, productId: number, options: { lock?: boolean } = {}) {
  const query = executor
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.teamId, teamId)));
  const [row] = await (options.lock ? query.for('update') : query);
  return row;
}
export type ProductRow = NonNullable<Awaited<ReturnType<typeof findTeamProduct>>>;

export async function findTeamName(executor: Executor, teamId: number): Promise<string> {
  const [row] = await executor.select({ name: teams.name }).from(teams).where(eq(teams.id, teamId));
  return row?.name ?? '';
}

/** 'missing', 'not_leaf' (a category that has sub-categories) or 'ok'. */
export async function categoryState(tx: Tx, categoryId: number): Promise<'missing' | 'not_leaf' | 'ok'> {
  const [row] = await tx
    .select({
      id: categories.id,
      hasChildren: sql<boolean>`exists (select 1 from ${categories} child where child.parent_id = ${categoryId})`,
    })
    .from(categories)
    .where(eq(categories.id, categoryId));
  if (!row) return 'missing';
  return row.hasChildren ? 'not_leaf' : 'ok';
}

export async function teamRunsPartner(tx: Tx, teamId: number, partnerId: number): Promise<boolean> {
  const [row] = await tx
    .select({ teamId: teamPartners.teamId })
    .from(teamPartners)
    .where(and(eq(teamPartners.teamId, teamId), eq(teamPartners.partnerId, partnerId)));
  return row !== undefined;
}

/**
 * SKU codes another product already uses, as that product spells them: codes are unique
 * shop-wide whatever their case (A-01 and a-01 are one code to the index on upper(code)).
 */
export async function codesTakenElsewhere(tx: Tx, codes: readonly string[], productId: number | null): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await tx
    .select({ code: skus.code })
    .from(skus)
    .where(
      and(
        inArray(
          sql`upper(${skus.code})`,
          codes.map((code) => code.toUpperCase()),
        ),
        productId === null ? undefined : ne(skus.productId, productId),
      ),
    );
  return rows.map((row) => row.code);
}

/** 限购 is written next to the reviewed fields but is not one of them (see classifyEdit). */
export interface SellingRules {
  purchaseLimit: number | null;
}

export async function insertProduct(tx: Tx, values: ProductValues & SellingRules & { slug: string; teamId: number; now: Date }): Promise<number> {
  const { now, ...rest } = values;
  const [row] = await tx
    .insert(products)
    .values({ ...rest, status: 'draft', createdAt: now, updatedAt: now })
    .returning({ id: products.id });
  if (!row) throw new Error('insert into products returned no row');
  return row.id;
}

export async function updateProduct(tx: Tx, productId: number, values: Partial<ProductValues & SellingRules>, now: Date): Promise<void> {
  await tx
    .update(products)
    .set({ ...values, updatedAt: now })
    .where(eq(products.id, productId));
}

/**
 * Moves the product from `from` to `to` only if it is still in `from`: of two reviewers acting
 * at once, one wins and the other finds no row. False when the status had moved on.
 */
export async function moveStatus(
  tx: Tx,
  productId: number,
  change: { from: ProductStatus; to: ProductStatus; now: Date; submittedAt?: Date | null; publish?: boolean },
): Promise<boolean> {
  const rows = await tx
    .update(products)
    .set({
      status: change.to,
      updatedAt: change.now,
      ...(change.submittedAt === undefined ? {} : { submittedAt: change.submittedAt }),
      // The first publication stays: “newest” in the shop means new to the shop, and a product
      // relisted after a season off the shelf is not new.
      ...(change.publish ? { publishedAt: sql`coalesce(${products.publishedAt}, ${change.now.toISOString()}::timestamptz)` } : {}),
    })
    .where(and(eq(products.id, productId), eq(products.status, change.from)))
    .returning({ id: products.id });
  return rows.length > 0;
}

export async function deleteProduct(tx: Tx, productId: number): Promise<void> {
  await tx.delete(products).where(eq(products.id, productId));
}

export async function findSkus(executor: Executor, productId: number) {
  return executor
    .select()
    .from(skus)
    .where(eq(skus.productId, productId))
    .orderBy(asc(skus.position), asc(skus.id));
}
export type SkuRow = Awaited<ReturnType<typeof findSkus>>[number];

/** New SKUs start with no stock: stock only ever arrives through the ledger. */
export async function insertSkus(tx: Tx, productId: number, values: readonly SkuValues[], now: Date): Promise<void> {
  if (values.length === 0) return;
  await tx.insert(skus).values(values.map((sku) => ({ ...sku, productId, createdAt: now, updatedAt: now })));
}

export async function updateSku(tx: Tx, skuId: number, values: Partial<SkuValues>, now: Date): Promise<void> {
  await tx
    .update(skus)
    .set({ ...values, updatedAt: now })
    .where(eq(skus.id, skuId));
}

export async function deleteSkus(tx: Tx, skuIds: readonly number[]): Promise<void> {
  if (skuIds.length > 0) await tx.delete(skus).where(inArray(skus.id, [...skuIds]));
}

/** SKUs among these with stock history (ledger rows, or lines of a stock count) that must be kept. */
export async function skusWithHistory(tx: Executor, skuIds: readonly number[]): Promise<number[]> {
  if (skuIds.length === 0) return [];
  const [moved, counted] = await Promise.all([
    tx.selectDistinct({ skuId: stockMovements.skuId }).from(stockMovements).where(inArray(stockMovements.skuId, [...skuIds])),
    tx.selectDistinct({ skuId: stockCountLines.skuId }).from(stockCountLines).where(inArray(stockCountLines.skuId, [...skuIds])),
  ]);
  return [...new Set([...moved, ...counted].map((row) => row.skuId))];
}

/** SKUs among these that a save must not delete: stock history, or a price history the cascade would erase. */
export async function skusThatMustStay(tx: Executor, skuIds: readonly number[]): Promise<number[]> {
  if (skuIds.length === 0) return [];
  const [stock, priced] = await Promise.all([
    skusWithHistory(tx, skuIds),
    tx.selectDistinct({ skuId: skuPriceChanges.skuId }).from(skuPriceChanges).where(inArray(skuPriceChanges.skuId, [...skuIds])),
  ]);
  return [...new Set([...stock, ...priced.map((row) => row.skuId)])];
}

/**
 * Whether the product has anything that must outlive it: stock history, or a trail of review
 * (it reached a teacher). Such a product is taken off the shelf, never deleted.
 */
export async function productHasHistory(executor: Executor, productId: number): Promise<boolean> {
  const skuIds = (await executor.select({ id: skus.id }).from(skus).where(eq(skus.productId, productId))).map((row) => row.id);
  if ((await skusWithHistory(executor, skuIds)).length > 0) return true;
  const [reviewed] = await executor
    .select({ id: productActivity.id })
    .from(productActivity)
    .where(and(eq(productActivity.productId, productId), inArray(productActivity.action, ['submitted', 'approved', 'rejected'])))
    .limit(1);
  return reviewed !== undefined;
}
