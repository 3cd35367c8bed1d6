import { and, eq, gte, inArray, isNotNull, isNull, notInArray, or } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { categories, partners, productImages, products, skus, teamPartners, teams, users } from '../schema';
import { CATEGORIES } from './categories';
import { PARTNERS } from './partners';
import { PRODUCTS } from './products';
import { TEAMS } from './teams';
import { requireId, toMap, upsertFrom } from './upsert';
import { seedPeople } from './seed-people';
import { seedOpeningStock } from './seed-stock';
import { seedShifts } from './shifts';

export { CATEGORIES } from './categories';
export { SEED_IMAGES, renderSeedImage } from './images';
export { PARTNERS } from './partners';
export { PRODUCTS } from './products';
export { TEAMS } from './teams';
export { PEOPLE } from './people';
export type * from './types';
export { SEED_IMAGES_DIR, SEED_MEDIA_PREFIX } from './urls';

/**
 * Publication dates are counted back from this instant, not from the clock, so two seeds
 * write the same rows and the 'newest' sort shows the same order everywhere.
 */
export const SEED_REFERENCE_TIME = new Date('2026-11-20T10:00:00+08:00');
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeedCounts {
  people: number;
  partners: number;
  teams: number;
  categories: number;
  products: number;
  skus: number;
}

async function seedPartners(tx: Tx): Promise<Map<string, number>> {
  await tx
    .insert(partners)
    .values(
      PARTNERS.map((p) => ({
        slug: p.slug,
        kind: p.kind,
        name: p.name,
        region: p.region,
        intro: p.intro,
        story: p.story,
        logoUrl: p.logoUrl,
        heritageLevel: p.heritageLevel,
        craft: p.craft,
        contactName: p.contactName,
        contactPhone: p.contactPhone,
      })),
    )
    .onConflictDoUpdate({
      target: partners.slug,
      ...upsertFrom(
        partners,
        ['kind', 'name', 'region', 'intro', 'story', 'logoUrl', 'heritageLevel', 'craft', 'contactName', 'contactPhone'],
        { touchUpdatedAt: true },
      ),
    });
  const rows = await tx
    .select({ id: partners.id, slug: partners.slug })
    .from(partners)
    .where(inArray(partners.slug, PARTNERS.map((p) => p.slug)));
  return toMap(rows);
}

async function seedTeams(tx: Tx, partnerIds: Map<string, number>): Promise<Map<string, number>> {
  await tx
    .insert(teams)
    .values(TEAMS.map((t) => ({ slug: t.slug, name: t.name, description: t.description })))
    .onConflictDoUpdate({ target: teams.slug, ...upsertFrom(teams, ['name', 'description'], { touchUpdatedAt: true }) });
  const teamIds = toMap(
    await tx
      .select({ id: teams.id, slug: teams.slug })
      .from(teams)
      .where(inArray(teams.slug, TEAMS.map((t) => t.slug))),
  );

  const links = TEAMS.flatMap((team) =>
    team.partnerSlugs.map((partnerSlug) => ({
      teamId: requireId(teamIds, team.slug, 'team'),
      partnerId: requireId(partnerIds, partnerSlug, 'partner'),
    })),
  );
  await tx.insert(teamPartners).values(links).onConflictDoNothing();
  // A seeded team runs exactly the partners listed for it.
  for (const team of TEAMS) {
    const teamId = requireId(teamIds, team.slug, 'team');
    const keep = team.partnerSlugs.map((slug) => requireId(partnerIds, slug, 'partner'));
    await tx.delete(teamPartners).where(and(eq(teamPartners.teamId, teamId), notInArray(teamPartners.partnerId, keep)));
  }
  return teamIds;
}

async function seedCategories(tx: Tx): Promise<Map<string, number>> {
  const categoryUpsert = {
    target: categories.slug,
    ...upsertFrom(categories, ['parentId', 'name', 'iconUrl', 'position'], { touchUpdatedAt: true }),
  };
  await tx
    .insert(categories)
    .values(CATEGORIES.map((c) => ({ slug: c.slug, parentId: null, name: c.name, iconUrl: c.iconUrl, position: c.position })))
    .onConflictDoUpdate(categoryUpsert);
  const rootIds = toMap(
    await tx
      .select({ id: categories.id, slug: categories.slug })
      .from(categories)
      .where(inArray(categories.slug, CATEGORIES.map((c) => c.slug))),
  );
  const children = CATEGORIES.flatMap((root) =>
    root.children.map((child) => ({
      slug: child.slug,
      parentId: requireId(rootIds, root.slug, 'category'),
      name: child.name,
      iconUrl: child.iconUrl,
      position: child.position,
    })),
  );
  await tx.insert(categories).values(children).onConflictDoUpdate(categoryUpsert);
  const childIds = await tx
    .select({ id: categories.id, slug: categories.slug })
    .from(categories)
    .where(inArray(categories.slug, children.map((c) => c.slug)));
  return new Map([...rootIds, ...toMap(childIds)]);
}

