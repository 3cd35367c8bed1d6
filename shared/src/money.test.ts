import { describe, expect, it } from 'vitest';
import { formatFen, parseYuanToFen } from './money';

describe('money', () => {
  it('should format fen as yuan with two decimals', () => {
    expect(formatFen(1280)).toBe('¥12.80');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(-250)).toBe('-¥2.50');
    expect(formatFen(123456789)).toBe('¥1234567.89');
  });

  it('should parse typed yuan amounts into fen without floating-point error', () => {
    expect(parseYuanToFen('12.8')).toBe(1280);
    expect(parseYuanToFen(' 0.29 ')).toBe(29);
    expect(parseYuanToFen('19.99')).toBe(1999);
    expect(parseYuanToFen('100')).toBe(10000);
  });

  it('should refuse anything that is not a plain amount', () => {
    for (const text of ['', 'abc', '1.234', '-1', '1e3', '12.', '.5', '1,000']) {
      expect(parseYuanToFen(text), text).toBeNull();
    }
  });
});
