import { randomUUID } from 'node:crypto';
import { schema, type Db } from '@qiaodu/db';
import type { ConsoleProductDetail, OrderStatus, ProductInput, StockChangeResult } from '@qiaodu/shared';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { personaClient } from './auth';
import { createBareProduct, teamIdOf } from './inventory';

const { cartItems, orderItems, orders, productImages, products, skus } = schema;

type Send = ReturnType<typeof personaClient>['send'];

/** The console's product input for a product as it is now (PUT replaces every field). */
export function inputOf(detail: ConsoleProductDetail): ProductInput {
  return {
    title: detail.title,
    subtitle: detail.subtitle,
    categoryId: detail.categoryId,
    partnerId: detail.partnerId,
    description: detail.description,
    heritage: detail.heritage,
    purchaseLimit: detail.purchaseLimit,
    skus: detail.skus.map((sku) => ({
      id: sku.id,
      code: sku.code,
      specs: sku.specs,
      priceFen: sku.priceFen,
      originalPriceFen: sku.originalPriceFen,
      weightGrams: sku.weightGrams,
    })),
  };
}

export interface ShelfProduct {
  teamId: number;
  productId: number;
  skuIds: number[];
}

/**
 * A product of 天天市集运营一组 on sale, with these SKU prices and stock: the product row is
 * written straight to the database (its review is not what these tests are about), the stock
 * arrives through the console's receipts as a team member would book it.
 */
export async function shelfProduct(
  db: Db,
  send: Send,
  options: { prices: number[]; stock?: number[]; status?: 'on_sale' | 'draft' },
): Promise<ShelfProduct> {
  const teamId = await teamIdOf(db, 'tiantian-yunying-1');
  const { productId, skuIds } = await createBareProduct(db, teamId, { skuCount: options.prices.length, status: options.status ?? 'on_sale', codePrefix: 'CART' });
  for (const [index, skuId] of skuIds.entries()) {
    await db.update(skus).set({ priceFen: options.prices[index]! }).where(eq(skus.id, skuId));
    const stock = options.stock?.[index] ?? 50;
    if (stock > 0) {
      const receipt = await send<StockChangeResult>('student-tiantian', 'POST', `/api/console/teams/${teamId}/stock/receipts`, { skuId, quantity: stock, unitCostFen: 100 });
      if (receipt.status !== 201) throw new Error(`receipt: ${receipt.status} ${JSON.stringify(receipt.body)}`);
    }
  }
  return { teamId, productId, skuIds };
}

/** A seeded product of the team on sale with a gallery picture, and its SKUs that have stock. */
export async function seededProductWithPicture(db: Db, teamSlug: string) {
  const teamId = await teamIdOf(db, teamSlug);
  const [row] = await db
    .select({ productId: products.id, title: products.title, image: sql<string>`coalesce(${productImages.feedUrl}, ${productImages.url})` })
    .from(products)
    .innerJoin(productImages, and(eq(productImages.productId, products.id), eq(productImages.kind, 'gallery'), eq(productImages.position, 0)))
    .where(and(eq(products.teamId, teamId), eq(products.status, 'on_sale')))
    .orderBy(asc(products.id))
    .limit(1);
  if (!row) throw new Error(`no seeded product with a picture for ${teamSlug}`);
  const skuRows = await db
    .select({ id: skus.id, priceFen: skus.priceFen, stock: skus.stockAvailable, specs: skus.specs })
    .from(skus)
    .where(and(eq(skus.productId, row.productId), gt(skus.stockAvailable, 0)))
    .orderBy(asc(skus.id));
  return { teamId, ...row, skus: skuRows };
}

/**
 * An order the customer placed earlier for these units (what 限购 counts), written straight to
 * the database: placing orders is another module's job and not what these tests are about.
 */
export async function pastOrder(db: Db, customerId: number, lines: { skuId: number; quantity: number }[], status: OrderStatus = 'paid'): Promise<void> {
  const facts = await db
    .select({ skuId: skus.id, productId: products.id, teamId: products.teamId, title: products.title, code: skus.code, priceFen: skus.priceFen })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(inArray(skus.id, lines.map((line) => line.skuId)));
  const itemsFen = lines.reduce((sum, line) => sum + facts.find((fact) => fact.skuId === line.skuId)!.priceFen * line.quantity, 0);
  const [order] = await db
    .insert(orders)
    .values({
      orderNo: `T${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      customerId,
      idempotencyKey: randomUUID(),
      requestHash: 'test',
      status,
      deliveryMethod: 'pickup',
      itemsFen,
      shippingFen: 0,
      totalFen: itemsFen,
      expiresAt: new Date(Date.now() + 30 * 60_000),
    })
    .returning({ id: orders.id });
  await db.insert(orderItems).values(
    lines.map((line) => {
      const fact = facts.find((candidate) => candidate.skuId === line.skuId)!;
      return {
        orderId: order!.id,
        skuId: line.skuId,
        productId: fact.productId,
        teamId: fact.teamId,
        title: fact.title,
        skuCode: fact.code,
        unitPriceFen: fact.priceFen,
        quantity: line.quantity,
        lineFen: fact.priceFen * line.quantity,
      };
    }),
  );
}

/** The customer's cart rows as stored: a refused request must leave them exactly so. */
export async function cartSnapshot(db: Db, userId: number): Promise<string> {
  return JSON.stringify(await db.select().from(cartItems).where(eq(cartItems.userId, userId)).orderBy(asc(cartItems.skuId)));
}
