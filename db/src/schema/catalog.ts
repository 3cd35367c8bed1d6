import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  HERITAGE_LEVELS,
  PARTNER_KINDS,
  PRODUCT_IMAGE_KINDS,
  PRODUCT_STATUSES,
  type ProductImageKind,
  type DescriptionBlock,
  type HeritageLevel,
  type PartnerKind,
  type ProductStatus,
  type SpecValue,
} from '@qiaodu/shared';
import { createdAt, sqlList, updatedAt } from './columns';

export const partners = pgTable(
  'partners',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    kind: text('kind').$type<PartnerKind>().notNull(),
    name: text('name').notNull(),
    region: text('region').notNull(),
    intro: text('intro').notNull().default(''),
    story: text('story').notNull().default(''),
    logoUrl: text('logo_url'),
    heritageLevel: text('heritage_level').$type<HeritageLevel>(),
    craft: text('craft'),
    // Contact details are for staff; the public mapper never sends them.
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('partners_slug_key').on(t.slug),
    check('partners_kind_check', sql`${t.kind} in (${sqlList(PARTNER_KINDS)})`),
    check('partners_heritage_level_check', sql`${t.heritageLevel} is null or ${t.heritageLevel} in (${sqlList(HERITAGE_LEVELS)})`),
  ],
);

export const teams = pgTable(
  'teams',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('teams_slug_key').on(t.slug)],
);

/** Which partners' goods a team runs. */
export const teamPartners = pgTable(
  'team_partners',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.partnerId] }), index('team_partners_partner_idx').on(t.partnerId)],
);

/** A tree of at most two levels; a trigger in the migrations refuses a third. */
export const categories = pgTable(
  'categories',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => categories.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    iconUrl: text('icon_url'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('categories_slug_key').on(t.slug),
    index('categories_parent_idx').on(t.parentId),
    check('categories_not_own_parent', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

export const products = pgTable(
  'products',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'restrict' }),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'restrict' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    subtitle: text('subtitle').notNull().default(''),
    description: jsonb('description').$type<DescriptionBlock[]>().notNull().default([]),
    status: text('status').$type<ProductStatus>().notNull().default('draft'),
    heritageLevel: text('heritage_level').$type<HeritageLevel>(),
    heritageCraft: text('heritage_craft'),
    heritageInheritor: text('heritage_inheritor'),
    heritageRegion: text('heritage_region'),
    heritageStory: text('heritage_story'),
    // Kept by the sku trigger in the migrations, so lists sort and filter without aggregating.
    minPriceFen: integer('min_price_fen').notNull().default(0),
    minPriceOriginalFen: integer('min_price_original_fen'),
    salesCount: integer('sales_count').notNull().default(0),
    stockAvailable: integer('stock_available').notNull().default(0),
    /** 限购: units one customer may buy over all their orders; null: no limit. */
    purchaseLimit: integer('purchase_limit'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('products_slug_key').on(t.slug),
    index('products_status_published_idx').on(t.status, t.publishedAt),
    index('products_category_idx').on(t.categoryId),
    index('products_partner_idx').on(t.partnerId),
    index('products_team_idx').on(t.teamId),
    check('products_status_check', sql`${t.status} in (${sqlList(PRODUCT_STATUSES)})`),
    check('products_heritage_level_check', sql`${t.heritageLevel} is null or ${t.heritageLevel} in (${sqlList(HERITAGE_LEVELS)})`),
    check(
      'products_heritage_complete',
      sql`${t.heritageLevel} is null or (${t.heritageCraft} is not null and ${t.heritageInheritor} is not null and ${t.heritageRegion} is not null and ${t.heritageStory} is not null)`,
    ),
    check('products_title_not_blank', sql`length(btrim(${t.title})) > 0`),
    check('products_min_price_nonneg', sql`${t.minPriceFen} >= 0`),
    check('products_stock_nonneg', sql`${t.stockAvailable} >= 0`),
    check('products_sales_nonneg', sql`${t.salesCount} >= 0`),
    check('products_purchase_limit_range', sql`${t.purchaseLimit} is null or ${t.purchaseLimit} between 1 and 999`),
  ],
);

export const productImages = pgTable(
  'product_images',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ProductImageKind>().notNull().default('gallery'),
    position: integer('position').notNull(),
    /** The detail size; seeded pictures have only this one. */
    url: text('url').notNull(),
    feedUrl: text('feed_url'),
    zoomUrl: text('zoom_url'),
    /** Where an uploaded picture's files live in media storage; null for seeded pictures. */
    storageKey: text('storage_key'),
    width: integer('width'),
    height: integer('height'),
    alt: text('alt').notNull().default(''),
    createdBy: integer('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('product_images_position_key').on(t.productId, t.kind, t.position),
    check('product_images_kind_check', sql`${t.kind} in (${sqlList(PRODUCT_IMAGE_KINDS)})`),
  ],
);

export const skus = pgTable(
  'skus',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    specs: jsonb('specs').$type<SpecValue[]>().notNull().default([]),
    position: integer('position').notNull().default(0),
    priceFen: integer('price_fen').notNull(),
    originalPriceFen: integer('original_price_fen'),
    /** The ledger's sum (stock_movements), kept in the same transaction as every movement. */
    stockAvailable: integer('stock_available').notNull().default(0),
    salesCount: integer('sales_count').notNull().default(0),
    weightGrams: integer('weight_grams').notNull().default(0),
    /** At or below this the SKU is on the team's low-stock list. */
    lowStockThreshold: integer('low_stock_threshold').notNull().default(5),
    /** Moving average of received unit costs; null until a receipt with a cost. */
    unitCostFen: integer('unit_cost_fen'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('skus_code_key').on(t.code),
    // Codes are read aloud and typed on phones: BAG-S and bag-s are the same code to people.
    uniqueIndex('skus_code_upper_key').on(sql`upper(${t.code})`),
    check('skus_weight_nonneg', sql`${t.weightGrams} >= 0`),
    check('skus_low_stock_threshold_nonneg', sql`${t.lowStockThreshold} >= 0`),
    check('skus_unit_cost_nonneg', sql`${t.unitCostFen} is null or ${t.unitCostFen} >= 0`),
    index('skus_product_idx').on(t.productId),
    check('skus_price_nonneg', sql`${t.priceFen} >= 0`),
    check('skus_original_price_nonneg', sql`${t.originalPriceFen} is null or ${t.originalPriceFen} >= 0`),
    check('skus_stock_nonneg', sql`${t.stockAvailable} >= 0`),
    check('skus_sales_nonneg', sql`${t.salesCount} >= 0`),
    check('skus_code_format', sql`${t.code} ~ '^[A-Za-z0-9_-]{1,64}$'`),
  ],
);
