import { onScopeDispose, ref, watch } from 'vue';
import type { Ref } from 'vue';

/** A copy of `source` that follows it once typing pauses, so a search box sends one request, not ten. */
export function useDebounced<T>(source: Ref<T>, delayMs = 300): Ref<T> {
  const debounced = ref(source.value) as Ref<T>;
  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(source, (value) => {
    clearTimeout(timer);
    timer = setTimeout(() => (debounced.value = value), delayMs);
  });
  onScopeDispose(() => clearTimeout(timer));
  return debounced;
}
