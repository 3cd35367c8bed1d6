import { describe, expect, it } from 'vitest';
import { PreparedJson } from './prepared-json';
import { ChangeAwareCache } from './change-aware-cache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ChangeAwareCache', () => {
  it('should not store anything until the change feed is live', async () => {
    const cache = new ChangeAwareCache<PreparedJson>(10);
    let loads = 0;
    const load = async () => PreparedJson.of({ n: ++loads });
    await cache.getOrLoad('k', load);
    await cache.getOrLoad('k', load);
    expect(loads).toBe(2);
    cache.markLive();
    await cache.getOrLoad('k', load);
    await cache.getOrLoad('k', load);
    expect(loads).toBe(3);
  });

  it('should drop everything on invalidate', async () => {
    const cache = new ChangeAwareCache<PreparedJson>(10);
    cache.markLive();
    let loads = 0;
    const load = async () => PreparedJson.of({ n: ++loads });
    await cache.getOrLoad('k', load);
    cache.invalidate();
    const after = await cache.getOrLoad('k', load);
    expect(after?.json).toBe('{"n":2}');
  });

  it('should not keep a value whose load overlapped a change', async () => {
    const cache = new ChangeAwareCache<PreparedJson>(10);
    cache.markLive();
    const gate = deferred<PreparedJson>();
    const pending = cache.getOrLoad('k', () => gate.promise);
    cache.invalidate();
    gate.resolve(PreparedJson.of({ stale: true }));
    expect((await pending)?.json).toBe('{"stale":true}');
    expect(cache.size).toBe(0);
  });

  it('should share one load between concurrent readers of a key', async () => {
    const cache = new ChangeAwareCache<PreparedJson>(10);
    cache.markLive();
    let loads = 0;
    const gate = deferred<PreparedJson>();
    const readers = [1, 2, 3].map(() =>
      cache.getOrLoad('k', () => {
        loads++;
        return gate.promise;
      }),
    );
    gate.resolve(PreparedJson.of({ ok: 1 }));
    await Promise.all(readers);
    expect(loads).toBe(1);
  });

  it('should evict the least recently used entry beyond its bound', async () => {
    const cache = new ChangeAwareCache<PreparedJson>(2);
    cache.markLive();
    const load = (name: string) => async () => PreparedJson.of({ name });
    await cache.getOrLoad('a', load('a'));
    await cache.getOrLoad('b', load('b'));
    await cache.getOrLoad('a', load('a-again'));
    await cache.getOrLoad('c', load('c'));
    expect((await cache.getOrLoad('a', load('a-reloaded')))?.json).toBe('{"name":"a"}');
    expect((await cache.getOrLoad('b', load('b-reloaded')))?.json).toBe('{"name":"b-reloaded"}');
  });

  it('should stop storing when the feed dies', async () => {
    const cache = new ChangeAwareCache<PreparedJson>(10);
    cache.markLive();
    await cache.getOrLoad('k', async () => PreparedJson.of(1));
    cache.markDead();
    expect(cache.size).toBe(0);
    await cache.getOrLoad('k', async () => PreparedJson.of(2));
    expect(cache.size).toBe(0);
  });
});
