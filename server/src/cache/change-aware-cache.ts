/**
 * A bounded in-process LRU cache that is emptied whenever the database says the underlying
 * data changed (see catalog-change-feed.ts). It only stores while the change feed is live:
 * if the feed drops, nothing new is cached until it is back, because a change could be
 * missed in between. A value is kept only if no change arrived since its read began.
 */
export class ChangeAwareCache<V> {
  private readonly entries = new Map<string, V>();
  private readonly inflight = new Map<string, Promise<V | null>>();
  private generation_ = 0;
  private live = false;

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Take this before reading the data a value is made of; pass it to `set`. */
  get generation(): number {
    return this.generation_;
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
    this.generation_++;
    this.entries.clear();
    this.inflight.clear();
  }

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recent.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Stores unless the feed is down or a change arrived since `generation` was taken. */
  set(key: string, value: V, generation: number): void {
    if (!this.live || generation !== this.generation_) return;
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  async getOrLoad(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const pending = this.inflight.get(key);
    if (pending) return pending;

    const generation = this.generation_;
    const loading = load().finally(() => {
      if (this.inflight.get(key) === loading) this.inflight.delete(key);
    });
    this.inflight.set(key, loading);
    const value = await loading;
    // A change that arrived while loading may not be in what we read: do not keep it.
    if (value !== null) this.set(key, value, generation);
    return value;
  }
}
