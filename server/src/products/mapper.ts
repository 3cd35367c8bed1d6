import type {
  ConsoleImage,
  ConsoleProductDetail,
  ConsoleProductSummary,
  PersonRef,
  PriceChange,
  ProductActivity,
  ReviewNote,
} from '@qiaodu/shared';
import { heritageOf } from '../catalog/mapper';
import type { ActivityRow, PriceHistoryRow } from './activity-repository';
import type { ImageRow } from './image-repository';
import type { ProductSummaryRow, SubmittedRow } from './list-repository';
import type { ProductRow, SkuRow } from './repository';

/** Raw rows never leave the server: the console's products go out through these. */

function personOf(id: number | null, name: string | null): PersonRef | null {
  return id === null ? null : { id, name: name ?? '' };
}

export function toConsoleImage(row: ImageRow): ConsoleImage {
  return {
    id: row.id,
    kind: row.kind,
    position: row.position,
    // Seeded pictures come in one size, which then serves every size.
    url: row.url,
    feedUrl: row.feedUrl ?? row.url,
    zoomUrl: row.zoomUrl ?? row.url,
    alt: row.alt,
    width: row.width,
    height: row.height,
  };
}

export function toReviewNote(row: ActivityRow | undefined): ReviewNote | null {
  if (!row || (row.action !== 'approved' && row.action !== 'rejected')) return null;
  return {
    decision: row.action,
    comment: row.comment,
    // A review always has a reviewer; one whose account was erased is shown without a name.
    reviewer: personOf(row.actorId, row.actorName) ?? { id: 0, name: '' },
    at: row.at.toISOString(),
  };
}

function toActivity(row: ActivityRow): ProductActivity {
  return {
    action: row.action,
    actor: personOf(row.actorId, row.actorName),
    comment: row.comment,
    shiftId: row.shiftId,
    at: row.at.toISOString(),
  };
}

function toPriceChange(row: PriceHistoryRow): PriceChange {
  return {
    skuId: row.skuId,
    skuCode: row.skuCode,
    fromFen: row.fromFen,
    toFen: row.toFen,
    fromOriginalFen: row.fromOriginalFen,
    toOriginalFen: row.toOriginalFen,
    actor: personOf(row.actorId, row.actorName),
    at: row.at.toISOString(),
  };
}

export interface ProductDetailRows {
  product: ProductRow;
  teamName: string;
  skus: SkuRow[];
  images: ImageRow[];
  activity: ActivityRow[];
  priceHistory: PriceHistoryRow[];
  lastReview: ActivityRow | undefined;
}

export function toConsoleProductDetail(rows: ProductDetailRows, can: ConsoleProductDetail['can']): ConsoleProductDetail {
  const { product } = rows;
  return {
    id: product.id,
    team: { id: product.teamId, name: rows.teamName },
    title: product.title,
    subtitle: product.subtitle,
    status: product.status,
    categoryId: product.categoryId,
    partnerId: product.partnerId,
    description: product.description,
    heritage: heritageOf(product),
    purchaseLimit: product.purchaseLimit,
    skus: rows.skus.map((sku) => ({
      id: sku.id,
      code: sku.code,
      specs: sku.specs,
      priceFen: sku.priceFen,
      originalPriceFen: sku.originalPriceFen,
      weightGrams: sku.weightGrams,
      stockAvailable: sku.stockAvailable,
      lowStockThreshold: sku.lowStockThreshold,
      unitCostFen: sku.unitCostFen,
    })),
    images: rows.images.filter((image) => image.kind === 'gallery').map(toConsoleImage),
    descriptionImages: rows.images.filter((image) => image.kind === 'description').map(toConsoleImage),
    lastReview: toReviewNote(rows.lastReview),
    activity: rows.activity.map(toActivity),
    priceHistory: rows.priceHistory.map(toPriceChange),
    publishedAt: product.publishedAt?.toISOString() ?? null,
    submittedAt: product.submittedAt?.toISOString() ?? null,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    can,
  };
}

export function toConsoleProductSummary(row: ProductSummaryRow, lastReview: ActivityRow | undefined): ConsoleProductSummary {
  return {
    id: row.id,
    teamId: row.teamId,
    title: row.title,
    status: row.status,
    cover: row.coverUrl,
    minPriceFen: row.minPriceFen,
    stockAvailable: row.stockAvailable,
    salesCount: row.salesCount,
    skuCount: row.skuCount,
    lowStockSkuCount: row.lowStockSkuCount,
    lastReview: toReviewNote(lastReview),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toApprovalQueueItem(row: SubmittedRow, lastReview: ActivityRow | undefined, submission: ActivityRow | undefined) {
  return {
    ...toConsoleProductSummary(row, lastReview),
    team: { id: row.teamId, name: row.teamName },
    // Products submitted before submitted_at existed fall back to their last change.
    submittedAt: (row.submittedAt ?? row.updatedAt).toISOString(),
    submittedBy: submission ? personOf(submission.actorId, submission.actorName) : null,
  };
}
