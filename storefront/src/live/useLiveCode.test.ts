import { describe, expect, it } from 'vitest';
import { captureLiveCode, clearLiveCode, currentLiveCode } from './useLiveCode';

function memoryStore() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('useLiveCode', () => {
  it('should keep a ?live= code for 24 hours, upper-cased', () => {
    const store = memoryStore();
    captureLiveCode('ab3k9x', 1_000, store);
    expect(currentLiveCode(1_000 + 24 * 3_600_000 - 1, store)).toBe('AB3K9X');
    expect(currentLiveCode(1_000 + 24 * 3_600_000, store)).toBeUndefined();
  });

  it('should ignore values that are not codes and keep the last good one', () => {
    const store = memoryStore();
    captureLiveCode('GOOD22', 0, store);
    captureLiveCode('<script>', 0, store);
    captureLiveCode(undefined, 0, store);
    expect(currentLiveCode(1, store)).toBe('GOOD22');
    captureLiveCode(['NEWER3'], 0, store);
    expect(currentLiveCode(1, store)).toBe('NEWER3');
  });

  it('should forget the code once an order is placed', () => {
    const store = memoryStore();
    captureLiveCode('SOLD42', 0, store);
    clearLiveCode(store);
    expect(currentLiveCode(1, store)).toBeUndefined();
  });

  it('should keep the code for the page when storage refuses it, and survive a storage that throws', () => {
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    captureLiveCode('PAGE77', 0, refusing);
    expect(currentLiveCode(1, refusing)).toBe('PAGE77');
    clearLiveCode(refusing);
    expect(currentLiveCode(1, refusing)).toBeUndefined();

    const broken = { ...refusing, getItem: () => '{not json' };
    expect(currentLiveCode(1, broken)).toBeUndefined();
  });
});
