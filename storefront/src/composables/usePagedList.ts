import { computed, onScopeDispose, ref, shallowRef, toValue, watch } from 'vue';
import type { MaybeRefOrGetter } from 'vue';
import { errorMessage, isAbortError } from '../api/http';

export interface Page<T> {
  items: T[];
  total: number;
}

export type FetchPage<Q, P extends Page<unknown>> = (query: Q & { page: number; pageSize: number }, signal: AbortSignal) => Promise<P>;

/**
 * A console list for van-list: pages appended as the user scrolls, reset when the filters
 * change, and the latest page's answer kept for what it says about the whole list (status
 * counts, stock value). Each reset starts a new generation so an old answer never lands.
 */
export function usePagedList<Q extends object, P extends Page<unknown>>(
  query: MaybeRefOrGetter<Q>,
  fetchPage: FetchPage<Q, P>,
  options: { pageSize?: number; key?: (item: P['items'][number]) => unknown } = {},
) {
  type Item = P['items'][number];
  const pageSize = options.pageSize ?? 20;
  const keyOf = options.key ?? ((item: Item) => item);

  const items = shallowRef<Item[]>([]);
  const last = shallowRef<P | null>(null);
  const loading = ref(false);
  const finished = ref(false);
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
    const mine = generation;
    const myController = new AbortController();
    controller = myController;
    inFlight = true;
    loading.value = true;
    error.value = false;
    const nextPage = page + 1;
    try {
      const result = await fetchPage({ ...toValue(query), page: nextPage, pageSize }, myController.signal);
      if (mine !== generation) return;
      page = nextPage;
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

  /** Starts over from page 1 (filters changed, or something was saved). */
  function refresh(): Promise<void> {
    generation += 1;
    controller?.abort();
    controller = null;
    inFlight = false;
    page = 0;
    items.value = [];
    finished.value = false;
    error.value = false;
    errorText.value = '';
    return loadMore();
  }

  /** Puts a changed row in place without reloading the list. */
  function replace(item: Item): void {
    const key = keyOf(item);
    items.value = items.value.map((existing) => (keyOf(existing) === key ? item : existing));
  }

  watch(
    () => JSON.stringify(toValue(query)),
    () => void refresh(),
  );
  onScopeDispose(() => {
    generation += 1;
    controller?.abort();
  });
  void loadMore();

  const initialLoading = computed(() => items.value.length === 0 && !finished.value && !error.value);
  const initialError = computed(() => items.value.length === 0 && error.value);
  const empty = computed(() => items.value.length === 0 && finished.value && !error.value);

  return { items, last, loading, finished, error, errorText, initialLoading, initialError, empty, loadMore, refresh, replace };
}
