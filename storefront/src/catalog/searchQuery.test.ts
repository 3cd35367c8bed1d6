import { describe, expect, it } from 'vitest';
import { countActiveFilters, parseSearchQuery, toListParams, toRouteQuery } from './searchQuery';

describe('parseSearchQuery', () => {
  it('should read every filter from the URL query', () => {
    expect(
      parseSearchQuery({
        q: ' 鲤鱼 ',
        category: '3',
        partnerKind: 'heritage',
        heritage: 'true',
        sort: 'price_desc',
        minPriceFen: '1000',
        maxPriceFen: '5000',
      }),
    ).toEqual({
      q: '鲤鱼',
      category: 3,
      partnerKind: 'heritage',
      heritage: true,
      sort: 'price_desc',
      minPriceFen: 1000,
      maxPriceFen: 5000,
    });
  });

  it('should default to newest and drop values it cannot use', () => {
    expect(
      parseSearchQuery({ sort: 'cheapest', category: '-1', partnerKind: 'shop', heritage: 'yes', minPriceFen: '12.5', q: '  ' }),
    ).toEqual({ sort: 'newest' });
  });

  it('should take the first of repeated values', () => {
    expect(parseSearchQuery({ q: ['茶', '鱼'], category: [null, '2'] })).toEqual({ q: '茶', sort: 'newest' });
  });

  it('should swap a price range given upside down', () => {
    expect(parseSearchQuery({ minPriceFen: '900', maxPriceFen: '100' })).toMatchObject({ minPriceFen: 100, maxPriceFen: 900 });
  });

  it('should cut the keyword to the length the API accepts', () => {
    expect(parseSearchQuery({ q: '鱼'.repeat(80) }).q).toHaveLength(50);
  });
});

describe('toRouteQuery', () => {
  it('should round-trip through the URL and leave defaults out', () => {
    const filters = parseSearchQuery({ q: '鲤鱼', heritage: '1', minPriceFen: '0' });
    const query = toRouteQuery(filters);
    expect(query).toEqual({ q: '鲤鱼', heritage: 'true', minPriceFen: '0' });
    expect(parseSearchQuery(query)).toEqual(filters);
  });
});

describe('toListParams', () => {
  it('should pass only set filters to the API', () => {
    expect(toListParams({ sort: 'sales', category: 4 })).toEqual({ sort: 'sales', category: 4 });
  });
});

describe('countActiveFilters', () => {
  it('should count a price range once', () => {
    expect(countActiveFilters({ sort: 'newest', heritage: true, minPriceFen: 1, maxPriceFen: 2 })).toBe(2);
  });
});
