import { describe, expect, it } from 'vitest';
import { preferredEncoding } from './encoded-body';

describe('preferredEncoding', () => {
  it('should prefer brotli, then gzip, as clients allow', () => {
    expect(preferredEncoding('gzip, deflate, br')).toBe('br');
    expect(preferredEncoding('gzip, deflate')).toBe('gzip');
    expect(preferredEncoding('deflate')).toBe('identity');
    expect(preferredEncoding(undefined)).toBe('identity');
    expect(preferredEncoding('')).toBe('identity');
  });

  it('should honour q-values and the wildcard', () => {
    expect(preferredEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip;q=0')).toBe('identity');
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*;q=0.5, br;q=0')).toBe('gzip');
    expect(preferredEncoding('identity')).toBe('identity');
  });

  it('should answer the same for a repeated header (memoised)', () => {
    expect(preferredEncoding('GZIP')).toBe('gzip');
    expect(preferredEncoding('GZIP')).toBe('gzip');
  });
});
