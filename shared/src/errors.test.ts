import { describe, expect, it } from 'vitest';
import { isErrorCode } from './errors';

describe('isErrorCode', () => {
  it('should work in webviews without Object.hasOwn (Chrome < 93, iOS < 15.4)', () => {
    const hasOwn = Object.hasOwn;
    // @ts-expect-error: removed as older WeChat webviews lack it
    delete Object.hasOwn;
    try {
      expect(isErrorCode('UNAUTHENTICATED')).toBe(true);
      expect(isErrorCode('toString')).toBe(false);
      expect(isErrorCode(42)).toBe(false);
    } finally {
      Object.hasOwn = hasOwn;
    }
  });
});
