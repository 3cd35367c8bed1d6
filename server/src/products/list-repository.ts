import { and, asc, count, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import { schema, type Db } from '@qiaodu/db';
import { PRODUCT_STATUSES, type ProductStatus } from '@qiaodu/shared';
import { likePattern, listedProductId } from '../catalog/repository';

const { productImages, products, skus, teams } = schema;

/** The first gallery picture, in the feed size where the picture has one. */
const coverUrl = sql<string | null>`(select coalesce(${productImages.feedUrl}, ${productImages.url}) from ${productImages}
  where ${productImages.productId} = ${listedProductId} and ${productImages.kind} = 'gallery' order by ${productImages.position} limit 1)`;
const skuCount = sql<number>`(select count(*)::integer from ${skus} where ${skus.productId} = ${listedProductId})`;
const lowStockSkuCount = sql<number>`(select count(*)::integer from ${skus}
  where ${skus.productId} = ${listedProductId} and ${skus.stockAvailable} <= ${skus.lowStockThreshold})`;

const summaryColumns = {
  id: products.id,
  teamId: products.teamId,
  title: products.title,
  status: products.status,
  coverUrl,
  minPriceFen: products.minPriceFen,
  stockAvailable: products.stockAvailable,
  salesCount: products.salesCount,
  skuCount,
  lowStockSkuCount,
  updatedAt: products.updatedAt,
};

/** A page of the team's products, most recently changed first. */
export async function findTeamProductPage(
  db: Db,
  teamId: number,
  query: { status?: ProductStatus; q?: string; page: number; pageSize: number },
) {
  const conditions: SQL[] = [eq(products.teamId, teamId)];
  if (query.status !== undefined) conditions.push(eq(products.status, query.status));
  if (query.q !== undefined) conditions.push(ilike(products.title, likePattern(query.q)));
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select(summaryColumns)
      .from(products)
      .where(where)
      .orderBy(desc(products.updatedAt), desc(products.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(products).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
export type ProductSummaryRow = Awaited<ReturnType<typeof findTeamProductPage>>['rows'][number];

/** How many of the team's products are in each status (statuses with none are absent). */
/** How many of the team's products are in each status, every status present (0 when none). */
export async function productStatusCounts(db: Db, teamId: number): Promise<Record<ProductStatus, number>> {
  const rows = await db
    .select({ status: products.status, n: count() })
    .from(products)
    .where(eq(products.teamId, teamId))
    .groupBy(products.status);
  const counts = Object.fromEntries(PRODUCT_STATUSES.map((status) => [status, 0])) as Record<ProductStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** Submitted products of these teams, the longest waiting first. */
export async function findSubmitted(db: Db, teamIds: 'all' | readonly number[]) {
  if (teamIds !== 'all' && teamIds.length === 0) return [];
  return db
    .select({ ...summaryColumns, teamName: teams.name, submittedAt: products.submittedAt })
    .from(products)
    .innerJoin(teams, eq(teams.id, products.teamId))
    .where(and(eq(products.status, 'submitted'), teamIds === 'all' ? undefined : inArray(products.teamId, [...teamIds])))
    .orderBy(sql`${products.submittedAt} asc nulls first`, asc(products.id));
}
export type SubmittedRow = Awaited<ReturnType<typeof findSubmitted>>[number];
