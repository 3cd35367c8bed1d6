import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { products, skus, stockMovements } from '../schema';
import { PRODUCTS } from './products';

/** Demo unit costs: what a partner charges the team, about 60 % of the shelf price. */
const DEMO_COST_SHARE = 0.6;
const OPENING_NOTE = '开业首批入库';

/**
 * Stock arrives the way real stock does: a receipt from the product's partner in the ledger,
 * with the SKU's cached stock set from it in the same transaction. Only SKUs without any ledger
 * row get one, so seeding again never moves stock that the shop has since sold or counted.
 */
export async function seedOpeningStock(tx: Tx, productIds: Map<string, number>): Promise<void> {
  const wanted = new Map(PRODUCTS.flatMap((p) => p.skus.map((sku) => [sku.code, sku] as const)));
  const fresh = await tx
    .select({ id: skus.id, code: skus.code, teamId: products.teamId, partnerId: products.partnerId })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(
      and(
        inArray(skus.productId, [...productIds.values()]),
        notExists(tx.select({ one: sql`1` }).from(stockMovements).where(eq(stockMovements.skuId, skus.id))),
      ),
    );
  for (const row of fresh) {
    const sku = wanted.get(row.code);
    if (!sku || sku.stock <= 0) continue;
    const unitCostFen = Math.round(sku.priceFen * DEMO_COST_SHARE);
    await tx
      .update(skus)
      .set({ stockAvailable: sku.stock, unitCostFen })
      .where(eq(skus.id, row.id));
    await tx.insert(stockMovements).values({
      skuId: row.id,
      teamId: row.teamId,
      type: 'receive',
      quantity: sku.stock,
      balanceAfter: sku.stock,
      unitCostFen,
      partnerId: row.partnerId,
      note: OPENING_NOTE,
    });
  }
}
