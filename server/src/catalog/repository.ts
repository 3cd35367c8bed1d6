import type { Db } from '@qiaodu/db';
import { schema } from '@qiaodu/db';
import type { ProductListQuery } from '@qiaodu/shared';
import { and, asc, count, desc, eq, getTableName, gte, ilike, inArray, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm';

const { categories, partners, productImages, products, skus, teamPartners, teams } = schema;

/** Escapes LIKE wildcards so a search for "100%" looks for that text, not a pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function listConditions(query: ProductListQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(products.status, 'on_sale')];
  if (query.category !== undefined) {
    // A root category includes its children's products.
    const children = sql`(select ${categories.id} from ${categories} where ${categories.parentId} = ${query.category})`;
    conditions.push(or(eq(products.categoryId, query.category), inArray(products.categoryId, children)));
  }
  if (query.partner !== undefined) conditions.push(eq(products.partnerId, query.partner));
  if (query.partnerKind !== undefined) conditions.push(eq(partners.kind, query.partnerKind));
  if (query.heritage === true) conditions.push(isNotNull(products.heritageLevel));
  if (query.heritage === false) conditions.push(sql`${products.heritageLevel} is null`);
  if (query.minPriceFen !== undefined) conditions.push(gte(products.minPriceFen, query.minPriceFen));
  if (query.maxPriceFen !== undefined) conditions.push(lte(products.minPriceFen, query.maxPriceFen));
  if (query.q !== undefined) {
    // ILIKE on substrings works for Chinese, which has no word boundaries to tokenise on.
    const pattern = likePattern(query.q);
    conditions.push(
      or(
        ilike(products.title, pattern),
        ilike(products.subtitle, pattern),
        ilike(products.heritageCraft, pattern),
        ilike(partners.name, pattern),
      ),
    );
  }
  return and(...conditions);
}

function listOrder(sort: ProductListQuery['sort']): SQL[] {
  switch (sort) {
    case 'price_asc':
      return [asc(products.minPriceFen), desc(products.id)];
    case 'price_desc':
      return [desc(products.minPriceFen), desc(products.id)];
    case 'sales':
      return [desc(products.salesCount), desc(products.id)];
    case 'newest':
      return [sql`${products.publishedAt} desc nulls last`, desc(products.id)];
  }
}

/**
 * products.id, table-qualified whatever the query, for correlated subqueries: in a query
 * without joins drizzle writes a bare "id", which inside a subquery is the subquery's own.
 */
export const listedProductId = sql`${sql.identifier(getTableName(products))}.${sql.identifier(products.id.name)}`;

/** The list shows the first gallery picture in its small feed size (seeded pictures have one size). */
const firstGalleryImage = sql`from ${productImages} where ${productImages.productId} = ${listedProductId} and ${productImages.kind} = 'gallery' order by ${productImages.position} limit 1`;
const coverUrl = sql<string | null>`(select coalesce(${productImages.feedUrl}, ${productImages.url}) ${firstGalleryImage})`;
const coverAlt = sql<string | null>`(select ${productImages.alt} ${firstGalleryImage})`;

export type ProductListRow = Awaited<ReturnType<typeof findProductPage>>['rows'][number];

export async function findProductPage(db: Db, query: ProductListQuery) {
  const where = listConditions(query);
  const rows = await db
    .select({
      id: products.id,
      title: products.title,
      subtitle: products.subtitle,
      coverUrl,
      coverAlt,
      priceFen: products.minPriceFen,
      originalPriceFen: products.minPriceOriginalFen,
      salesCount: products.salesCount,
      stockAvailable: products.stockAvailable,
      heritageLevel: products.heritageLevel,
      categoryId: products.categoryId,
      partnerId: partners.id,
      partnerName: partners.name,
      partnerKind: partners.kind,
    })
    .from(products)
    .innerJoin(partners, eq(partners.id, products.partnerId))
    .where(where)
    .orderBy(...listOrder(query.sort))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [totals] = await db
    .select({ total: count() })
    .from(products)
    .innerJoin(partners, eq(partners.id, products.partnerId))
    .where(where);
  return { rows, total: totals?.total ?? 0 };
}

/**
 * A product with everything its page shows. The carousel is the gallery pictures in their
 * detail size (`url`); description pictures appear only inside the description.
 */
function findProductDetail(db: Db, where: SQL | undefined) {
  return db.query.products.findFirst({
    where,
    with: {
      partner: true,
      team: { columns: { id: true, name: true } },
      category: { columns: { id: true, name: true, parentId: true } },
      images: { where: eq(productImages.kind, 'gallery'), orderBy: [asc(productImages.position)] },
      skus: { orderBy: [asc(skus.position), asc(skus.id)] },
    },
  });
}

/** Only products on sale are visible to the shop; drafts and off-shelf goods are not found. */
export async function findProductOnSale(db: Db, id: number) {
  return findProductDetail(db, and(eq(products.id, id), eq(products.status, 'on_sale')));
}
export type ProductDetailRow = NonNullable<Awaited<ReturnType<typeof findProductOnSale>>>;

/** A team's product in any status, read as the shop would show it (the console's preview). */
export async function findTeamProductAsShown(db: Db, teamId: number, id: number) {
  return findProductDetail(db, and(eq(products.id, id), eq(products.teamId, teamId)));
}

export async function findAllCategories(db: Db) {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.id));
}
export type CategoryRow = Awaited<ReturnType<typeof findAllCategories>>[number];

export async function findPartner(db: Db, id: number) {
  const partner = await db.query.partners.findFirst({ where: eq(partners.id, id) });
  if (!partner) return null;
  const [counted] = await db
    .select({ productCount: count() })
    .from(products)
    .where(and(eq(products.partnerId, id), eq(products.status, 'on_sale')));
  const partnerTeams = await db
    .select({ id: teams.id, name: teams.name })
    .from(teamPartners)
    .innerJoin(teams, eq(teams.id, teamPartners.teamId))
    .where(eq(teamPartners.partnerId, id))
    .orderBy(asc(teams.id));
  return { partner, productCount: counted?.productCount ?? 0, teams: partnerTeams };
}
export type PartnerDetailRow = NonNullable<Awaited<ReturnType<typeof findPartner>>>;
