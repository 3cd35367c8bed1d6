import { z } from 'zod';
import { DescriptionBlock as PublicDescriptionBlock, HeritageProvenance, SpecValue } from './catalog';
import { HERITAGE_LEVELS, PRODUCT_STATUSES } from './enums';
import { PRODUCT_ACTIVITY_ACTIONS, PRODUCT_IMAGE_KINDS } from './inventory-enums';
import {
  DESCRIPTION_BLOCKS_MAX,
  DESCRIPTION_TEXT_MAX,
  HERITAGE_STORY_MAX,
  PRODUCT_SUBTITLE_MAX,
  PRODUCT_TITLE_MAX,
  PURCHASE_LIMIT_MAX,
  REVIEW_COMMENT_MAX,
  SEARCH_TEXT_MAX,
  SKUS_PER_PRODUCT_MAX,
  SPEC_TEXT_MAX,
  SPECS_PER_SKU_MAX,
} from './limits';
import { Fen, Id, PlainText, textRule, Timestamp } from './primitives';
import { priceFenProblem } from './stock-rules';
import { lengthProblem } from './text-rules';

const bounded = (label: string, min: number, max: number) =>
  textRule((text) => lengthProblem(text, label, min, max), { missing: `请填写${label}` });

/** A price in fen as staff set it: an integer from 0 to ¥1,000,000. */
export const PriceFen = z
  .number({ error: '价格必须是以分为单位的整数' })
  .superRefine((fen, ctx) => {
    const message = priceFenProblem(fen);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

export const TeamProductParams = z.object({ teamId: Id, productId: Id });
export const TeamProductImageParams = z.object({ teamId: Id, productId: Id, imageId: Id });

const PageQuery = {
  page: z.coerce.number({ error: '页码必须是正整数' }).int({ error: '页码必须是正整数' }).min(1, { error: '页码必须是正整数' }).max(10_000).default(1),
  pageSize: z.coerce.number({ error: '每页数量不正确' }).int({ error: '每页数量不正确' }).min(1).max(100, { error: '每页最多 100 条' }).default(20),
};
export { PageQuery as PAGE_QUERY_FIELDS };

export const SearchText = PlainText.pipe(z.string().trim().max(SEARCH_TEXT_MAX, { error: `搜索词最多 ${SEARCH_TEXT_MAX} 个字` }))
  .optional()
  .transform((value) => (value ? value : undefined));

export const TeamProductListQuery = z.strictObject({
  status: z.enum(PRODUCT_STATUSES, { error: '商品状态不正确' }).optional(),
  q: SearchText,
  ...PageQuery,
});

export const PersonRef = z.object({ id: z.number().int(), name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

/** One uploaded picture, processed into WebP sizes (seeded pictures have one size only). */
export const ConsoleImage = z.object({
  id: z.number().int(),
  kind: z.enum(PRODUCT_IMAGE_KINDS),
  position: z.number().int(),
  /** The detail size: what the product page shows. */
  url: z.string(),
  feedUrl: z.string(),
  zoomUrl: z.string(),
  alt: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});
export type ConsoleImage = z.infer<typeof ConsoleImage>;

export const ReviewNote = z.object({
  decision: z.enum(['approved', 'rejected']),
  comment: z.string(),
  reviewer: PersonRef,
  at: Timestamp,
});
export type ReviewNote = z.infer<typeof ReviewNote>;

export const ConsoleProductSummary = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  title: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  cover: z.string().nullable(),
  minPriceFen: Fen,
  stockAvailable: z.number().int(),
  salesCount: z.number().int(),
  skuCount: z.number().int(),
  lowStockSkuCount: z.number().int(),
  /** The latest review, so a rejected draft shows 已驳回 and why. */
  lastReview: ReviewNote.nullable(),
  updatedAt: Timestamp,
});
export type ConsoleProductSummary = z.infer<typeof ConsoleProductSummary>;

export const ConsoleProductList = z.object({
  items: z.array(ConsoleProductSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** How many of the team's products are in each status, for the filter tabs. */
  statusCounts: z.record(z.enum(PRODUCT_STATUSES), z.number().int()),
});
export type ConsoleProductList = z.infer<typeof ConsoleProductList>;

export const ConsoleSku = z.object({
  id: z.number().int(),
  code: z.string(),
  specs: z.array(SpecValue),
  priceFen: Fen,
  originalPriceFen: Fen.nullable(),
  weightGrams: z.number().int(),
  stockAvailable: z.number().int(),
  lowStockThreshold: z.number().int(),
  /** Moving average of received unit costs; null until the first receipt with a cost. */
  unitCostFen: Fen.nullable(),
});
export type ConsoleSku = z.infer<typeof ConsoleSku>;

export const PriceChange = z.object({
  skuId: z.number().int(),
  skuCode: z.string(),
  fromFen: Fen,
  toFen: Fen,
  fromOriginalFen: Fen.nullable(),
  toOriginalFen: Fen.nullable(),
  actor: PersonRef.nullable(),
  at: Timestamp,
});
export type PriceChange = z.infer<typeof PriceChange>;

export const ProductActivity = z.object({
  action: z.enum(PRODUCT_ACTIVITY_ACTIONS),
  actor: PersonRef.nullable(),
  comment: z.string(),
  /** The shift the actor was clocked into (the shifts issue fills it). */
  shiftId: z.number().int().nullable(),
  at: Timestamp,
});
export type ProductActivity = z.infer<typeof ProductActivity>;

export const ConsoleProductDetail = z.object({
  id: z.number().int(),
  team: z.object({ id: z.number().int(), name: z.string() }),
  title: z.string(),
  subtitle: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  categoryId: z.number().int(),
  partnerId: z.number().int(),
  description: z.array(PublicDescriptionBlock),
  heritage: HeritageProvenance.nullable(),
  /** 限购: units one customer may buy over all their orders; null: no limit. */
  purchaseLimit: z.number().int().nullable(),
  skus: z.array(ConsoleSku),
  images: z.array(ConsoleImage),
  descriptionImages: z.array(ConsoleImage),
  lastReview: ReviewNote.nullable(),
  activity: z.array(ProductActivity),
  priceHistory: z.array(PriceChange),
  publishedAt: Timestamp.nullable(),
  submittedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** What the caller may do now, so the console shows only buttons that work. */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    withdraw: z.boolean(),
    review: z.boolean(),
    takeOffShelf: z.boolean(),
    relist: z.boolean(),
    delete: z.boolean(),
  }),
});
export type ConsoleProductDetail = z.infer<typeof ConsoleProductDetail>;

const SpecText = (label: string) => bounded(label, 1, SPEC_TEXT_MAX);

export const SkuInput = z.strictObject({
  /** An existing SKU of this product; absent for a new one. */
  id: Id.optional(),
  code: z.string({ error: '请填写规格编码' }).regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '规格编码只能包含字母、数字、- 和 _，最多 64 位' }),
  specs: z
    .array(z.strictObject({ name: SpecText('规格名'), value: SpecText('规格值') }))
    .max(SPECS_PER_SKU_MAX, { error: `每个规格最多 ${SPECS_PER_SKU_MAX} 项属性` })
    .default([]),
  priceFen: PriceFen,
  originalPriceFen: PriceFen.nullable().default(null),
  weightGrams: z.number({ error: '重量必须是整数克' }).int({ error: '重量必须是整数克' }).min(0, { error: '重量不能为负数' }).max(100_000, { error: '重量不能超过 100 千克' }).default(0),
});
export type SkuInput = z.input<typeof SkuInput>;

