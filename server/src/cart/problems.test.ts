import { describe, expect, it } from 'vitest';
import { lineProblems, purchaseLimitLeft, type BuyableLine } from './problems';

const line = (overrides: Partial<BuyableLine> = {}): BuyableLine => ({
  productId: 1,
  productStatus: 'on_sale',
  stockAvailable: 10,
  quantity: 1,
  purchaseLimitLeft: null,
  counted: true,
  ...overrides,
});

describe('lineProblems', () => {
  it('should name the first reason a line cannot be bought: off sale, sold out, short, then 限购', () => {
    expect(
      lineProblems([
        line(),
        line({ productStatus: 'off_shelf', stockAvailable: 0 }),
        line({ productStatus: 'draft' }),
        line({ stockAvailable: 0, quantity: 5 }),
        line({ stockAvailable: 3, quantity: 4 }),
        line({ productId: 2, quantity: 3, purchaseLimitLeft: 2 }),
      ]),
    ).toEqual([null, 'off_sale', 'off_sale', 'sold_out', 'insufficient', 'over_limit']);
  });

  it('should judge 限购 on the counted lines of one product together', () => {
    const sizes = [line({ quantity: 2, purchaseLimitLeft: 3 }), line({ quantity: 2, purchaseLimitLeft: 3 })];
    expect(lineProblems(sizes)).toEqual(['over_limit', 'over_limit']);
    // An unticked size does not count against the ticked one, but is judged as if it were ticked.
    expect(lineProblems([sizes[0]!, { ...sizes[1]!, counted: false }])).toEqual([null, 'over_limit']);
    // A size that cannot be bought anyway does not use up the allowance.
    expect(lineProblems([sizes[0]!, { ...sizes[1]!, stockAvailable: 0 }])).toEqual([null, 'sold_out']);
    // Other products have their own allowance.
    expect(lineProblems([sizes[0]!, { ...sizes[1]!, productId: 2 }])).toEqual([null, null]);
  });
});

describe('purchaseLimitLeft', () => {
  it('should be null without a limit and never below zero', () => {
    expect(purchaseLimitLeft(null, 5)).toBeNull();
    expect(purchaseLimitLeft(5, 2)).toBe(3);
    expect(purchaseLimitLeft(2, 5)).toBe(0);
  });
});
