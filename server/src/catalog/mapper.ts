import type {
  CategoryNode,
  HeritageProvenance,
  PartnerCard,
  PartnerDetail,
  ProductDetail,
  ProductSummary,
  SpecOption,
  SpecValue,
} from '@qiaodu/shared';
import type { CategoryRow, PartnerDetailRow, ProductDetailRow, ProductListRow } from './repository';

/** Raw rows never leave the server: these mappers are the only way out of the catalog. */

function image(url: string | null, alt: string | null | undefined, fallbackAlt: string) {
  return url ? { url, alt: alt || fallbackAlt } : null;
}

export function toProductSummary(row: ProductListRow): ProductSummary {
  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    cover: image(row.coverUrl, row.coverAlt, row.title),
    priceFen: row.priceFen,
    originalPriceFen: row.originalPriceFen,
    salesCount: row.salesCount,
    soldOut: row.stockAvailable <= 0,
    heritageLevel: row.heritageLevel,
    categoryId: row.categoryId,
    partner: { id: row.partnerId, name: row.partnerName, kind: row.partnerKind },
  };
}

/** The picker's dimensions and values, in the order the SKUs first use them. */
export function specOptionsOf(skuSpecs: readonly SpecValue[][]): SpecOption[] {
  const options = new Map<string, string[]>();
  for (const specs of skuSpecs) {
    for (const { name, value } of specs) {
      const values = options.get(name) ?? [];
      if (!values.includes(value)) values.push(value);
      options.set(name, values);
    }
  }
  return [...options].map(([name, values]) => ({ name, values }));
}

/** A product's provenance columns, as both the shop's and the console's product rows carry them. */
type HeritageColumns = Pick<ProductDetailRow, 'heritageLevel' | 'heritageCraft' | 'heritageInheritor' | 'heritageRegion' | 'heritageStory'>;

export function heritageOf(row: HeritageColumns): HeritageProvenance | null {
  if (!row.heritageLevel) return null;
  return {
    level: row.heritageLevel,
    craft: row.heritageCraft ?? '',
    inheritor: row.heritageInheritor ?? '',
    region: row.heritageRegion ?? '',
    story: row.heritageStory ?? '',
  };
}

function partnerCardOf(partner: ProductDetailRow['partner']): PartnerCard {
  return {
    id: partner.id,
    name: partner.name,
    kind: partner.kind,
    region: partner.region,
    intro: partner.intro,
    logo: image(partner.logoUrl, partner.name, partner.name),
  };
}

export function toProductDetail(row: ProductDetailRow): ProductDetail {
  const cheapest = row.skus.reduce<ProductDetailRow['skus'][number] | undefined>(
    (best, sku) => (!best || sku.priceFen < best.priceFen ? sku : best),
    undefined,
  );
  return {
    id: row.id,
    title: row.title,
    subtitle: row.subtitle,
    status: row.status,
    images: row.images.map((img) => ({ url: img.url, alt: img.alt || row.title })),
    description: row.description,
    priceFen: cheapest?.priceFen ?? 0,
    originalPriceFen: cheapest?.originalPriceFen ?? null,
    salesCount: row.skus.reduce((sum, sku) => sum + sku.salesCount, 0),
    soldOut: row.skus.every((sku) => sku.stockAvailable <= 0),
    specOptions: specOptionsOf(row.skus.map((sku) => sku.specs)),
    skus: row.skus.map((sku) => ({
      id: sku.id,
      code: sku.code,
      specs: sku.specs,
      priceFen: sku.priceFen,
      originalPriceFen: sku.originalPriceFen,
      stockAvailable: sku.stockAvailable,
      soldOut: sku.stockAvailable <= 0,
    })),
    heritage: heritageOf(row),
    partner: partnerCardOf(row.partner),
    category: row.category,
    team: row.team,
    purchaseLimit: row.purchaseLimit,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toCategoryTree(rows: readonly CategoryRow[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>();
  for (const row of rows) {
    nodes.set(row.id, {
      id: row.id,
      name: row.name,
      icon: image(row.iconUrl, row.name, row.name),
      parentId: row.parentId,
      children: [],
    });
  }
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else if (node.parentId === null) roots.push(node);
  }
  return roots;
}

export function toPartnerDetail({ partner, productCount, teams }: PartnerDetailRow): PartnerDetail {
  return {
    ...partnerCardOf(partner),
    story: partner.story,
    heritageLevel: partner.heritageLevel,
    craft: partner.craft,
    productCount,
    teams,
  };
}
