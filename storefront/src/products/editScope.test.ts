import type { ProductInput } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { changesContent } from './editScope';

const input = (): ProductInput => ({
  title: '鲤鱼灯',
  subtitle: '',
  categoryId: 1,
  partnerId: 2,
  description: [{ type: 'text', text: '竹篾扎骨' }],
  heritage: null,
  skus: [{ id: 5, code: 'LY-S', specs: [{ name: '尺寸', value: '小号' }], priceFen: 1280, originalPriceFen: null, weightGrams: 200 }],
});

describe('changesContent', () => {
  it('should let prices and weights change without a new review', () => {
    const after = input();
    after.skus[0] = { ...after.skus[0]!, priceFen: 990, originalPriceFen: 1280, weightGrams: 250 };
    expect(changesContent(input(), after)).toBe(false);
  });

  it('should let 限购 change without a new review: it is a selling rule like a price', () => {
    expect(changesContent({ ...input(), purchaseLimit: null }, { ...input(), purchaseLimit: 2 })).toBe(false);
  });

  it('should see anything else customers read or choose by', () => {
    expect(changesContent(input(), { ...input(), title: '大鲤鱼灯' })).toBe(true);
    expect(changesContent(input(), { ...input(), description: [] })).toBe(true);
    expect(changesContent(input(), { ...input(), skus: [{ ...input().skus[0]!, code: 'LY-M' }] })).toBe(true);
    expect(changesContent(input(), { ...input(), skus: [...input().skus, { code: 'LY-L', specs: [{ name: '尺寸', value: '大号' }], priceFen: 1 }] })).toBe(true);
    expect(changesContent(null, input())).toBe(true);
  });
});
