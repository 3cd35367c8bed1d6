import { computed, type WritableComputedRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { currentMonth } from './reportFormat';

/**
 * The month a report page shows, kept in the address as ?month=YYYY-MM (this month when it is
 * missing or malformed); choosing another replaces the query, so the page keeps it on reload.
 */
export function useMonthPicker(): WritableComputedRef<string> {
  const route = useRoute();
  const router = useRouter();
  return computed<string>({
    get: () => (typeof route.query.month === 'string' && /^\d{4}-\d{2}$/.test(route.query.month) ? route.query.month : currentMonth()),
    set: (value) => void router.replace({ query: { ...route.query, month: value } }),
  });
}
