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

function storage(): Store | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Disabled storage (private modes): the code simply does not survive the page.
    return null;
  }
}

/** Keeps the code of a `?live=` query value, if it looks like one. */
export function captureLiveCode(value: unknown, now = Date.now(), store: Store | null = storage()): void {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return;
  const code = raw.trim().toUpperCase();
  if (!CODE.test(code) || !store) return;
  try {
    store.setItem(KEY, JSON.stringify({ code, expiresAt: now + LIVE_CODE_STORAGE_HOURS * 3_600_000 }));
  } catch {
    // A full or refused storage only loses the attribution, never the visit.
  }
}

/** The code checkout sends, while it has not expired. */
export function currentLiveCode(now = Date.now(), store: Store | null = storage()): string | undefined {
  if (!store) return undefined;
  try {
    const saved = JSON.parse(store.getItem(KEY) ?? 'null') as { code?: unknown; expiresAt?: unknown } | null;
    if (saved && typeof saved.code === 'string' && typeof saved.expiresAt === 'number' && saved.expiresAt > now) return saved.code;
    if (saved) store.removeItem(KEY);
  } catch {
    store.removeItem(KEY);
  }
  return undefined;
}

/** For checkout: `{ liveCode }` when a code is kept, else nothing. */
export function useLiveCode() {
  return { liveCode: currentLiveCode, capture: captureLiveCode };
}
