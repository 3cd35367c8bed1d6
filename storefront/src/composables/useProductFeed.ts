import { computed } from 'vue';
import type { MaybeRefOrGetter } from 'vue';
import { listProducts } from '../api/catalog';
import type { ProductList, ProductListParams } from '../api/catalog';
import type { CallOptions } from '../api/http';
import { usePagedList } from './usePagedList';

export type FetchProductPage = (params: ProductListParams, options: CallOptions) => Promise<ProductList>;

export interface ProductFeedOptions {
  pageSize?: number;
  /** Start loading the first page right away instead of waiting for van-list to ask. */
  immediate?: boolean;
  fetchPage?: FetchProductPage;
}

/**
 * The shop's product list for van-list (home, search, categories, partners): the paged list
 * keyed by product id, and how many products match the current filters once the first page
 * has said so.
 */
export function useProductFeed(query: MaybeRefOrGetter<ProductListParams>, options: ProductFeedOptions = {}) {
  const fetchPage = options.fetchPage ?? listProducts;
  const list = usePagedList(query, (params, signal) => fetchPage(params, { signal }), {
    pageSize: options.pageSize,
    immediate: options.immediate,
    key: (product) => product.id,
  });
  /** Unknown (null) until the first page of the current filters arrives. */
  const total = computed(() => (list.pages.value > 0 ? (list.last.value?.total ?? null) : null));
  return { ...list, total };
}

export type ProductFeed = ReturnType<typeof useProductFeed>;
