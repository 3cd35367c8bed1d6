import { LIVE_CODE_PATTERN } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { newLiveCode } from './codes';

describe('newLiveCode', () => {
  it('should make codes the database accepts, without look-alike characters', () => {
    for (let i = 0; i < 200; i++) {
      const code = newLiveCode();
      expect(code).toMatch(new RegExp(LIVE_CODE_PATTERN));
      expect(code).not.toMatch(/[01OIL]/);
    }
  });
});
