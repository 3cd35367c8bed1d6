import type { ProductSummary } from '@qiaodu/shared';
import { computed, onScopeDispose, ref, shallowRef, toValue, watch } from 'vue';
import type { MaybeRefOrGetter } from 'vue';
import { listProducts } from '../api/catalog';
import type { ProductList, ProductListParams } from '../api/catalog';
import type { CallOptions } from '../api/http';
import { errorMessage, isAbortError } from '../api/http';

export type FetchProductPage = (params: ProductListParams, options: CallOptions) => Promise<ProductList>;

export interface ProductFeedOptions {
  pageSize?: number;
  /** Start loading the first page right away instead of waiting for van-list to ask. */
  immediate?: boolean;
  fetchPage?: FetchProductPage;
}

/** A stable key for a query object, so `{a, b}` and `{b, a}` count as the same filters. */
function queryKey(query: ProductListParams): string {
  return JSON.stringify(Object.entries(query).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A paginated product list for van-list: page increments, the finished state, errors with retry,
 * and a reset whenever the filters change. Each reset starts a new generation and aborts the old
 * request, so an answer for outdated filters can never land in the list.
 */
export function useProductFeed(query: MaybeRefOrGetter<ProductListParams>, options: ProductFeedOptions = {}) {
  const pageSize = options.pageSize ?? 20;
  const fetchPage = options.fetchPage ?? listProducts;

  const items = shallowRef<ProductSummary[]>([]);
  const total = ref<number | null>(null);
  /** Bound to van-list's v-model:loading; van-list sets it before it emits `load`. */
  const loading = ref(false);
  const finished = ref(false);
  /** Bound to van-list's v-model:error; van-list clears it when the customer taps to retry. */
  const error = ref(false);
  const errorText = ref('');

  let generation = 0;
  let page = 0;
  let inFlight = false;
  let controller: AbortController | null = null;

  async function loadMore(): Promise<void> {
    if (finished.value) {
      loading.value = false;
      return;
    }
    if (inFlight) return;
    const myGeneration = generation;
    const myController = new AbortController();
    controller = myController;
    inFlight = true;
    loading.value = true;
    error.value = false;
    const nextPage = page + 1;
    try {
      const result = await fetchPage({ ...toValue(query), page: nextPage, pageSize }, { signal: myController.signal });
      if (myGeneration !== generation) return;
      page = nextPage;
      // New products may shift pages under a "newest" sort; never show one twice.
      const seen = new Set(items.value.map((item) => item.id));
      items.value = [...items.value, ...result.items.filter((item) => !seen.has(item.id))];
      total.value = result.total;
      finished.value = result.items.length < pageSize || nextPage * pageSize >= result.total;
    } catch (caught) {
      if (myGeneration !== generation || isAbortError(caught)) return;
      error.value = true;
      errorText.value = errorMessage(caught);
    } finally {
      if (myGeneration === generation) {
        inFlight = false;
        loading.value = false;
        controller = null;
      }
    }
  }

  function reset(): void {
    generation += 1;
    controller?.abort();
    controller = null;
    inFlight = false;
    page = 0;
    items.value = [];
    total.value = null;
    loading.value = false;
    finished.value = false;
    error.value = false;
    errorText.value = '';
  }

  function refresh(): Promise<void> {
    reset();
    return loadMore();
  }

  function retry(): Promise<void> {
    error.value = false;
    return loadMore();
  }

  watch(
    () => queryKey(toValue(query)),
    () => void refresh(),
  );

  onScopeDispose(() => {
    generation += 1;
    controller?.abort();
  });

  if (options.immediate ?? true) void loadMore();

  /** Nothing shown yet and the first page is on its way: show skeletons. */
  const initialLoading = computed(() => items.value.length === 0 && !finished.value && !error.value);
  /** The first page failed: show a full-page error with 重试 instead of the list. */
  const initialError = computed(() => items.value.length === 0 && error.value);
  const empty = computed(() => items.value.length === 0 && finished.value && !error.value);

  return { items, total, loading, finished, error, errorText, initialLoading, initialError, empty, loadMore, retry, refresh, reset };
}

export type ProductFeed = ReturnType<typeof useProductFeed>;
