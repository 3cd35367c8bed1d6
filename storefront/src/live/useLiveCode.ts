import { LIVE_CODE_PATTERN, LIVE_CODE_STORAGE_HOURS } from '@qiaodu/shared';

/**
 * The live session a customer came from: a `?live=CODE` on any shop link is kept for 24 hours
 * (they may browse, leave and come back to pay) and sent with the order, which the server then
 * counts towards that 直播. A newer code replaces an older one: the last stream they came
 * from gets the sale.
 */
const KEY = 'qiaodu.liveCode';
const CODE = new RegExp(LIVE_CODE_PATTERN);

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Where the code goes when localStorage is refused: it then lasts as long as the page, which still covers browse-then-buy. */
const memory: Store = (() => {
  const data = new Map<string, string>();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
})();

function storage(): Store {
  try {
    return globalThis.localStorage ?? memory;
  } catch {
    // Disabled storage (private modes) throws on access.
    return memory;
  }
}

function forget(store: Store): void {
  try {
    store.removeItem(KEY);
  } catch {
    // Refused storage: nothing was kept there to forget.
  }
}

/** Keeps the code of a `?live=` query value, if it looks like one. */
export function captureLiveCode(value: unknown, now = Date.now(), store: Store = storage()): void {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return;
  const code = raw.trim().toUpperCase();
  if (!CODE.test(code)) return;
  const saved = JSON.stringify({ code, expiresAt: now + LIVE_CODE_STORAGE_HOURS * 3_600_000 });
  try {
    store.setItem(KEY, saved);
  } catch {
    // A full or refused storage: keep it for this page rather than lose the attribution.
    memory.setItem(KEY, saved);
  }
}

function readFrom(store: Store, now: number): string | undefined {
  try {
    const saved = JSON.parse(store.getItem(KEY) ?? 'null') as { code?: unknown; expiresAt?: unknown } | null;
    if (saved && typeof saved.code === 'string' && typeof saved.expiresAt === 'number' && saved.expiresAt > now) return saved.code;
    if (saved) forget(store);
  } catch {
    forget(store);
  }
  return undefined;
}

/** The code checkout sends, while it has not expired. */
export function currentLiveCode(now = Date.now(), store: Store = storage()): string | undefined {
  return readFrom(store, now) ?? (store === memory ? undefined : readFrom(memory, now));
}

/** After an order is placed: the stream got its sale, later orders are not counted towards it again. */
export function clearLiveCode(store: Store = storage()): void {
  forget(store);
  forget(memory);
}
