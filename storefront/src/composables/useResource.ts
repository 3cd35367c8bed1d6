import { onScopeDispose, ref, shallowRef, toValue, watch } from 'vue';
import type { MaybeRefOrGetter } from 'vue';
import { ApiError, errorMessage, isAbortError } from '../api/http';

/**
 * One record loaded by key (a product, a partner) with loading, error and retry. Reloads when the
 * key changes; a late answer for an old key is dropped.
 */
export function useResource<K, T>(key: MaybeRefOrGetter<K | null>, load: (key: K, signal: AbortSignal) => Promise<T>) {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const errorText = ref('');
  let controller: AbortController | null = null;
  let dataKey: K | null = null;

  async function fetchRecord(keep: boolean): Promise<void> {
    controller?.abort();
    const current = toValue(key);
    if (!(keep && current !== null && Object.is(current, dataKey))) data.value = null;
    error.value = null;
    loading.value = current !== null;
    if (current === null) {
      controller = null;
      return;
    }
    const mine = new AbortController();
    controller = mine;
    try {
      const result = await load(current, mine.signal);
      if (controller === mine) {
        data.value = result;
        dataKey = current;
      }
    } catch (caught) {
      if (controller !== mine || isAbortError(caught)) return;
      if (!(caught instanceof ApiError)) console.error(caught);
      error.value = caught instanceof ApiError ? caught : new ApiError('NETWORK_ERROR', errorMessage(caught), 0);
      errorText.value = errorMessage(caught);
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  /** Load again from scratch (the record clears first: retry, a new key). Event payloads are ignored. */
  const reload = (): Promise<void> => fetchRecord(false);
  /**
   * Load again while still showing the current record (after an action on the same key), so the
   * page neither blanks nor loses its scroll position and tabs. Clears as reload does if the key changed.
   */
  const refresh = (): Promise<void> => fetchRecord(true);

  watch(() => toValue(key), () => void reload(), { immediate: true });
  onScopeDispose(() => controller?.abort());

  return { data, loading, error, errorText, reload, refresh };
}
