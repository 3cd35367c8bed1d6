import type { PreparedJson } from '../http/prepared-json';

/**
 * A bounded in-process cache of prepared responses that is emptied whenever the database
 * says the underlying data changed (see catalog-change-feed.ts). It only stores while the
 * change feed is live: if the feed drops, nothing new is cached until it is back, because
 * a change could be missed in between.
 */
export class ChangeAwareCache {
  private readonly entries = new Map<string, PreparedJson>();
  private readonly inflight = new Map<string, Promise<PreparedJson | null>>();
  private generation = 0;
  private live = false;

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get isLive(): boolean {
    return this.live;
  }

  /** The feed is (re)connected: anything cached before may have missed a change. */
  markLive(): void {
    this.invalidate();
    this.live = true;
  }

  markDead(): void {
    this.live = false;
    this.invalidate();
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.inflight.clear();
  }

  async getOrLoad(key: string, load: () => Promise<PreparedJson | null>): Promise<PreparedJson | null> {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recent.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = this.inflight.get(key);
    if (pending) return pending;

    const generation = this.generation;
    const loading = load().finally(() => {
      if (this.inflight.get(key) === loading) this.inflight.delete(key);
    });
    this.inflight.set(key, loading);
    const value = await loading;
    // A change that arrived while loading may not be in what we read: do not keep it.
    if (value && this.live && generation === this.generation) this.store(key, value);
    return value;
  }

  private store(key: string, value: PreparedJson): void {
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
