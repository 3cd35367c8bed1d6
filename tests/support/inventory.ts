import { schema, type Db } from '@qiaodu/db';
import type { ProductStatus } from '@qiaodu/shared';
import { asc, eq, inArray } from 'drizzle-orm';

const { categories, products, skus, stockMovements, teamPartners, teams, users } = schema;

export async function teamIdOf(db: Db, slug: string): Promise<number> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.slug, slug));
  if (!row) throw new Error(`no team ${slug}`);
  return row.id;
}

export async function userIdOf(db: Db, persona: string): Promise<number> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.persona, persona));
  if (!row) throw new Error(`no persona ${persona}`);
  return row.id;
}

let productSeq = 0;
/**
 * A product of the team with SKUs and no stock, written straight to the database: these tests
 * are about stock, and a product with an empty ledger makes every expected number plain.
 */
export async function createBareProduct(
  db: Db,
  teamId: number,
  options: { title?: string; skuCount?: number; status?: ProductStatus; codePrefix?: string } = {},
): Promise<{ productId: number; partnerId: number; skuIds: number[]; codes: string[] }> {
  productSeq += 1;
  const [partner] = await db
    .select({ id: teamPartners.partnerId })
    .from(teamPartners)
    .where(eq(teamPartners.teamId, teamId))
    .orderBy(asc(teamPartners.partnerId))
    .limit(1);
  const [category] = await db.select({ id: categories.id }).from(categories).orderBy(asc(categories.id)).limit(1);
  if (!partner || !category) throw new Error('the seed has no partner for this team or no category');
  const suffix = `${process.pid}-${productSeq}-${Math.random().toString(36).slice(2, 7)}`;
  const [product] = await db
    .insert(products)
    .values({
      slug: `stock-test-${suffix}`,
      teamId,
      partnerId: partner.id,
      categoryId: category.id,
      title: options.title ?? `库存测试商品${productSeq}`,
      status: options.status ?? 'on_sale',
    })
    .returning({ id: products.id });
  const codes = Array.from({ length: options.skuCount ?? 1 }, (_, i) => `${options.codePrefix ?? 'ST'}-${suffix}-${i + 1}`);
  const rows = await db
    .insert(skus)
    .values(
      codes.map((code, position) => ({ productId: product!.id, code, position, priceFen: 1000 + position, specs: [{ name: '规格', value: `款${position + 1}` }] })),
    )
    .returning({ id: skus.id });
  return { productId: product!.id, partnerId: partner.id, skuIds: rows.map((row) => row.id), codes };
}

/**
 * Everything that must hold between the stock cache and the ledger, for every SKU of the team:
 * available stock equals the sum of its ledger rows, each row's balance is the previous one
 * plus its quantity (in id order), the last balance is the stock, and each product's stock is
 * the sum of its SKUs'. Answers the broken facts (an empty list when the books are right).
 */
export async function ledgerProblems(db: Db, teamId: number): Promise<string[]> {
  const problems: string[] = [];
  const teamProducts = await db.select({ id: products.id, stock: products.stockAvailable }).from(products).where(eq(products.teamId, teamId));
  const productIds = teamProducts.map((product) => product.id);
  if (productIds.length === 0) return problems;
  const teamSkus = await db
    .select({ id: skus.id, productId: skus.productId, stock: skus.stockAvailable })
    .from(skus)
    .where(inArray(skus.productId, productIds));
  const movements = await db
    .select({ skuId: stockMovements.skuId, teamId: stockMovements.teamId, quantity: stockMovements.quantity, balanceAfter: stockMovements.balanceAfter })
    .from(stockMovements)
    .where(inArray(stockMovements.skuId, teamSkus.length ? teamSkus.map((sku) => sku.id) : [0]))
    .orderBy(asc(stockMovements.id));
  for (const sku of teamSkus) {
    let balance = 0;
    for (const row of movements.filter((movement) => movement.skuId === sku.id)) {
      balance += row.quantity;
      if (row.balanceAfter !== balance) problems.push(`sku ${sku.id}: balance_after ${row.balanceAfter} where the running sum is ${balance}`);
      if (row.teamId !== teamId) problems.push(`sku ${sku.id}: a ledger row filed under team ${row.teamId}`);
    }
    if (sku.stock !== balance) problems.push(`sku ${sku.id}: stock_available ${sku.stock} but the ledger sums to ${balance}`);
  }
  for (const product of teamProducts) {
    const sum = teamSkus.filter((sku) => sku.productId === product.id).reduce((total, sku) => total + sku.stock, 0);
    if (product.stock !== sum) problems.push(`product ${product.id}: stock_available ${product.stock} but its SKUs hold ${sum}`);
  }
  return problems;
}

/** A small, seedable random source (mulberry32), so a failing random sequence can be replayed. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** A whole number in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
