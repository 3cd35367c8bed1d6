import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDayRange, formatChinaDateTime } from './china-time';

describe('China-time days', () => {
  it('should turn inclusive days into a half-open range of instants starting at midnight in UTC+8', () => {
    const range = chinaDayRange({ from: '2024-06-01', to: '2024-06-02' });
    expect(range.from?.toISOString()).toBe('2024-05-31T16:00:00.000Z');
    expect(range.until?.toISOString()).toBe('2024-06-02T16:00:00.000Z');
    expect(chinaDayRange({})).toEqual({ from: undefined, until: undefined });
  });

  it('should print instants in China time whatever the server’s zone', () => {
    const lateEvening = new Date('2024-05-31T16:30:05Z');
    expect(formatChinaDateTime(lateEvening)).toBe('2024-06-01 00:30:05');
    expect(chinaDate(lateEvening)).toBe('2024-06-01');
    expect(chinaDate(new Date('2024-05-31T15:59:59Z'))).toBe('2024-05-31');
  });
});
