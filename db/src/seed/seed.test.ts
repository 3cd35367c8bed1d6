import { asc, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addresses, categories, partners, productImages, products, skus, stockMovements, teamMembers, teamPartners, teams, teamSupervisors, users } from '../schema';
import { useTempDatabase } from '../testing/temp-database';
import { isCatalogEmpty, PRODUCTS, seedDemoData, type SeedCounts } from './index';

const temp = useTempDatabase('seed');
let firstCounts: SeedCounts;

/** Every row of every catalog table, in id order. */
async function snapshot() {
  const { db } = temp.database;
  return {
    partners: await db.select().from(partners).orderBy(asc(partners.id)),
    teams: await db.select().from(teams).orderBy(asc(teams.id)),
    teamPartners: await db.select().from(teamPartners).orderBy(asc(teamPartners.teamId), asc(teamPartners.partnerId)),
    categories: await db.select().from(categories).orderBy(asc(categories.id)),
    products: await db.select().from(products).orderBy(asc(products.id)),
    productImages: await db.select().from(productImages).orderBy(asc(productImages.id)),
    skus: await db.select().from(skus).orderBy(asc(skus.id)),
    users: await db.select().from(users).orderBy(asc(users.id)),
    teamMembers: await db.select().from(teamMembers).orderBy(asc(teamMembers.teamId), asc(teamMembers.userId)),
    teamSupervisors: await db.select().from(teamSupervisors).orderBy(asc(teamSupervisors.teamId), asc(teamSupervisors.userId)),
    addresses: await db.select().from(addresses).orderBy(asc(addresses.id)),
    stockMovements: await db.select().from(stockMovements).orderBy(asc(stockMovements.id)),
  };
}

