import { describe, expect, it } from 'vitest';
import { formatCount, hasDiscount, splitPrice } from './format';

describe('splitPrice', () => {
  it('should split the formatted price into symbol, yuan and fen', () => {
    expect(splitPrice(1280)).toEqual({ symbol: '¥', yuan: '12', cents: '80' });
    expect(splitPrice(5)).toEqual({ symbol: '¥', yuan: '0', cents: '05' });
  });
});

describe('formatCount', () => {
  it('should show large sales in 万', () => {
    expect(formatCount(9999)).toBe('9999');
    expect(formatCount(12_345)).toBe('1.2万');
    expect(formatCount(100_000)).toBe('10万');
  });
});

describe('hasDiscount', () => {
  it('should only strike through a higher original price', () => {
    expect(hasDiscount(1000, 1200)).toBe(true);
    expect(hasDiscount(1000, 1000)).toBe(false);
    expect(hasDiscount(1000, null)).toBe(false);
  });
});
