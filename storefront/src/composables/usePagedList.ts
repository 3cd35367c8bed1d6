import { computed, onScopeDispose, ref, shallowRef, toValue, watch } from 'vue';
import type { MaybeRefOrGetter } from 'vue';
import { errorMessage, isAbortError } from '../api/http';

export interface Page<T> {
  items: T[];
  total: number;
}

export type FetchPage<Q, P extends Page<unknown>> = (query: Q & { page: number; pageSize: number }, signal: AbortSignal) => Promise<P>;

export interface PagedListOptions<Item> {
  pageSize?: number;
  /** What makes two items the same one (an id): a page that shifted never shows an item twice. */
  key?: (item: Item) => unknown;
  /** Start loading the first page right away instead of waiting for van-list to ask. */
  immediate?: boolean;
}

/** A stable key for a query object, so `{a, b}` and `{b, a}` count as the same filters. */
export function queryKey(query: object): string {
  return JSON.stringify(Object.entries(query).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A paginated list for van-list, shared by the shop's product feed and the console's lists:
 * pages appended as the user scrolls, the finished state, errors with retry, and a reset
 * whenever the filters change. Each reset starts a new generation and aborts the old request,
 * so an answer for outdated filters can never land. The latest page's answer is kept in `last`
 * for what it says about the whole list (status counts, stock value); it stays through a reset
 * so those numbers do not flicker while the new first page loads, and `pages` tells whether it
 * belongs to the current filters.
 *
 * Only Vue and the HTTP helpers are imported here: the shop's first screen loads this file.
 */
export function usePagedList<Q extends object, P extends Page<unknown>>(
  query: MaybeRefOrGetter<Q>,
  fetchPage: FetchPage<Q, P>,
  options: PagedListOptions<P['items'][number]> = {},
) {
  type Item = P['items'][number];
  const pageSize = options.pageSize ?? 20;
  const keyOf = options.key ?? ((item: Item) => item);

  const items = shallowRef<Item[]>([]);
  const last = shallowRef<P | null>(null);
  /** How many pages of the current filters have arrived. */
  const pages = ref(0);
  /** Bound to van-list's v-model:loading; van-list sets it before it emits `load`. */
  const loading = ref(false);
  const finished = ref(false);
  /** Bound to van-list's v-model:error; van-list clears it when the user taps to retry. */
  const error = ref(false);
  const errorText = ref('');

  let generation = 0;
  let inFlight = false;
  let controller: AbortController | null = null;

  async function loadMore(): Promise<void> {
    if (finished.value) {
      loading.value = false;
      return;
    }
    if (inFlight) return;
    const mine = generation;
    const myController = new AbortController();
    controller = myController;
    inFlight = true;
    loading.value = true;
    error.value = false;
    const nextPage = pages.value + 1;
    try {
      const result = await fetchPage({ ...toValue(query), page: nextPage, pageSize }, myController.signal);
      if (mine !== generation) return;
      pages.value = nextPage;
      // New items may shift pages under a "newest" sort; never show one twice.
      const seen = new Set(items.value.map(keyOf));
      items.value = [...items.value, ...(result.items as Item[]).filter((item) => !seen.has(keyOf(item)))];
      last.value = result;
      finished.value = result.items.length < pageSize || nextPage * pageSize >= result.total;
    } catch (caught) {
      if (mine !== generation || isAbortError(caught)) return;
      error.value = true;
      errorText.value = errorMessage(caught);
    } finally {
      if (mine === generation) {
        inFlight = false;
        loading.value = false;
        controller = null;
      }
    }
  }

  /** Forgets every page and drops the request on its way, without loading again. */
  function reset(): void {
    generation += 1;
    controller?.abort();
    controller = null;
    inFlight = false;
    pages.value = 0;
    items.value = [];
    loading.value = false;
    finished.value = false;
    error.value = false;
    errorText.value = '';
  }

  /** Starts over from page 1 (filters changed, or something was saved). */
  function refresh(): Promise<void> {
    reset();
    return loadMore();
  }

  /** Asks for the page that failed again. */
  function retry(): Promise<void> {
    error.value = false;
    return loadMore();
  }

  /** Puts a changed row in place without reloading the list. */
  function replace(item: Item): void {
    const key = keyOf(item);
    items.value = items.value.map((existing) => (keyOf(existing) === key ? item : existing));
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

  return { items, last, pages, loading, finished, error, errorText, initialLoading, initialError, empty, loadMore, retry, refresh, reset, replace };
}
