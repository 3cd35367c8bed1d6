import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage';
import { attemptFor, clearCheckoutDraft, emptyDraft, pickCheckoutAddress, readCheckoutDraft, writeCheckoutDraft } from './checkoutDraft';
import { newIdempotencyKey } from './idempotencyKey';

beforeEach(() => vi.stubGlobal('window', { sessionStorage: memoryStorage() }));
afterEach(() => vi.unstubAllGlobals());

describe('checkout draft', () => {
  it('should keep the draft of the same selection and start over for another', () => {
    writeCheckoutDraft({ ...emptyDraft('1:2'), method: 'pickup', remark: '放门卫' });
    expect(readCheckoutDraft('1:2')).toMatchObject({ method: 'pickup', remark: '放门卫' });
    expect(readCheckoutDraft('3:1')).toEqual(emptyDraft('3:1'));
    clearCheckoutDraft();
    expect(readCheckoutDraft('1:2')).toEqual(emptyDraft('1:2'));
  });

  it('should hand the address picked in the address book to the checkout', () => {
    writeCheckoutDraft({ ...emptyDraft('1:2'), method: 'pickup' });
    pickCheckoutAddress(7);
    expect(readCheckoutDraft('1:2')).toMatchObject({ method: 'express', addressId: 7 });
  });

  it('should send the same Idempotency-Key again for the same order body, and a new one for another', () => {
    let n = 0;
    const makeKey = () => `key-${++n}`;
    const body = { items: [{ skuId: 1, quantity: 2 }], delivery: { method: 'pickup' } };
    const first = attemptFor(emptyDraft('1:2'), body, makeKey);
    expect(first.attempt?.key).toBe('key-1');
    // A retry after a timeout: same key, so the server answers the order it may have made.
    expect(attemptFor(first, { ...body }, makeKey).attempt?.key).toBe('key-1');
    const changed = attemptFor(first, { ...body, remark: '请尽快发货' }, makeKey);
    expect(changed.attempt?.key).toBe('key-2');
  });

  it('should survive a reload with the key of the last attempt', () => {
    const draft = attemptFor(emptyDraft('1:2'), { items: [] });
    writeCheckoutDraft(draft);
    expect(readCheckoutDraft('1:2').attempt).toEqual(draft.attempt);
  });

  it('should make keys the server accepts', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });
});