export const DescriptionBlockInput = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('heading'), text: bounded('小标题', 1, 40) }),
    z.strictObject({ type: z.literal('text'), text: bounded('正文', 1, DESCRIPTION_TEXT_MAX) }),
    /** `url` must be one of this product's description pictures (uploaded with kind=description). */
    z.strictObject({ type: z.literal('image'), url: z.string().max(300), alt: bounded('图片说明', 0, 60).default('') }),
  ],
  { error: '描述段落的类型只能是小标题、正文或图片' },
);

export const HeritageInput = z.strictObject({
  level: z.enum(HERITAGE_LEVELS, { error: '请选择非遗级别' }),
  craft: bounded('技艺名称', 1, 40),
  inheritor: bounded('传承人', 1, 40),
  region: bounded('产地', 1, 40),
  story: bounded('非遗故事', 1, HERITAGE_STORY_MAX),
});

/** 限购 on a product: at most this many units per customer over all their orders; null: none. */
export const PurchaseLimit = z
  .number({ error: '限购数量必须是整数' })
  .int({ error: '限购数量必须是整数' })
  .min(1, { error: '限购数量至少为 1' })
  .max(PURCHASE_LIMIT_MAX, { error: `限购数量最多 ${PURCHASE_LIMIT_MAX}` })
  .nullable();

