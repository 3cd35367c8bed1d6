import type { ProductSummary } from '@qiaodu/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { EffectScope } from 'vue';
import type { ProductList, ProductListParams } from '../api/catalog';
import type { CallOptions } from '../api/http';
import { ApiError } from '../api/http';
import { useProductFeed } from './useProductFeed';
import type { ProductFeedOptions } from './useProductFeed';

function product(id: number): ProductSummary {
  return {
    id,
    title: `商品 ${id}`,
    subtitle: '',
    cover: null,
    priceFen: 100 * id,
    originalPriceFen: null,
    salesCount: 0,
    soldOut: false,
    heritageLevel: null,
    categoryId: 1,
    partner: { id: 1, name: '生恭鲤鱼工作室', kind: 'heritage' },
  };
}

function pageOf(ids: number[], total: number, page: number, pageSize = 2): ProductList {
  return { items: ids.map(product), total, page, pageSize };
}

interface Deferred {
  params: ProductListParams;
  signal: AbortSignal | undefined;
  resolve: (value: ProductList) => void;
  reject: (error: unknown) => void;
}

/** A fetcher whose answers the test hands out one by one, in any order. */
function manualFetcher() {
  const calls: Deferred[] = [];
  const fetchPage = vi.fn((params: ProductListParams, options: CallOptions) =>
    new Promise<ProductList>((resolve, reject) => {
      calls.push({ params, signal: options.signal, resolve, reject });
    }),
  );
  return { calls, fetchPage };
}

let scope: EffectScope | undefined;
afterEach(() => scope?.stop());

function setup(query: () => ProductListParams, options: ProductFeedOptions) {
  scope = effectScope();
  return scope.run(() => useProductFeed(query, { pageSize: 2, ...options }))!;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('useProductFeed', () => {
  it('should load the first page right away and append the next ones', async () => {
    const { calls, fetchPage } = manualFetcher();
    const feed = setup(() => ({ sort: 'newest' }), { fetchPage });
    expect(feed.initialLoading.value).toBe(true);
    expect(calls[0]?.params).toEqual({ sort: 'newest', page: 1, pageSize: 2 });

    calls[0]!.resolve(pageOf([1, 2], 3, 1));
    await settle();
    expect(feed.items.value.map((item) => item.id)).toEqual([1, 2]);
    expect(feed.finished.value).toBe(false);
    expect(feed.loading.value).toBe(false);

    void feed.loadMore();
    expect(calls[1]?.params).toMatchObject({ page: 2 });
    calls[1]!.resolve(pageOf([3], 3, 2));
    await settle();
    expect(feed.items.value.map((item) => item.id)).toEqual([1, 2, 3]);
    expect(feed.finished.value).toBe(true);
    expect(feed.total.value).toBe(3);
  });

  it('should not ask twice while a page is on its way', async () => {
    const { calls, fetchPage } = manualFetcher();
    const feed = setup(() => ({}), { fetchPage });
    feed.loading.value = true; // what van-list does before it emits load
    void feed.loadMore();
    void feed.loadMore();
    expect(calls).toHaveLength(1);
  });

  it('should stop when finished and release the loading flag van-list set', async () => {
    const { calls, fetchPage } = manualFetcher();
    const feed = setup(() => ({}), { fetchPage });
    calls[0]!.resolve(pageOf([1], 1, 1));
    await settle();
    feed.loading.value = true;
    await feed.loadMore();
    expect(calls).toHaveLength(1);
    expect(feed.loading.value).toBe(false);
  });

  it('should report an empty result', async () => {
    const { calls, fetchPage } = manualFetcher();
    const feed = setup(() => ({ q: '不存在' }), { fetchPage });
    calls[0]!.resolve(pageOf([], 0, 1));
    await settle();
    expect(feed.empty.value).toBe(true);
    expect(feed.initialLoading.value).toBe(false);
  });

  it('should reset and reload when the filters change', async () => {
    const { calls, fetchPage } = manualFetcher();
    const sort = ref<'newest' | 'sales'>('newest');
    const feed = setup(() => ({ sort: sort.value }), { fetchPage });
    calls[0]!.resolve(pageOf([1, 2], 4, 1));
    await settle();

    sort.value = 'sales';
    await nextTick();
    expect(feed.items.value).toEqual([]);
    expect(calls[1]?.params).toEqual({ sort: 'sales', page: 1, pageSize: 2 });
    calls[1]!.resolve(pageOf([4, 3], 4, 1));
    await settle();
    expect(feed.items.value.map((item) => item.id)).toEqual([4, 3]);
  });

  it('should not know the total of new filters until their first page arrives', async () => {
    const { calls, fetchPage } = manualFetcher();
    const q = ref('鲤鱼');
    const feed = setup(() => ({ q: q.value }), { fetchPage });
    expect(feed.total.value).toBeNull();
    calls[0]!.resolve(pageOf([1, 2], 9, 1));
    await settle();
    expect(feed.total.value).toBe(9);

    q.value = '茶';
    await nextTick();
    expect(feed.total.value).toBeNull();
    calls[1]!.resolve(pageOf([7], 1, 1));
    await settle();
    expect(feed.total.value).toBe(1);
  });

  it('should ignore an answer for filters that changed while it was on its way', async () => {
    const { calls, fetchPage } = manualFetcher();
    const q = ref('鲤鱼');
    const feed = setup(() => ({ q: q.value }), { fetchPage });

    q.value = '茶';
    await nextTick();
    expect(calls[0]!.signal?.aborted).toBe(true);

    calls[1]!.resolve(pageOf([7], 1, 1));
    calls[0]!.resolve(pageOf([1, 2], 2, 1));
    await settle();
    expect(feed.items.value.map((item) => item.id)).toEqual([7]);
    expect(feed.finished.value).toBe(true);
    expect(feed.loading.value).toBe(false);
  });

  it('should not refetch when the same filters come back in another order', async () => {
    const { calls, fetchPage } = manualFetcher();
    const query = ref<ProductListParams>({ sort: 'sales', heritage: true });
    setup(() => query.value, { fetchPage });
    query.value = { heritage: true, sort: 'sales', q: undefined };
    await nextTick();
    expect(calls).toHaveLength(1);
  });

  it('should show the error and load the same page again on retry', async () => {
    const { calls, fetchPage } = manualFetcher();
    const feed = setup(() => ({}), { fetchPage });
    calls[0]!.reject(new ApiError('NETWORK_ERROR', '网络连接失败，请检查网络后重试', 0));
    await settle();
    expect(feed.initialError.value).toBe(true);
    expect(feed.errorText.value).toBe('网络连接失败，请检查网络后重试');

    void feed.retry();
    expect(feed.error.value).toBe(false);
    expect(calls[1]?.params).toMatchObject({ page: 1 });
    calls[1]!.resolve(pageOf([1], 1, 1));
    await settle();
    expect(feed.items.value).toHaveLength(1);
  });

  it('should not show a product twice when pages shift', async () => {
    const { calls, fetchPage } = manualFetcher();
    const feed = setup(() => ({}), { fetchPage });
    calls[0]!.resolve(pageOf([5, 4], 5, 1));
    await settle();
    void feed.loadMore();
    calls[1]!.resolve(pageOf([4, 3], 5, 2));
    await settle();
    expect(feed.items.value.map((item) => item.id)).toEqual([5, 4, 3]);
  });

  it('should wait for van-list when not immediate', () => {
    const { calls, fetchPage } = manualFetcher();
    setup(() => ({}), { fetchPage, immediate: false });
    expect(calls).toHaveLength(0);
  });
});
