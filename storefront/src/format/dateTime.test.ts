import { describe, expect, it } from 'vitest';
import { formatDateTime } from './dateTime';

describe('formatDateTime', () => {
  it('should show the time in Shanghai', () => {
    expect(formatDateTime('2024-03-01T00:05:00Z')).toBe('2024-03-01 08:05');
    expect(formatDateTime('2024-12-31T23:30:00+08:00')).toBe('2024-12-31 23:30');
  });

  it('should leave an unparsable value alone', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});
