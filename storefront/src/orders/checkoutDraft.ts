import type { DeliveryMethod } from '@qiaodu/shared';
import { newIdempotencyKey } from './idempotencyKey';

/**
 * The checkout being filled in: delivery, address and remark survive a trip to the address book
 * and a reload, and so does the Idempotency-Key of the last submission. The key belongs to one
 * exact order body: the same body is sent with the same key (a retry after a timeout or a 5xx
 * returns the order that may already exist), a changed body gets a new one.
 */
export interface CheckoutDraft {
  /** The `items` query value the draft belongs to. */
  items: string;
  method: DeliveryMethod;
  addressId: number | null;
  remark: string;
  attempt: { body: string; key: string } | null;
}

const KEY = 'qiaodu:checkout-draft';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function isDraft(value: unknown): value is CheckoutDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Partial<CheckoutDraft>;
  return (
    typeof draft.items === 'string' &&
    (draft.method === 'express' || draft.method === 'pickup') &&
    (draft.addressId === null || typeof draft.addressId === 'number') &&
    typeof draft.remark === 'string' &&
    (draft.attempt === null || (typeof draft.attempt === 'object' && typeof draft.attempt?.key === 'string'))
  );
}

function readStored(): CheckoutDraft | null {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(KEY) ?? 'null');
    return isDraft(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function emptyDraft(items: string): CheckoutDraft {
  return { items, method: 'express', addressId: null, remark: '', attempt: null };
}

/** The stored draft for these items, or a fresh one (another selection starts over). */
export function readCheckoutDraft(items: string): CheckoutDraft {
  const stored = readStored();
  return stored && stored.items === items ? stored : emptyDraft(items);
}

export function writeCheckoutDraft(draft: CheckoutDraft): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(draft));
  } catch {
    // quota or disabled storage: the draft then lasts as long as the page
  }
}

export function clearCheckoutDraft(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // nothing kept, nothing to clear
  }
}

/** The address book in picking mode hands its choice to the checkout it was opened from. */
export function pickCheckoutAddress(addressId: number): void {
  const stored = readStored();
  if (stored) writeCheckoutDraft({ ...stored, method: 'express', addressId });
}

/**
 * The key to send with this body: the last attempt's when the body is the same (a retry), else
 * a new one. Returns the draft to keep, which remembers the attempt before it is sent.
 */
export function attemptFor(draft: CheckoutDraft, body: unknown, makeKey: () => string = newIdempotencyKey): CheckoutDraft {
  const canonical = JSON.stringify(body);
  if (draft.attempt && draft.attempt.body === canonical) return draft;
  return { ...draft, attempt: { body: canonical, key: makeKey() } };
}
