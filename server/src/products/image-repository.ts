import { and, asc, count, eq, isNotNull, sql } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { ProductImageKind } from '@qiaodu/shared';

const { productImages } = schema;

type Executor = Db | Tx;

/** Gallery pictures first, each kind in its display order. */
export async function findImages(executor: Executor, productId: number) {
  return executor
    .select()
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.kind), asc(productImages.position), asc(productImages.id));
}
export type ImageRow = Awaited<ReturnType<typeof findImages>>[number];

export async function countImages(executor: Executor, productId: number): Promise<Record<ProductImageKind, number>> {
  const rows = await executor
    .select({ kind: productImages.kind, n: count() })
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .groupBy(productImages.kind);
  const counts: Record<ProductImageKind, number> = { gallery: 0, description: 0 };
  for (const row of rows) counts[row.kind] = row.n;
  return counts;
}

export interface NewImage {
  productId: number;
  kind: ProductImageKind;
  position: number;
  url: string;
  feedUrl: string;
  zoomUrl: string;
  storageKey: string;
  width: number;
  height: number;
  alt: string;
  createdBy: number;
  now: Date;
}

export async function insertImage(tx: Tx, image: NewImage): Promise<ImageRow> {
  const { now, ...values } = image;
  const [row] = await tx
    .insert(productImages)
    .values({ ...values, createdAt: now })
    .returning();
  if (!row) throw new Error('insert into product_images returned no row');
  return row;
}

export async function deleteImage(tx: Tx, imageId: number): Promise<void> {
  await tx.delete(productImages).where(eq(productImages.id, imageId));
}

/**
 * Gives the pictures of one kind the positions 0..n-1 in the order of `orderedIds`. The unique
 * index on (product, kind, position) is checked row by row, so the positions first move to
 * distinct negative numbers, out of the way of the final ones.
 */
export async function renumber(tx: Tx, productId: number, kind: ProductImageKind, orderedIds: readonly number[]): Promise<void> {
  if (orderedIds.length === 0) return;
  const ofKind = and(eq(productImages.productId, productId), eq(productImages.kind, kind));
  await tx
    .update(productImages)
    .set({ position: sql`-1 - ${productImages.position}` })
    .where(ofKind);
  const cases = sql.join(
    orderedIds.map((id, position) => sql`when ${id}::integer then ${position}::integer`),
    sql` `,
  );
  await tx
    .update(productImages)
    .set({ position: sql`case ${productImages.id} ${cases} end` })
    .where(ofKind);
}

/** Files of every uploaded picture of the product (seeded pictures have none). */
export async function findStorageKeys(executor: Executor, productId: number): Promise<string[]> {
  const rows = await executor
    .select({ storageKey: productImages.storageKey })
    .from(productImages)
    .where(and(eq(productImages.productId, productId), isNotNull(productImages.storageKey)));
  return rows.flatMap((row) => (row.storageKey ? [row.storageKey] : []));
}
