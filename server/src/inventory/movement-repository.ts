import { schema, type Db, type Tx } from '@qiaodu/db';
import type { StockMovementType } from '@qiaodu/shared';
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';

const { partners, products, skus, stockMovements, users } = schema;

type Executor = Db | Tx;

export interface MovementFilter {
  skuId?: number;
  type?: StockMovementType;
  /** Instants, already turned from China-time days into [from, until). */
  from?: Date;
  until?: Date;
  movementId?: number;
}

function movementConditions(teamId: number, filter: MovementFilter): SQL | undefined {
  return and(
    eq(stockMovements.teamId, teamId),
    filter.skuId === undefined ? undefined : eq(stockMovements.skuId, filter.skuId),
    filter.type === undefined ? undefined : eq(stockMovements.type, filter.type),
    filter.from === undefined ? undefined : gte(stockMovements.createdAt, filter.from),
    filter.until === undefined ? undefined : lt(stockMovements.createdAt, filter.until),
    filter.movementId === undefined ? undefined : eq(stockMovements.id, filter.movementId),
  );
}

/** Ledger rows of a team, newest first, with the SKU, product, partner and actor they name. */
export async function findMovements(db: Executor, teamId: number, filter: MovementFilter, page: { limit: number; offset: number }) {
  return db
    .select({
      id: stockMovements.id,
      type: stockMovements.type,
      skuId: skus.id,
      skuCode: skus.code,
      specs: skus.specs,
      productId: products.id,
      productTitle: products.title,
      quantity: stockMovements.quantity,
      balanceAfter: stockMovements.balanceAfter,
      reason: stockMovements.reason,
      note: stockMovements.note,
      unitCostFen: stockMovements.unitCostFen,
      partnerId: partners.id,
      partnerName: partners.name,
      stockCountId: stockMovements.stockCountId,
      actorId: users.id,
      actorName: users.displayName,
      shiftId: stockMovements.shiftId,
      createdAt: stockMovements.createdAt,
    })
    .from(stockMovements)
    .innerJoin(skus, eq(skus.id, stockMovements.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .leftJoin(partners, eq(partners.id, stockMovements.partnerId))
    .leftJoin(users, eq(users.id, stockMovements.actorId))
    .where(movementConditions(teamId, filter))
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(page.limit)
    .offset(page.offset);
}
export type MovementRow = Awaited<ReturnType<typeof findMovements>>[number];

export async function countMovements(db: Executor, teamId: number, filter: MovementFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(stockMovements).where(movementConditions(teamId, filter));
  return row?.n ?? 0;
}

export async function findMovement(db: Executor, teamId: number, movementId: number): Promise<MovementRow | undefined> {
  const [row] = await findMovements(db, teamId, { movementId }, { limit: 1, offset: 0 });
  return row;
}
