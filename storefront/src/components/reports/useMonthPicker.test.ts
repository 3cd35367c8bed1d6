import { describe, expect, it, vi } from 'vitest';
import { reactive } from 'vue';
import { currentMonth } from './reportFormat';
import { useMonthPicker } from './useMonthPicker';

const { route, replace } = vi.hoisted(() => ({ route: { query: {} as Record<string, unknown> }, replace: vi.fn() }));
vi.mock('vue-router', () => ({ useRoute: () => reactive(route), useRouter: () => ({ replace }) }));

describe('useMonthPicker', () => {
  it('should read ?month=YYYY-MM, this month when missing or malformed, and replace the query on a change', () => {
    route.query = { month: '2026-09', tab: 'x' };
    const month = useMonthPicker();
    expect(month.value).toBe('2026-09');
    month.value = '2026-10';
    expect(replace).toHaveBeenCalledWith({ query: { month: '2026-10', tab: 'x' } });

    route.query = { month: '2026-9' };
    expect(useMonthPicker().value).toBe(currentMonth());
    route.query = {};
    expect(useMonthPicker().value).toBe(currentMonth());
  });
});
