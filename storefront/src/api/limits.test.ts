import * as shared from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { PRODUCT_PAGE_SIZE_MAX, QUERY_FEN_MAX, SEARCH_TEXT_MAX } from './limits';

describe('limits', () => {
  it('should equal the limits the API validates with', () => {
    expect(PRODUCT_PAGE_SIZE_MAX).toBe(shared.PRODUCT_PAGE_SIZE_MAX);
    expect(SEARCH_TEXT_MAX).toBe(shared.SEARCH_TEXT_MAX);
    expect(shared.QueryFen.safeParse(QUERY_FEN_MAX).success).toBe(true);
    expect(shared.QueryFen.safeParse(QUERY_FEN_MAX + 1).success).toBe(false);
  });
});
