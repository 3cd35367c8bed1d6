import { isApiError } from '../api/http';

/** What went wrong with which lines when an order could not be placed, for marking them. */
export interface PlacementProblem {
  /** The server's own words (已说明哪件、剩几件). */
  message: string;
  /** Units still available per SKU (OUT_OF_STOCK). */
  available: Map<number, number>;
  /** SKUs that went off sale or no longer exist (SKU_UNAVAILABLE). */
  unavailable: Set<number>;
  /** The product whose 限购 the order would break (PURCHASE_LIMIT_EXCEEDED). */
  overLimitProductId: number | null;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : [];
}

/**
 * Reads the details of the stock and 限购 refusals of `POST /api/orders`; null for any other
 * error (those are shown as they come).
 */
export function placementProblem(error: unknown): PlacementProblem | null {
  if (!isApiError(error)) return null;
  if (error.code !== 'OUT_OF_STOCK' && error.code !== 'SKU_UNAVAILABLE' && error.code !== 'PURCHASE_LIMIT_EXCEEDED') return null;
  const details = record(error.details);
  const problem: PlacementProblem = { message: error.message, available: new Map(), unavailable: new Set(), overLimitProductId: null };
  if (error.code === 'OUT_OF_STOCK' && Array.isArray(details?.skus)) {
    for (const entry of details.skus) {
      const sku = record(entry);
      if (typeof sku?.skuId === 'number' && typeof sku.available === 'number') problem.available.set(sku.skuId, sku.available);
    }
  }
  if (error.code === 'SKU_UNAVAILABLE') for (const skuId of numbers(details?.skuIds)) problem.unavailable.add(skuId);
  if (error.code === 'PURCHASE_LIMIT_EXCEEDED' && typeof details?.productId === 'number') problem.overLimitProductId = details.productId;
  return problem;
}

/** The words under one line of the order when the placement refused it, or ''. */
export function lineProblemText(problem: PlacementProblem | null, line: { skuId: number; productId: number }): string {
  if (!problem) return '';
  const available = problem.available.get(line.skuId);
  if (available !== undefined) return available > 0 ? `库存不足，仅剩 ${available} 件` : '已售罄';
  if (problem.unavailable.has(line.skuId)) return '已下架或规格不存在';
  if (problem.overLimitProductId === line.productId) return '超出限购数量';
  return '';
}

/** Failures after which the order may or may not exist: the same key must be sent again. */
export function isUncertainFailure(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.status === 0 || error.status >= 500;
}
