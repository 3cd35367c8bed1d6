import { PARTNER_KINDS, PRODUCT_SORTS, QUERY_FEN_MAX, SEARCH_TEXT_MAX } from '@qiaodu/shared';
import type { PartnerKind, ProductSort } from '@qiaodu/shared';
import type { LocationQuery } from 'vue-router';
import type { ProductListParams } from '../api/catalog';

/** The search page's state. It lives in the URL so that back, reload and shared links restore it. */
export interface SearchFilters {
  q?: string;
  category?: number;
  partnerKind?: PartnerKind;
  heritage?: boolean;
  sort: ProductSort;
  minPriceFen?: number;
  maxPriceFen?: number;
}

export const DEFAULT_SORT: ProductSort = 'newest';

function first(value: LocationQuery[string] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text : undefined;
}

function positiveInt(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= 2_147_483_647 ? value : undefined;
}

function fen(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= QUERY_FEN_MAX ? value : undefined;
}

function oneOf<T extends string>(values: readonly T[], text: string | undefined): T | undefined {
  return values.find((value) => value === text);
}

/** Lenient: a hand-edited or outdated link drops what it cannot use instead of failing. */
export function parseSearchQuery(query: LocationQuery): SearchFilters {
  const filters: SearchFilters = { sort: oneOf(PRODUCT_SORTS, first(query.sort)) ?? DEFAULT_SORT };
  const q = first(query.q)?.trim().slice(0, SEARCH_TEXT_MAX);
  if (q) filters.q = q;
  const category = positiveInt(first(query.category));
  if (category !== undefined) filters.category = category;
  const partnerKind = oneOf(PARTNER_KINDS, first(query.partnerKind));
  if (partnerKind) filters.partnerKind = partnerKind;
  const heritage = first(query.heritage);
  if (heritage === 'true' || heritage === '1') filters.heritage = true;
  let min = fen(first(query.minPriceFen));
  let max = fen(first(query.maxPriceFen));
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  if (min !== undefined) filters.minPriceFen = min;
  if (max !== undefined) filters.maxPriceFen = max;
  return filters;
}

/** The URL query for some filters: defaults are left out so links stay short. */
export function toRouteQuery(filters: SearchFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.q) query.q = filters.q;
  if (filters.category !== undefined) query.category = String(filters.category);
  if (filters.partnerKind) query.partnerKind = filters.partnerKind;
  if (filters.heritage) query.heritage = 'true';
  if (filters.sort !== DEFAULT_SORT) query.sort = filters.sort;
  if (filters.minPriceFen !== undefined) query.minPriceFen = String(filters.minPriceFen);
  if (filters.maxPriceFen !== undefined) query.maxPriceFen = String(filters.maxPriceFen);
  return query;
}

export function toListParams(filters: SearchFilters): ProductListParams {
  const params: ProductListParams = { sort: filters.sort };
  if (filters.q) params.q = filters.q;
  if (filters.category !== undefined) params.category = filters.category;
  if (filters.partnerKind) params.partnerKind = filters.partnerKind;
  if (filters.heritage) params.heritage = true;
  if (filters.minPriceFen !== undefined) params.minPriceFen = filters.minPriceFen;
  if (filters.maxPriceFen !== undefined) params.maxPriceFen = filters.maxPriceFen;
  return params;
}

/** How many filters besides keyword and sort are active: the badge on the 筛选 button. */
export function countActiveFilters(filters: SearchFilters): number {
  let count = 0;
  if (filters.partnerKind) count += 1;
  if (filters.heritage) count += 1;
  if (filters.minPriceFen !== undefined || filters.maxPriceFen !== undefined) count += 1;
  return count;
}