/** A product as its team writes it; PUT replaces every field (SKUs by id, new ones without). */
export const ProductInput = z
  .strictObject({
    title: bounded('商品名称', 1, PRODUCT_TITLE_MAX),
    subtitle: bounded('副标题', 0, PRODUCT_SUBTITLE_MAX).default(''),
    categoryId: Id,
    partnerId: Id,
    description: z.array(DescriptionBlockInput).max(DESCRIPTION_BLOCKS_MAX, { error: `描述最多 ${DESCRIPTION_BLOCKS_MAX} 段` }).default([]),
    heritage: HeritageInput.nullable().default(null),
    /**
     * 限购 per customer; absent or null: no limit (PUT replaces it like every other field). A
     * selling rule, not reviewed content: it may change while the product is on sale.
     */
    purchaseLimit: PurchaseLimit.default(null),
    skus: z
      .array(SkuInput)
      .min(1, { error: '至少需要一个规格' })
      .max(SKUS_PER_PRODUCT_MAX, { error: `最多 ${SKUS_PER_PRODUCT_MAX} 个规格` }),
  })
  .superRefine((product, ctx) => {
    const codes = new Set<string>();
    const combos = new Set<string>();
    const names = product.skus[0]?.specs.map((spec) => spec.name).join('|');
    product.skus.forEach((sku, index) => {
      const code = sku.code.toUpperCase();
      if (codes.has(code)) ctx.addIssue({ code: 'custom', message: '规格编码不能重复', path: ['skus', index, 'code'] });
      codes.add(code);
      const combo = sku.specs.map((spec) => `${spec.name}=${spec.value}`).join('|');
      if (combos.has(combo)) ctx.addIssue({ code: 'custom', message: '两个规格的属性完全相同', path: ['skus', index, 'specs'] });
      combos.add(combo);
      if (sku.specs.map((spec) => spec.name).join('|') !== names) {
        ctx.addIssue({ code: 'custom', message: '每个规格的属性名要一致（如都为“颜色、尺寸”）', path: ['skus', index, 'specs'] });
      }
      if (sku.originalPriceFen !== null && sku.originalPriceFen < sku.priceFen) {
        ctx.addIssue({ code: 'custom', message: '划线价不能低于售价', path: ['skus', index, 'originalPriceFen'] });
      }
    });
    const ids = product.skus.flatMap((sku) => (sku.id === undefined ? [] : [sku.id]));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', message: '规格重复', path: ['skus'] });
  });
export type ProductInput = z.input<typeof ProductInput>;

export const ReviewDecisionBody = z.strictObject({
  comment: bounded('审核意见', 0, REVIEW_COMMENT_MAX).default(''),
});
export const RejectBody = z.strictObject({
  comment: bounded('驳回理由', 1, REVIEW_COMMENT_MAX),
});

export const ReorderImagesBody = z.strictObject({
  imageIds: z.array(Id).min(1, { error: '请给出图片顺序' }).max(50),
});

export const ApprovalQueueItem = ConsoleProductSummary.extend({
  team: z.object({ id: z.number().int(), name: z.string() }),
  submittedAt: Timestamp,
  submittedBy: PersonRef.nullable(),
});
export const ApprovalQueue = z.object({ items: z.array(ApprovalQueueItem) });
export type ApprovalQueue = z.infer<typeof ApprovalQueue>;