describe('seedDemoData', () => {
  it('fills an empty catalog', async () => {
    expect(await isCatalogEmpty(temp.database.db)).toBe(true);
    firstCounts = await seedDemoData(temp.database.db);
    expect(await isCatalogEmpty(temp.database.db)).toBe(false);

    expect(firstCounts.partners).toBeGreaterThanOrEqual(6);
    expect(firstCounts.teams).toBe(4);
    expect(firstCounts.categories).toBeGreaterThanOrEqual(6 + 12);
    expect(firstCounts.products).toBeGreaterThanOrEqual(32);
    expect(firstCounts.skus).toBeGreaterThanOrEqual(firstCounts.products);

    const rows = await snapshot();
    expect(rows.partners).toHaveLength(firstCounts.partners);
    expect(rows.teams).toHaveLength(firstCounts.teams);
    expect(rows.categories).toHaveLength(firstCounts.categories);
    expect(rows.products).toHaveLength(firstCounts.products);
    expect(rows.skus).toHaveLength(firstCounts.skus);
    expect(rows.categories.filter((c) => c.parentId === null).length).toBeGreaterThanOrEqual(6);
    expect(rows.teamPartners.length).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.partners.map((p) => p.kind))).toEqual(new Set(['heritage', 'enterprise', 'student_studio']));
    expect(rows.users).toHaveLength(firstCounts.people);
    // Every team has a student and a supervising teacher, so every console page has people.
    for (const team of rows.teams) {
      expect(rows.teamMembers.some((m) => m.teamId === team.id), team.slug).toBe(true);
      expect(rows.teamSupervisors.some((s) => s.teamId === team.id), team.slug).toBe(true);
    }
    expect(rows.teamMembers.filter((m) => m.isLead)).not.toHaveLength(0);
  }, 60_000);

  it('keeps a demo visitor’s address edits when seeding again', async () => {
    const { db } = temp.database;
    const [address] = await db.select().from(addresses).limit(1);
    await db.update(addresses).set({ detail: '访客改过的地址' }).where(eq(addresses.id, address!.id));
    await seedDemoData(db);
    const [after] = await db.select().from(addresses).where(eq(addresses.id, address!.id));
    expect(after?.detail).toBe('访客改过的地址');
  }, 60_000);

  it('changes nothing when run again: same rows, same ids, same timestamps', async () => {
    const before = await snapshot();
    const counts = await seedDemoData(temp.database.db);
    expect(counts).toEqual(firstCounts);
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  it('puts drifted seed rows back', async () => {
    const { db } = temp.database;
    const before = await snapshot();
    const [product] = await db.select().from(products).where(eq(products.slug, 'shenggong-liyu-3d-baijian'));
    await db.update(skus).set({ priceFen: 1 }).where(eq(skus.code, 'SGLY-3D-S-RED'));
    await db.insert(skus).values({ productId: product!.id, code: 'SGLY-3D-EXTRA', priceFen: 100 });
    await db.delete(productImages).where(eq(productImages.productId, product!.id));
    await db.insert(productImages).values({ productId: product!.id, position: 9, url: '/media/seed/x.svg' });
    await db.update(products).set({ title: '改过的标题' }).where(eq(products.id, product!.id));

    await seedDemoData(db);
    const after = await snapshot();
    expect(after.skus.find((s) => s.code === 'SGLY-3D-EXTRA')).toBeUndefined();
    expect(after.skus.find((s) => s.code === 'SGLY-3D-S-RED')?.priceFen).toBe(6800);
    expect(after.products.find((p) => p.id === product!.id)?.title).toBe(product!.title);
    const images = after.productImages.filter((i) => i.productId === product!.id).map((i) => [i.position, i.url]);
    expect(images).toEqual(
      before.productImages.filter((i) => i.productId === product!.id).map((i) => [i.position, i.url]),
    );
    // Ids of everything else survive.
    expect(after.products.map((p) => p.id)).toEqual(before.products.map((p) => p.id));
    expect(after.partners.map((p) => p.id)).toEqual(before.partners.map((p) => p.id));
    const [aggregate] = await db.select().from(products).where(eq(products.id, product!.id));
    expect(aggregate!.minPriceFen).toBe(6800);
    expect(aggregate!.stockAvailable).toBe(36 + 20 + 15 + 8);
  }, 60_000);

  it('gives every on-sale product SKUs and pictures, with aggregates kept by the trigger', async () => {
    const rows = await snapshot();
    const onSale = rows.products.filter((p) => p.status === 'on_sale');
    expect(onSale.length).toBeGreaterThanOrEqual(29);
    expect(rows.products.filter((p) => p.status === 'draft')).toHaveLength(2);
    expect(rows.products.filter((p) => p.status === 'off_shelf')).toHaveLength(1);
    for (const product of rows.products) {
      const own = rows.skus.filter((s) => s.productId === product.id);
      const pictures = rows.productImages.filter((i) => i.productId === product.id);
      if (product.status === 'on_sale') {
        expect(own.length, product.slug).toBeGreaterThanOrEqual(1);
        expect(pictures.length, product.slug).toBeGreaterThanOrEqual(1);
        expect(product.publishedAt, product.slug).toBeInstanceOf(Date);
      }
      if (product.status === 'draft') expect(product.publishedAt, product.slug).toBeNull();
      expect(pictures.map((p) => p.position).sort(), product.slug).toEqual(pictures.map((_, i) => i));
      expect(product.minPriceFen, product.slug).toBe(Math.min(...own.map((s) => s.priceFen)));
      expect(product.stockAvailable, product.slug).toBe(own.reduce((sum, s) => sum + s.stockAvailable, 0));
      expect(product.salesCount, product.slug).toBe(own.reduce((sum, s) => sum + s.salesCount, 0));
    }
    expect(onSale.filter((p) => p.stockAvailable === 0)).toHaveLength(2);
    const newest = [...onSale].sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime());
    expect(new Set(newest.map((p) => p.publishedAt!.getTime())).size).toBe(onSale.length);
  });

  it('receives every SKU’s stock through the ledger, from the product’s partner, at a cost', async () => {
    const rows = await snapshot();
    for (const sku of rows.skus) {
      const own = rows.stockMovements.filter((m) => m.skuId === sku.id);
      expect(own.reduce((sum, m) => sum + m.quantity, 0), sku.code).toBe(sku.stockAvailable);
      const product = rows.products.find((p) => p.id === sku.productId)!;
      for (const movement of own) {
        expect(movement).toMatchObject({ type: 'receive', teamId: product.teamId, partnerId: product.partnerId, balanceAfter: sku.stockAvailable });
        expect(movement.unitCostFen, sku.code).toBeLessThan(sku.priceFen);
      }
      if (sku.stockAvailable > 0) expect(sku.unitCostFen, sku.code).toBe(own[0]!.unitCostFen);
    }
    expect(rows.stockMovements.length).toBeGreaterThan(30);
  });

  it('never moves stock the shop has since changed when seeding again', async () => {
    const { db } = temp.database;
    await db.update(skus).set({ stockAvailable: 3 }).where(eq(skus.code, 'SGLY-3D-S-RED'));
    const ledgerBefore = await db.select().from(stockMovements);
    await seedDemoData(db);
    const [after] = await db.select().from(skus).where(eq(skus.code, 'SGLY-3D-S-RED'));
    expect(after!.stockAvailable).toBe(3);
    expect(await db.select().from(stockMovements)).toEqual(ledgerBefore);
    await db.update(skus).set({ stockAvailable: 36 }).where(eq(skus.code, 'SGLY-3D-S-RED'));
  }, 60_000);

  it('seeds 鲤鱼 goods as heritage with full provenance', async () => {
    const carp = await temp.database.db.select().from(products).where(like(products.title, '%鲤鱼%'));
    expect(carp.length).toBeGreaterThanOrEqual(3);
    const [partner] = await temp.database.db.select().from(partners).where(eq(partners.slug, 'shenggong-liyu'));
    for (const product of carp) {
      expect(product.heritageLevel, product.slug).toBe('city');
      expect(product.heritageCraft, product.slug).toBeTruthy();
      expect(product.heritageInheritor, product.slug).toBeTruthy();
      expect(product.heritageRegion, product.slug).toBeTruthy();
      expect(product.heritageStory, product.slug).toBeTruthy();
      expect(product.partnerId, product.slug).toBe(partner!.id);
    }
    const heritage = await temp.database.db.select().from(products);
    expect(heritage.filter((p) => p.heritageLevel !== null).length).toBe(PRODUCTS.filter((p) => p.heritage).length);
  });
});
