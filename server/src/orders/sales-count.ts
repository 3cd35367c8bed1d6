import type { Tx } from '@qiaodu/db';
import { sql } from 'drizzle-orm';

/**
 * skus.sales_count moves by whole orders: + at payment, − when units are refunded. One UPDATE
 * for all lines. The caller holds the ledger's locks (products, then SKUs): the product
 * aggregate trigger this fires locks the product row, and taking it after a SKU would invert
 * the shop's lock order.
 */
export async function addToSalesCounts(tx: Tx, lines: readonly { skuId: number; quantity: number }[], at: Date): Promise<void> {
  const changes = lines.filter((line) => line.quantity !== 0).map((line) => ({ id: line.skuId, q: line.quantity }));
  if (changes.length === 0) return;
  await tx.execute(sql`
    update skus s set sales_count = greatest(0, s.sales_count + d.q), updated_at = ${at.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as d(id integer, q integer)
    where s.id = d.id`);
}
