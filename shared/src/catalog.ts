import { z } from 'zod';
import { HERITAGE_LEVELS, PARTNER_KINDS, PRODUCT_SORTS, PRODUCT_STATUSES } from './enums';
import { PRODUCT_PAGE_SIZE_MAX, SEARCH_TEXT_MAX } from './limits';
import { Fen, Id, ImageRef, PlainText, QueryBoolean, QueryFen, Timestamp } from './primitives';


export const ProductListQuery = z
  .object({
    page: z.coerce
      .number({ error: '页码必须是正整数' })
      .int({ error: '页码必须是正整数' })
      .min(1, { error: '页码必须是正整数' })
      .max(10_000, { error: '页码超出范围' })
      .default(1),
    pageSize: z.coerce
      .number({ error: '每页数量必须是整数' })
      .int({ error: '每页数量必须是整数' })
      .min(1, { error: '每页数量至少为 1' })
      .max(PRODUCT_PAGE_SIZE_MAX, { error: `每页数量不能超过 ${PRODUCT_PAGE_SIZE_MAX}` })
      .default(20),
    sort: z.enum(PRODUCT_SORTS, { error: '不支持的排序方式' }).default('newest'),
    category: Id.optional(),
    partner: Id.optional(),
    partnerKind: z.enum(PARTNER_KINDS, { error: '不支持的合作伙伴类型' }).optional(),
    heritage: QueryBoolean.optional(),
    q: PlainText.pipe(
      z
        .string()
        .trim()
        .max(SEARCH_TEXT_MAX, { error: `搜索词不能超过 ${SEARCH_TEXT_MAX} 个字` }),
    )
      .optional()
      .transform((value) => (value ? value : undefined)),
    minPriceFen: QueryFen.optional(),
    maxPriceFen: QueryFen.optional(),
  })
  .refine(
    (query) =>
      query.minPriceFen === undefined ||
      query.maxPriceFen === undefined ||
      query.minPriceFen <= query.maxPriceFen,
    { message: '最低价不能高于最高价', path: ['minPriceFen'] },
  );
export type ProductListQuery = z.infer<typeof ProductListQuery>;
export type ProductListQueryInput = z.input<typeof ProductListQuery>;

export const PartnerBrief = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(PARTNER_KINDS),
});
export type PartnerBrief = z.infer<typeof PartnerBrief>;

export const ProductSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  subtitle: z.string(),
  cover: ImageRef.nullable(),
  priceFen: Fen,
  originalPriceFen: Fen.nullable(),
  salesCount: z.number().int(),
  soldOut: z.boolean(),
  heritageLevel: z.enum(HERITAGE_LEVELS).nullable(),
  categoryId: z.number().int(),
  partner: PartnerBrief,
});
export type ProductSummary = z.infer<typeof ProductSummary>;

export const ProductListResponse = z.object({
  items: z.array(ProductSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ProductListResponse = z.infer<typeof ProductListResponse>;

export const SpecValue = z.object({ name: z.string(), value: z.string() });
export type SpecValue = z.infer<typeof SpecValue>;

export const Sku = z.object({
  id: z.number().int(),
  code: z.string(),
  specs: z.array(SpecValue),
  priceFen: Fen,
  originalPriceFen: Fen.nullable(),
  stockAvailable: z.number().int(),
  soldOut: z.boolean(),
});
export type Sku = z.infer<typeof Sku>;

export const SpecOption = z.object({ name: z.string(), values: z.array(z.string()) });
export type SpecOption = z.infer<typeof SpecOption>;

export const DescriptionBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: z.string() }),
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image'), url: z.string(), alt: z.string() }),
]);
export type DescriptionBlock = z.infer<typeof DescriptionBlock>;

export const HeritageProvenance = z.object({
  level: z.enum(HERITAGE_LEVELS),
  craft: z.string(),
  inheritor: z.string(),
  region: z.string(),
  story: z.string(),
});
export type HeritageProvenance = z.infer<typeof HeritageProvenance>;

export const PartnerCard = PartnerBrief.extend({
  region: z.string(),
  intro: z.string(),
  logo: ImageRef.nullable(),
});
export type PartnerCard = z.infer<typeof PartnerCard>;

export const ProductDetail = z.object({
  id: z.number().int(),
  title: z.string(),
  subtitle: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  images: z.array(ImageRef),
  description: z.array(DescriptionBlock),
  priceFen: Fen,
  originalPriceFen: Fen.nullable(),
  salesCount: z.number().int(),
  soldOut: z.boolean(),
  specOptions: z.array(SpecOption),
  skus: z.array(Sku),
  heritage: HeritageProvenance.nullable(),
  partner: PartnerCard,
  category: z.object({ id: z.number().int(), name: z.string(), parentId: z.number().int().nullable() }),
  team: z.object({ id: z.number().int(), name: z.string() }),
  /** 限购: units one customer may buy over all their orders; null: no limit. */
  purchaseLimit: z.number().int().nullable(),
  updatedAt: Timestamp,
});
export type ProductDetail = z.infer<typeof ProductDetail>;

export interface CategoryNode {
  id: number;
  name: string;
  icon: ImageRef | null;
  parentId: number | null;
  children: CategoryNode[];
}
export const CategoryNode: z.ZodType<CategoryNode> = z.lazy(() =>
  z.object({
    id: z.number().int(),
    name: z.string(),
    icon: ImageRef.nullable(),
    parentId: z.number().int().nullable(),
    children: z.array(CategoryNode),
  }),
);

export const CategoryListResponse = z.object({ items: z.array(CategoryNode) });
export type CategoryListResponse = z.infer<typeof CategoryListResponse>;

export const PartnerDetail = PartnerCard.extend({
  story: z.string(),
  heritageLevel: z.enum(HERITAGE_LEVELS).nullable(),
  craft: z.string().nullable(),
  productCount: z.number().int(),
  teams: z.array(z.object({ id: z.number().int(), name: z.string() })),
});
export type PartnerDetail = z.infer<typeof PartnerDetail>;
