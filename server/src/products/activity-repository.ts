import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { ProductActivityAction } from '@qiaodu/shared';
import type { Attribution } from '../audit/attribution';
import type { PriceChangePlan } from './sku-plan';

const { productActivity, skuPriceChanges, skus, users } = schema;

type Executor = Db | Tx;

/** One line of the product's trail: who did what, in which shift. */
export async function insertActivity(
  tx: Tx,
  entry: { productId: number; teamId: number; action: ProductActivityAction; comment?: string; by: Attribution; now: Date },
): Promise<void> {
  await tx.insert(productActivity).values({
    productId: entry.productId,
    teamId: entry.teamId,
    action: entry.action,
    comment: entry.comment ?? '',
    actorId: entry.by.actorId,
    shiftId: entry.by.shiftId,
    createdAt: entry.now,
  });
}

export async function insertPriceChanges(
  tx: Tx,
  productId: number,
  changes: readonly PriceChangePlan[],
  by: Attribution,
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await tx.insert(skuPriceChanges).values(
    changes.map((change) => ({
      skuId: change.skuId,
      productId,
      fromFen: change.fromFen,
      toFen: change.toFen,
      fromOriginalFen: change.fromOriginalFen,
      toOriginalFen: change.toOriginalFen,
      actorId: by.actorId,
      shiftId: by.shiftId,
      createdAt: now,
    })),
  );
}

const activityColumns = {
  productId: productActivity.productId,
  action: productActivity.action,
  comment: productActivity.comment,
  shiftId: productActivity.shiftId,
  at: productActivity.createdAt,
  actorId: productActivity.actorId,
  actorName: users.displayName,
};

/** The newest entries first. */
export async function findActivity(executor: Executor, productId: number, limit: number) {
  return executor
    .select(activityColumns)
    .from(productActivity)
    .leftJoin(users, eq(users.id, productActivity.actorId))
    .where(eq(productActivity.productId, productId))
    .orderBy(desc(productActivity.id))
    .limit(limit);
}
export type ActivityRow = Awaited<ReturnType<typeof findActivity>>[number];

/** The newest changes first, with the SKU's current code. */
export async function findPriceHistory(executor: Executor, productId: number, limit: number) {
  return executor
    .select({
      skuId: skuPriceChanges.skuId,
      skuCode: skus.code,
      fromFen: skuPriceChanges.fromFen,
      toFen: skuPriceChanges.toFen,
      fromOriginalFen: skuPriceChanges.fromOriginalFen,
      toOriginalFen: skuPriceChanges.toOriginalFen,
      at: skuPriceChanges.createdAt,
      actorId: skuPriceChanges.actorId,
      actorName: users.displayName,
    })
    .from(skuPriceChanges)
    .innerJoin(skus, eq(skus.id, skuPriceChanges.skuId))
    .leftJoin(users, eq(users.id, skuPriceChanges.actorId))
    .where(eq(skuPriceChanges.productId, productId))
    .orderBy(desc(skuPriceChanges.id))
    .limit(limit);
}
export type PriceHistoryRow = Awaited<ReturnType<typeof findPriceHistory>>[number];

/** Each product's latest entry of these actions (one query for a whole page of products). */
export async function findLatestActivity(
  executor: Executor,
  productIds: readonly number[],
  actions: readonly ProductActivityAction[],
): Promise<Map<number, ActivityRow>> {
  if (productIds.length === 0) return new Map();
  const rows = await executor
    .selectDistinctOn([productActivity.productId], activityColumns)
    .from(productActivity)
    .leftJoin(users, eq(users.id, productActivity.actorId))
    .where(and(inArray(productActivity.productId, [...productIds]), inArray(productActivity.action, [...actions])))
    .orderBy(asc(productActivity.productId), desc(productActivity.id));
  return new Map(rows.map((row) => [row.productId, row]));
}

export const REVIEW_ACTIONS = ['approved', 'rejected'] as const satisfies readonly ProductActivityAction[];
