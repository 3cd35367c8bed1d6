import { schema } from '@qiaodu/db';
import type { ProductDetail } from '@qiaodu/shared';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { getJson } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-database';

/**
 * PostgreSQL only (this tier runs when TEST_DATABASE_URL is set): what happens to the
 * catalog caches when the LISTEN connection they trust is killed.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const fixture = useSeededApp();

async function priceOf(productId: number, skuId: number): Promise<number> {
  const res = await getJson<ProductDetail>(`${fixture.app.baseUrl}/api/products/${productId}`);
  return res.body.skus.find((sku) => sku.id === skuId)!.priceFen;
}

/** The catalog's LISTEN connection (the session cache has one of its own, on another channel). */
async function killListenConnection(): Promise<number> {
  const db = fixture.testDb.database.db;
  const killed = await db.execute(sql`
    select pg_terminate_backend(pid) as killed from pg_stat_activity
    where application_name = 'qiaodu-mall-listen' and datname = current_database() and query like '%catalog_changed%'`);
  return (killed as unknown as unknown[]).length;
}

describe('catalog change feed on PostgreSQL', () => {
  it('should not serve a stale catalog after its LISTEN connection is killed, and recover', async () => {
    const [sku] = await fixture.testDb.database.db
      .select({ id: schema.skus.id, productId: schema.skus.productId, priceFen: schema.skus.priceFen })
      .from(schema.skus)
      .innerJoin(schema.products, eq(schema.products.id, schema.skus.productId))
      .where(eq(schema.products.status, 'on_sale'))
      .limit(1);
    expect(await priceOf(sku!.productId, sku!.id)).toBe(sku!.priceFen);

    // A second pool whose connection is open before the database stops taking new ones.
    const other = await fixture.testDb.openAnother();
    await other.ping();
    // As in a failover: the LISTEN connection dies and reconnecting fails for a while.
    const db = fixture.testDb.database.db;
    const name = ((await db.execute(sql`select current_database() as name`)) as unknown as { name: string }[])[0]!.name;
    // A database cannot refuse connections to itself from its own session: use the server's.
    const admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`alter database "${name}" allow_connections false`);
    expect(await killListenConnection()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await admin.unsafe(`alter database "${name}" allow_connections true`);
    await admin.end();
    // Changed while nobody listens: no notification will ever arrive for this.
    await other.db.update(schema.skus).set({ priceFen: sku!.priceFen + 7 }).where(eq(schema.skus.id, sku!.id));

    const deadline = Date.now() + 5_000;
    let seen = sku!.priceFen;
    while (Date.now() < deadline && seen !== sku!.priceFen + 7) {
      seen = await priceOf(sku!.productId, sku!.id);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toBe(sku!.priceFen + 7);

    // The feed comes back by itself and carries the next change.
    const back = Date.now() + 10_000;
    let listening = 0;
    while (Date.now() < back && listening === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const rows = await fixture.testDb.database.db.execute(sql`
        select 1 from pg_stat_activity
        where application_name = 'qiaodu-mall-listen' and datname = current_database() and query like '%catalog_changed%'`);
      listening = (rows as unknown as unknown[]).length;
    }
    expect(listening).toBe(1);
    await priceOf(sku!.productId, sku!.id);
    await other.db.update(schema.skus).set({ priceFen: sku!.priceFen + 9 }).where(eq(schema.skus.id, sku!.id));
    const later = Date.now() + 3_000;
    while (Date.now() < later && seen !== sku!.priceFen + 9) {
      seen = await priceOf(sku!.productId, sku!.id);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seen).toBe(sku!.priceFen + 9);
    await other.close();
  });
});
