import { afterEach, describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { EffectScope } from 'vue';
import { queryKey, usePagedList } from './usePagedList';
import type { PagedListOptions } from './usePagedList';

interface Row {
  id: number;
  stock: number;
}
interface RowPage {
  items: Row[];
  total: number;
  lowCount: number;
}
interface Query {
  status?: string;
}

interface Pending {
  query: Query & { page: number; pageSize: number };
  signal: AbortSignal;
  resolve: (value: RowPage) => void;
}

/** A fetcher whose answers the test hands out one by one, in any order. */
function manualFetcher() {
  const calls: Pending[] = [];
  const fetchPage = (query: Query & { page: number; pageSize: number }, signal: AbortSignal) =>
    new Promise<RowPage>((resolve) => {
      calls.push({ query, signal, resolve });
    });
  return { calls, fetchPage };
}

const rows = (ids: number[], stock = 1) => ids.map((id) => ({ id, stock }));

let scope: EffectScope | undefined;
afterEach(() => scope?.stop());

function setup(query: () => Query, options: PagedListOptions<Row> = {}) {
  const { calls, fetchPage } = manualFetcher();
  scope = effectScope();
  const list = scope.run(() => usePagedList(query, fetchPage, { pageSize: 2, key: (row) => row.id, ...options }))!;
  return { calls, list };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('usePagedList', () => {
  it('should keep the last answer while the new filters load, so counts do not flicker', async () => {
    const status = ref('on_sale');
    const { calls, list } = setup(() => ({ status: status.value }));
    calls[0]!.resolve({ items: rows([1, 2]), total: 5, lowCount: 3 });
    await settle();
    expect(list.pages.value).toBe(1);

    status.value = 'draft';
    await nextTick();
    expect(calls[0]!.signal.aborted).toBe(false); // the first page had already arrived
    expect(list.items.value).toEqual([]);
    expect(list.pages.value).toBe(0);
    expect(list.last.value?.lowCount).toBe(3);
    expect(calls[1]?.query).toEqual({ status: 'draft', page: 1, pageSize: 2 });

    calls[1]!.resolve({ items: rows([9]), total: 1, lowCount: 0 });
    await settle();
    expect(list.last.value?.lowCount).toBe(0);
    expect(list.finished.value).toBe(true);
  });

  it('should put a changed row in place without reloading', async () => {
    const { calls, list } = setup(() => ({}));
    calls[0]!.resolve({ items: rows([1, 2]), total: 2, lowCount: 0 });
    await settle();
    list.replace({ id: 2, stock: 40 });
    expect(list.items.value).toEqual([
      { id: 1, stock: 1 },
      { id: 2, stock: 40 },
    ]);
    expect(calls).toHaveLength(1);
  });

  it('should drop the request on its way and stay idle after a reset', async () => {
    const { calls, list } = setup(() => ({}));
    list.loading.value = true;
    list.reset();
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(list.loading.value).toBe(false);
    calls[0]!.resolve({ items: rows([1]), total: 1, lowCount: 0 });
    await settle();
    expect(list.items.value).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('should stop answering once its component is gone', async () => {
    const { calls, list } = setup(() => ({}));
    scope!.stop();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.resolve({ items: rows([1]), total: 1, lowCount: 0 });
    await settle();
    expect(list.items.value).toEqual([]);
  });
});

describe('queryKey', () => {
  it('should ignore the order of the filters and the ones left out', () => {
    expect(queryKey({ a: 1, b: 'x', c: undefined })).toBe(queryKey({ b: 'x', a: 1 }));
    expect(queryKey({ a: 1 })).not.toBe(queryKey({ a: 2 }));
    expect(queryKey({ a: null })).not.toBe(queryKey({}));
  });
});
