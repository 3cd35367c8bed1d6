import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { listedProductId } from '../catalog/repository';

const { cartItems, productImages, products, skus, teams } = schema;

type Executor = Db | Tx;

/**
 * What the cart and checkout need to know about a SKU today: its price, stock and product
 * status, the product's 限购, the team that sells it and the first gallery picture (feed size,
 * as the list shows it).
 */
const skuFactColumns = {
  skuId: skus.id,
  productId: products.id,
  title: products.title,
  specs: skus.specs,
  priceFen: skus.priceFen,
  stockAvailable: skus.stockAvailable,
  productStatus: products.status,
  purchaseLimit: products.purchaseLimit,
  teamId: teams.id,
  teamName: teams.name,
  image: sql<string | null>`(select coalesce(${productImages.feedUrl}, ${productImages.url}) from ${productImages} where ${productImages.productId} = ${listedProductId} and ${productImages.kind} = 'gallery' order by ${productImages.position} limit 1)`,
};

/** These SKUs as they are now; ids that do not exist are simply absent. */
export async function findSkuFacts(executor: Executor, skuIds: readonly number[]) {
  if (skuIds.length === 0) return [];
  return executor
    .select(skuFactColumns)
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(teams, eq(teams.id, products.teamId))
    .where(inArray(skus.id, [...new Set(skuIds)]));
}

export type SkuFacts = Awaited<ReturnType<typeof findSkuFacts>>[number];

/** The customer's cart, the most recently added first. */
export async function findCartRows(executor: Executor, userId: number) {
  return executor
    .select({ ...skuFactColumns, quantity: cartItems.quantity, selected: cartItems.selected, addedAt: cartItems.createdAt })
    .from(cartItems)
    .innerJoin(skus, eq(skus.id, cartItems.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .innerJoin(teams, eq(teams.id, products.teamId))
    .where(eq(cartItems.userId, userId))
    .orderBy(desc(cartItems.createdAt), desc(cartItems.skuId));
}
export type CartRow = Awaited<ReturnType<typeof findCartRows>>[number];

export async function findCartLine(tx: Tx, userId: number, skuId: number): Promise<{ quantity: number } | undefined> {
  const [row] = await tx
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .where(and(eq(cartItems.userId, userId), eq(cartItems.skuId, skuId)));
  return row;
}

export async function countCartLines(tx: Tx, userId: number): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(cartItems).where(eq(cartItems.userId, userId));
  return row?.n ?? 0;
}

/**
 * Adds units to the customer's line of this SKU, or starts the line. Re-adding brings the line
 * back to the top (added_at is the latest add) and selects it, as shops do. The sum happens in
 * the database, so two adds never lose one another even without the caller's lock.
 */
export async function addToLine(tx: Tx, userId: number, skuId: number, quantity: number, now: Date): Promise<void> {
  await tx
    .insert(cartItems)
    .values({ userId, skuId, quantity, selected: true, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [cartItems.userId, cartItems.skuId],
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity`, selected: true, createdAt: now, updatedAt: now },
    });
}

/** False when the customer has no line of this SKU. */
export async function updateLine(
  executor: Executor,
  userId: number,
  skuId: number,
  change: { quantity?: number; selected?: boolean },
  now: Date,
): Promise<boolean> {
  const rows = await executor
    .update(cartItems)
    .set({ ...change, updatedAt: now })
    .where(and(eq(cartItems.userId, userId), eq(cartItems.skuId, skuId)))
    .returning({ skuId: cartItems.skuId });
  return rows.length > 0;
}

/** Selects or clears the given lines (all of them when `skuIds` is absent); unknown ids change nothing. */
export async function selectLines(executor: Executor, userId: number, skuIds: readonly number[] | undefined, selected: boolean, now: Date): Promise<void> {
  if (skuIds !== undefined && skuIds.length === 0) return;
  await executor
    .update(cartItems)
    .set({ selected, updatedAt: now })
    .where(and(eq(cartItems.userId, userId), skuIds === undefined ? undefined : inArray(cartItems.skuId, [...skuIds])));
}

export async function removeLines(executor: Executor, userId: number, skuIds: readonly number[]): Promise<void> {
  if (skuIds.length === 0) return;
  await executor.delete(cartItems).where(and(eq(cartItems.userId, userId), inArray(cartItems.skuId, [...skuIds])));
}