async function seedProducts(
  tx: Tx,
  ids: { partners: Map<string, number>; teams: Map<string, number>; categories: Map<string, number> },
): Promise<Map<string, number>> {
  await tx
    .insert(products)
    .values(
      PRODUCTS.map((p) => ({
        slug: p.slug,
        teamId: requireId(ids.teams, p.teamSlug, 'team'),
        partnerId: requireId(ids.partners, p.partnerSlug, 'partner'),
        categoryId: requireId(ids.categories, p.categorySlug, 'category'),
        title: p.title,
        subtitle: p.subtitle,
        description: p.description,
        status: p.status,
        heritageLevel: p.heritage?.level ?? null,
        heritageCraft: p.heritage?.craft ?? null,
        heritageInheritor: p.heritage?.inheritor ?? null,
        heritageRegion: p.heritage?.region ?? null,
        heritageStory: p.heritage?.story ?? null,
        publishedAt:
          p.publishedDaysAgo === null ? null : new Date(SEED_REFERENCE_TIME.getTime() - p.publishedDaysAgo * DAY_MS),
      })),
    )
    .onConflictDoUpdate({
      target: products.slug,
      // min_price_fen, sales_count and stock_available belong to the sku trigger.
      ...upsertFrom(
        products,
        [
          'teamId',
          'partnerId',
          'categoryId',
          'title',
          'subtitle',
          'description',
          'status',
          'heritageLevel',
          'heritageCraft',
          'heritageInheritor',
          'heritageRegion',
          'heritageStory',
          'publishedAt',
        ],
        { touchUpdatedAt: true },
      ),
    });
  const rows = await tx
    .select({ id: products.id, slug: products.slug })
    .from(products)
    .where(inArray(products.slug, PRODUCTS.map((p) => p.slug)));
  return toMap(rows);
}

async function seedImages(tx: Tx, productIds: Map<string, number>): Promise<void> {
  // Keyed by (product, position): the same picture keeps its row, a picture that moved is
  // rewritten in place, and positions past the product's last picture are removed.
  const rows = PRODUCTS.flatMap((p) =>
    p.images.map((image, position) => ({
      productId: requireId(productIds, p.slug, 'product'),
      position,
      url: image.url,
      alt: image.alt,
    })),
  );
  await tx
    .insert(productImages)
    .values(rows)
    .onConflictDoUpdate({
      target: [productImages.productId, productImages.kind, productImages.position],
      ...upsertFrom(productImages, ['url', 'alt'], { touchUpdatedAt: false }),
    });
  const surplus = PRODUCTS.map((p) =>
    and(
      eq(productImages.productId, requireId(productIds, p.slug, 'product')),
      eq(productImages.kind, 'gallery'),
      gte(productImages.position, p.images.length),
      // Pictures a team uploaded are theirs, not the seed's.
      isNull(productImages.storageKey),
    ),
  );
  if (surplus.length > 0) await tx.delete(productImages).where(or(...surplus));
}

async function seedSkus(tx: Tx, productIds: Map<string, number>): Promise<number> {
  const rows = PRODUCTS.flatMap((p) =>
    p.skus.map((sku, position) => ({
      productId: requireId(productIds, p.slug, 'product'),
      code: sku.code,
      specs: sku.specs,
      position,
      priceFen: sku.priceFen,
      originalPriceFen: sku.originalPriceFen,
      salesCount: sku.sales,
    })),
  );
  await tx
    .insert(skus)
    .values(rows)
    .onConflictDoUpdate({
      target: skus.code,
      // Stock is the ledger's: seedOpeningStock receives it once, and seeding again leaves it alone.
      ...upsertFrom(skus, ['productId', 'specs', 'position', 'priceFen', 'originalPriceFen', 'salesCount'], {
        touchUpdatedAt: true,
      }),
    });
  // SKUs of seeded products that the data no longer lists.
  await tx.delete(skus).where(
    and(
      inArray(skus.productId, [...productIds.values()]),
      notInArray(skus.code, rows.map((r) => r.code)),
    ),
  );
  return rows.length;
}

/**
 * Writes the demo catalog: partners, teams, categories, products with their pictures and
 * SKUs, the demo people who run and use the shop, and their shifts around `now` (shifts.ts).
 * Rows are matched by slug (SKUs by code), so running it again changes nothing, and
 * running it after the data changed brings the seeded rows in line. One transaction.
 */
export async function seedDemoData(db: Db, options: { people?: boolean; now?: Date } = {}): Promise<SeedCounts> {
  return db.transaction(async (tx) => {
    const partnerIds = await seedPartners(tx);
    const teamIds = await seedTeams(tx, partnerIds);
    const categoryIds = await seedCategories(tx);
    const productIds = await seedProducts(tx, { partners: partnerIds, teams: teamIds, categories: categoryIds });
    await seedImages(tx, productIds);
    const skuCount = await seedSkus(tx, productIds);
    await seedOpeningStock(tx, productIds);
    // Demo people include an admin: only for a shop whose login is the demo persona picker.
    const peopleCount = options.people === false ? 0 : await seedPeople(tx, { partners: partnerIds, teams: teamIds });
    // Shifts are worked by the demo students, and dated from the seed time (`now`).
    if (peopleCount > 0) await seedShifts(tx, teamIds, options.now ?? new Date());
    return {
      people: peopleCount,
      partners: partnerIds.size,
      teams: teamIds.size,
      categories: categoryIds.size,
      products: productIds.size,
      skus: skuCount,
    };
  });
}

/** True when there is nothing to show yet: no partners, categories or products. */
export async function isCatalogEmpty(db: Db): Promise<boolean> {
  const [partner] = await db.select({ id: partners.id }).from(partners).limit(1);
  if (partner) return false;
  const [category] = await db.select({ id: categories.id }).from(categories).limit(1);
  if (category) return false;
  const [product] = await db.select({ id: products.id }).from(products).limit(1);
  return !product;
}

/** True when demo people exist (a database seeded before accounts existed has none). */
export async function hasDemoPeople(db: Db): Promise<boolean> {
  const [person] = await db.select({ id: users.id }).from(users).where(isNotNull(users.persona)).limit(1);
  return Boolean(person);
}
