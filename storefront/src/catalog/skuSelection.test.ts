import type { Sku, SpecOption } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import {
  describeSelection,
  formatPriceRange,
  initialSelection,
  isValueSelectable,
  matchingSkus,
  missingSpecNames,
  priceRange,
  selectedSku,
  toggleValue,
} from './skuSelection';

function sku(id: number, color: string, size: string, priceFen: number, stockAvailable: number): Sku {
  return {
    id,
    code: `SKU-${id}`,
    specs: [
      { name: '颜色', value: color },
      { name: '尺寸', value: size },
    ],
    priceFen,
    originalPriceFen: null,
    stockAvailable,
    soldOut: stockAvailable === 0,
  };
}

const options: SpecOption[] = [
  { name: '颜色', values: ['红', '金'] },
  { name: '尺寸', values: ['小', '大'] },
];
// 金·大 is sold out; 红·大 does not exist.
const skus = [sku(1, '红', '小', 1280, 5), sku(2, '金', '小', 1580, 2), sku(3, '金', '大', 2580, 0)];

describe('isValueSelectable', () => {
  it('should allow values that some SKU in stock has', () => {
    expect(isValueSelectable(skus, {}, '颜色', '红')).toBe(true);
    expect(isValueSelectable(skus, {}, '尺寸', '小')).toBe(true);
  });

  it('should disable values whose only SKUs are sold out', () => {
    expect(isValueSelectable(skus, {}, '尺寸', '大')).toBe(false);
  });

  it('should disable combinations with the other choices that do not exist', () => {
    expect(isValueSelectable(skus, { 颜色: '红' }, '尺寸', '大')).toBe(false);
    expect(isValueSelectable(skus, { 尺寸: '小' }, '颜色', '金')).toBe(true);
  });

  it('should ignore the current value of the same spec', () => {
    expect(isValueSelectable(skus, { 颜色: '红', 尺寸: '小' }, '颜色', '金')).toBe(true);
  });
});

describe('toggleValue', () => {
  it('should choose, replace and clear a value', () => {
    const chosen = toggleValue({}, '颜色', '红');
    expect(chosen).toEqual({ 颜色: '红' });
    expect(toggleValue(chosen, '颜色', '金')).toEqual({ 颜色: '金' });
    expect(toggleValue(chosen, '颜色', '红')).toEqual({});
  });
});

describe('selectedSku', () => {
  it('should find the SKU once every spec is chosen', () => {
    expect(selectedSku(options, skus, { 颜色: '金', 尺寸: '小' })?.id).toBe(2);
  });

  it('should return null while specs are missing', () => {
    expect(selectedSku(options, skus, { 颜色: '金' })).toBeNull();
    expect(missingSpecNames(options, { 颜色: '金' })).toEqual(['尺寸']);
  });

  it('should pick the only SKU of a product without specs', () => {
    const single = { ...sku(9, '', '', 990, 3), specs: [] };
    expect(selectedSku([], [single], {})?.id).toBe(9);
  });
});

describe('initialSelection', () => {
  it('should choose specs that have a single value', () => {
    const oneColour: SpecOption[] = [{ name: '颜色', values: ['红'] }, options[1]!];
    expect(initialSelection(oneColour, skus)).toEqual({ 颜色: '红' });
  });

  it('should choose everything when only one SKU is in stock', () => {
    expect(initialSelection(options, [sku(1, '红', '小', 1280, 1), sku(2, '金', '大', 1280, 0)])).toEqual({ 颜色: '红', 尺寸: '小' });
  });

  it('should choose nothing when the customer has a real choice', () => {
    expect(initialSelection(options, skus)).toEqual({});
  });
});

describe('prices', () => {
  it('should show a range when SKUs differ and a single price otherwise', () => {
    expect(formatPriceRange(priceRange(skus)!)).toBe('¥12.80-¥25.80');
    expect(formatPriceRange(priceRange(matchingSkus(skus, { 颜色: '红' }))!)).toBe('¥12.80');
    expect(priceRange([])).toBeNull();
  });

  it('should describe the choices in spec order', () => {
    expect(describeSelection(options, { 尺寸: '大', 颜色: '金' })).toBe('金，大');
  });
});
