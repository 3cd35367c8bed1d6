import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  ADJUST_REASONS,
  PRODUCT_ACTIVITY_ACTIONS,
  STOCK_COUNT_STATUSES,
  STOCK_MOVEMENT_TYPES,
  type AdjustReason,
  type ProductActivityAction,
  type StockCountStatus,
  type StockMovementType,
} from '@qiaodu/shared';
import { users } from './accounts';
import { partners, products, skus, teams } from './catalog';
import { createdAt, sqlList } from './columns';
import { orders } from './orders';
import { shifts } from './shifts';

const at = (name: string) => timestamp(name, { withTimezone: true });
/** Who did it: kept when the person's account goes (the ledger outlives accounts). */
const actor = (name = 'actor_id') => integer(name).references(() => users.id, { onDelete: 'set null' });
/** The operations shift the actor was clocked into; null: done outside any shift (marked so). */
const shiftId = () => integer('shift_id').references(() => shifts.id, { onDelete: 'restrict' });

/**
 * The stock ledger: every change to a SKU's available stock is one row, never updated or
 * deleted. `skus.stock_available` is this table's sum per SKU, written in the same transaction
 * by the inventory service; `balance_after` is the SKU's stock right after the row.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'restrict' }),
    /** Denormalised from the SKU's product, so team ledgers filter without joins. */
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'restrict' }),
    type: text('type').$type<StockMovementType>().notNull(),
    quantity: integer('quantity').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    reason: text('reason').$type<AdjustReason>(),
    note: text('note').notNull().default(''),
    unitCostFen: integer('unit_cost_fen'),
    partnerId: integer('partner_id').references(() => partners.id, { onDelete: 'restrict' }),
    stockCountId: integer('stock_count_id').references(() => stockCounts.id, { onDelete: 'restrict' }),
    /** The order behind reserve/release/sell/return rows. */
    orderId: integer('order_id').references((): AnyPgColumn => orders.id, { onDelete: 'restrict' }),
    actorId: actor(),
    shiftId: shiftId(),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_movements_sku_idx').on(t.skuId, t.id),
    index('stock_movements_team_idx').on(t.teamId, t.createdAt),
    index('stock_movements_count_idx').on(t.stockCountId),
    index('stock_movements_order_idx').on(t.orderId),
    check('stock_movements_type_check', sql`${t.type} in (${sqlList(STOCK_MOVEMENT_TYPES)})`),
    check('stock_movements_balance_nonneg', sql`${t.balanceAfter} >= 0`),
    check('stock_movements_quantity_nonzero', sql`${t.quantity} <> 0`),
    check(
      'stock_movements_reason_check',
      sql`(${t.type} = 'adjust') = (${t.reason} is not null) and (${t.reason} is null or ${t.reason} in (${sqlList(ADJUST_REASONS)}))`,
    ),
    check('stock_movements_receive_shape', sql`${t.type} <> 'receive' or (${t.quantity} > 0 and ${t.unitCostFen} is not null and ${t.unitCostFen} >= 0)`),
    check('stock_movements_count_shape', sql`(${t.type} = 'count') = (${t.stockCountId} is not null)`),
    // Shift evidence: what was done in a shift is read by these.
    index('stock_movements_shift_idx').on(t.shiftId).where(sql`${t.shiftId} is not null`),
  ],
);

/** A stock count (盘点): the lead opens it over some or all SKUs and approves it when entered. */
export const stockCounts = pgTable(
  'stock_counts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'restrict' }),
    status: text('status').$type<StockCountStatus>().notNull().default('open'),
    note: text('note').notNull().default(''),
    startedBy: actor('started_by'),
    startedAt: at('started_at').notNull().defaultNow(),
    closedBy: actor('closed_by'),
    closedAt: at('closed_at'),
    /** Kept at approval: lines whose count matched the system, out of lines counted. */
    matchedCount: integer('matched_count'),
    countedCount: integer('counted_count'),
    accuracyPermille: integer('accuracy_permille'),
    varianceUnits: integer('variance_units'),
    /** The shift of the one who started the count. */
    shiftId: shiftId(),
    /** The shift of the one who closed (approved or cancelled) it: grading credits the closer's shift. */
    closedShiftId: integer('closed_shift_id').references(() => shifts.id, { onDelete: 'restrict' }),
  },
  (t) => [
    index('stock_counts_team_idx').on(t.teamId, t.startedAt),
    // One count at a time per team: two open counts over the same shelf would post twice.
    uniqueIndex('stock_counts_one_open_per_team').on(t.teamId).where(sql`${t.status} = 'open'`),
    check('stock_counts_status_check', sql`${t.status} in (${sqlList(STOCK_COUNT_STATUSES)})`),
    check('stock_counts_accuracy_range', sql`${t.accuracyPermille} is null or ${t.accuracyPermille} between 0 and 1000`),
    // Shift evidence: what was done in a shift is read by these.
    index('stock_counts_shift_idx').on(t.shiftId).where(sql`${t.shiftId} is not null`),
    index('stock_counts_closed_shift_idx').on(t.closedShiftId).where(sql`${t.closedShiftId} is not null`),
  ],
);

export const stockCountLines = pgTable(
  'stock_count_lines',
  {
    stockCountId: integer('stock_count_id')
      .notNull()
      .references(() => stockCounts.id, { onDelete: 'cascade' }),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    /** The system's stock at the moment the count was entered; the variance is against it. */
    expectedQuantity: integer('expected_quantity'),
    countedQuantity: integer('counted_quantity'),
    countedBy: actor('counted_by'),
    countedAt: at('counted_at'),
    shiftId: shiftId(),
  },
  (t) => [
    primaryKey({ columns: [t.stockCountId, t.skuId] }),
    index('stock_count_lines_sku_idx').on(t.skuId),
    // Shift evidence: the lines a student counted in a shift.
    index('stock_count_lines_shift_idx').on(t.shiftId).where(sql`${t.shiftId} is not null`),
    check('stock_count_lines_counted_nonneg', sql`${t.countedQuantity} is null or ${t.countedQuantity} >= 0`),
  ],
);

/** What happened to a product in the console, by whom and in which shift (evidence for grading). */
export const productActivity = pgTable(
  'product_activity',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'restrict' }),
    action: text('action').$type<ProductActivityAction>().notNull(),
    comment: text('comment').notNull().default(''),
    actorId: actor(),
    shiftId: shiftId(),
    createdAt: createdAt(),
  },
  (t) => [
    index('product_activity_product_idx').on(t.productId, t.id),
    index('product_activity_team_idx').on(t.teamId, t.createdAt),
    check('product_activity_action_check', sql`${t.action} in (${sqlList(PRODUCT_ACTIVITY_ACTIONS)})`),
    // Shift evidence: what was done in a shift is read by these.
    index('product_activity_shift_idx').on(t.shiftId).where(sql`${t.shiftId} is not null`),
  ],
);

/** Every change of a SKU's price or original price, kept for the team and the teacher. */
export const skuPriceChanges = pgTable(
  'sku_price_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    fromFen: integer('from_fen').notNull(),
    toFen: integer('to_fen').notNull(),
    fromOriginalFen: integer('from_original_fen'),
    toOriginalFen: integer('to_original_fen'),
    actorId: actor(),
    shiftId: shiftId(),
    createdAt: createdAt(),
  },
  (t) => [index('sku_price_changes_product_idx').on(t.productId, t.id)],
);
