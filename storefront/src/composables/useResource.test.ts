import { afterEach, describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import type { EffectScope } from 'vue';
import { ApiError } from '../api/http';
import { useResource } from './useResource';

let scope: EffectScope | undefined;
afterEach(() => scope?.stop());

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('useResource', () => {
  it('should load by key and drop a late answer for an old key', async () => {
    const answers = new Map<number, (value: string) => void>();
    const id = ref<number | null>(1);
    scope = effectScope();
    const resource = scope.run(() =>
      useResource(id, (key: number) => new Promise<string>((resolve) => answers.set(key, resolve))),
    )!;
    expect(resource.loading.value).toBe(true);

    id.value = 2;
    await nextTick();
    answers.get(2)!('two');
    answers.get(1)!('one');
    await settle();
    expect(resource.data.value).toBe('two');
    expect(resource.loading.value).toBe(false);
  });

  it('should keep the API error for the page to branch on, and retry', async () => {
    let attempt = 0;
    scope = effectScope();
    const resource = scope.run(() =>
      useResource(7, async () => {
        attempt += 1;
        if (attempt === 1) throw new ApiError('PRODUCT_NOT_FOUND', '商品不存在或已下架', 404);
        return 'found';
      }),
    )!;
    await settle();
    expect(resource.error.value?.code).toBe('PRODUCT_NOT_FOUND');
    expect(resource.errorText.value).toBe('商品不存在或已下架');

    await resource.reload();
    expect(resource.data.value).toBe('found');
    expect(resource.error.value).toBeNull();
  });

  it('should stay idle without a key', () => {
    scope = effectScope();
    const resource = scope.run(() => useResource<number, string>(null, async () => 'x'))!;
    expect(resource.loading.value).toBe(false);
    expect(resource.data.value).toBeNull();
  });

  it('should keep the current record while refreshing, and clear it on reload', async () => {
    let release: ((value: string) => void) | undefined;
    let attempt = 0;
    scope = effectScope();
    const resource = scope.run(() =>
      useResource(3, () => {
        attempt += 1;
        if (attempt === 1) return Promise.resolve('first');
        return new Promise<string>((resolve) => (release = resolve));
      }),
    )!;
    await settle();
    expect(resource.data.value).toBe('first');

    const kept = resource.refresh();
    expect(resource.data.value).toBe('first');
    expect(resource.loading.value).toBe(true);
    release!('second');
    await kept;
    expect(resource.data.value).toBe('second');

    void resource.reload();
    expect(resource.data.value).toBeNull();
  });

  it('should not keep a record of another key', async () => {
    const id = ref(1);
    const answers = new Map<number, (value: string) => void>();
    scope = effectScope();
    const resource = scope.run(() =>
      useResource(id, (key: number) => (key === 1 ? Promise.resolve('one') : new Promise<string>((resolve) => answers.set(key, resolve)))),
    )!;
    await settle();
    expect(resource.data.value).toBe('one');
    id.value = 2;
    void resource.refresh();
    expect(resource.data.value).toBeNull();
  });
});
