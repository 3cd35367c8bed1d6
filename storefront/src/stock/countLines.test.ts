import type { StockCountLine } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { countLinesToSave, countShortfalls, mergeCountEntries, varianceSummary } from './countLines';

const line = (skuId: number, countedQuantity: number | null, variance: number | null): StockCountLine => ({
  skuId,
  code: `C${skuId}`,
  specs: [],
  productTitle: `商品${skuId}`,
  expectedQuantity: 10,
  countedQuantity,
  variance,
  countedBy: null,
  countedAt: null,
  stockAvailable: 10,
});

describe('countLinesToSave', () => {
  it('should send only the lines whose typed count changed', () => {
    const lines = [line(1, null, null), line(2, 8, -2), line(3, 5, -5)];
    expect(countLinesToSave(lines, { 1: '10', 2: '8', 3: ' ' })).toEqual({ lines: [{ skuId: 1, countedQuantity: 10 }], problems: {} });
    // A number input's v-model answers numbers.
    expect(countLinesToSave(lines, { 1: 12, 2: 8 })).toEqual({ lines: [{ skuId: 1, countedQuantity: 12 }], problems: {} });
  });

  it('should refuse negative and fractional counts by line', () => {
    expect(countLinesToSave([line(1, null, null), line(2, null, null)], { 1: '-1', 2: '2.5' }).problems).toEqual({
      1: '盘点数量不能小于 0',
      2: '盘点数量必须是整数',
    });
  });
});

describe('varianceSummary', () => {
  it('should list the lines that will move stock', () => {
    expect(varianceSummary([line(1, 10, 0), line(2, 8, -2)])).toBe('以下 1 个规格有差异，审核后将按差异调整库存：\n商品2（默认规格）-2');
    expect(varianceSummary([line(1, 10, 0)])).toBe('所有规格的实盘数量与系统库存一致，审核后不会产生库存调整。');
  });
});

describe('mergeCountEntries', () => {
  it('should show what is saved for untouched lines and keep what the user typed in touched ones', () => {
    const lines = [line(1, 7, -3), line(2, null, null), line(3, 4, -6)];
    // Line 1 was saved by another member since; line 3 is being typed on this phone.
    const entries = { 1: '', 2: '', 3: '9' };
    expect(mergeCountEntries(lines, entries, new Set([3]))).toEqual({ 1: '7', 2: '', 3: '9' });
    expect(mergeCountEntries(lines, entries, new Set())).toEqual({ 1: '7', 2: '', 3: '4' });
  });

  it('should drop entries of lines another count had', () => {
    expect(mergeCountEntries([line(5, null, null)], { 1: '3', 5: '' }, new Set([1]))).toEqual({ 5: '' });
  });
});

describe('countShortfalls', () => {
  it('should read the SKUs an approval refused, and nothing from other details', () => {
    const sku = { skuId: 4, code: 'BAG-S', counted: 4, expected: 10, stockNow: 3 };
    expect(countShortfalls({ skus: [sku, { skuId: 'x' }] })).toEqual([sku]);
    expect(countShortfalls({ skuId: 4 })).toEqual([]);
    expect(countShortfalls(undefined)).toEqual([]);
    expect(countShortfalls(null)).toEqual([]);
  });
});
