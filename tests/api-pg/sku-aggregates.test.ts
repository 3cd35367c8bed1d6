import { schema } from '@qiaodu/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBareProduct, teamIdOf } from '../support/inventory';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database';

/**
 * PostgreSQL only: the product's totals are kept by a SKU trigger. Two transactions changing
 * different SKUs of one product at once used to leave the product's stock at whichever
 * snapshot wrote last; the trigger now locks the product first, so the later one sees both.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.dispose();
});

describe('product totals kept by the SKU trigger', () => {
  it('should count both SKUs when two transactions change them at the same moment', async () => {
    const { db } = testDb.database;
    const other = (await testDb.openAnother()).db;
    const teamId = await teamIdOf(db, 'tiantian-yunying-1');
    const { productId, skuIds } = await createBareProduct(db, teamId, { skuCount: 2 });
    const [a, b] = skuIds as [number, number];

    // The first holds its change open; the second changes the other SKU meanwhile, and
    // commits only after the first did (it waits for the product row at its trigger).
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstUpdated!: () => void;
    const firstHasUpdated = new Promise<void>((resolve) => (firstUpdated = resolve));
    const first = db.transaction(async (tx) => {
      await tx.update(schema.skus).set({ stockAvailable: sql`${schema.skus.stockAvailable} + 5` }).where(eq(schema.skus.id, a));
      firstUpdated();
      await firstMayCommit;
    });
    await firstHasUpdated;
    const second = other.transaction(async (tx) => {
      await tx.update(schema.skus).set({ stockAvailable: sql`${schema.skus.stockAvailable} + 7` }).where(eq(schema.skus.id, b));
    });
    // Give the second time to reach the product row before the first commits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    releaseFirst();
    await Promise.all([first, second]);

    const [product] = await db.select().from(schema.products).where(eq(schema.products.id, productId));
    expect(product!.stockAvailable).toBe(12);
  });

  it('should not deadlock a threshold change against a stock move on the same SKU', async () => {
    const { db } = testDb.database;
    const other = (await testDb.openAnother()).db;
    const teamId = await teamIdOf(db, 'tiantian-yunying-1');
    const { productId, skuIds } = await createBareProduct(db, teamId, { skuCount: 1 });
    const [sku] = skuIds as [number];

    // The ledger's order: the product first, then the SKU. A threshold change touches only the
    // SKU; it used to fire the product trigger too, which then waited for the product while
    // holding the SKU the mover needed next (PostgreSQL: "deadlock detected", a 500).
    let productLocked!: () => void;
    const moverHasProduct = new Promise<void>((resolve) => (productLocked = resolve));
    let thresholdSent!: () => void;
    const thresholdUnderway = new Promise<void>((resolve) => (thresholdSent = resolve));
    const mover = db.transaction(async (tx) => {
      await tx.select().from(schema.products).where(eq(schema.products.id, productId)).for('no key update');
      productLocked();
      await thresholdUnderway;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.update(schema.skus).set({ stockAvailable: sql`${schema.skus.stockAvailable} + 3` }).where(eq(schema.skus.id, sku));
    });
    await moverHasProduct;
    const threshold = other.transaction(async (tx) => {
      const update = tx.update(schema.skus).set({ lowStockThreshold: 9 }).where(eq(schema.skus.id, sku));
      thresholdSent();
      await update;
    });
    await Promise.all([mover, threshold]);

    const [row] = await db.select().from(schema.skus).where(eq(schema.skus.id, sku));
    expect({ stock: row!.stockAvailable, threshold: row!.lowStockThreshold }).toEqual({ stock: 3, threshold: 9 });
  });
});
