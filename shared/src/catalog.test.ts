import { describe, expect, it } from 'vitest';
import { ProductListQuery } from './catalog';

describe('ProductListQuery', () => {
  it('should fill defaults and coerce query-string numbers', () => {
    expect(ProductListQuery.parse({})).toMatchObject({ page: 1, pageSize: 20, sort: 'newest' });
    expect(ProductListQuery.parse({ page: '3', category: '7', heritage: 'true' })).toMatchObject({
      page: 3,
      category: 7,
      heritage: true,
    });
  });

  it('should treat a blank search as no search', () => {
    expect(ProductListQuery.parse({ q: '   ' }).q).toBeUndefined();
    expect(ProductListQuery.parse({ q: ' 鲤鱼 ' }).q).toBe('鲤鱼');
  });

  it('should refuse out-of-range pages, unknown sorts and inverted price ranges', () => {
    for (const input of [
      { page: '-1' },
      { pageSize: '100000' },
      { sort: 'cheapest' },
      { minPriceFen: '500', maxPriceFen: '100' },
      { heritage: 'yes' },
      { page: ['1', '2'] },
      { q: 'a\u0000b' },
      { q: '\u001b[31m' },
    ]) {
      expect(ProductListQuery.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
  });
});
