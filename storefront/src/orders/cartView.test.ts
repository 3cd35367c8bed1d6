import type { CartLine } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { allSelected, checkoutLines, fixableQuantity, groupByTeam, invalidLines, lineMax, problemText, validLines } from './cartView';

function line(overrides: Partial<CartLine>): CartLine {
  return {
    skuId: 1,
    productId: 1,
    title: '生恭鲤鱼摆件',
    specs: [],
    image: null,
    unitPriceFen: 1280,
    quantity: 1,
    selected: true,
    stockAvailable: 10,
    purchaseLimitLeft: null,
    team: { id: 1, name: '非遗工作室' },
    problem: null,
    addedAt: '2026-11-29T08:00:00Z',
    ...overrides,
  };
}

describe('cart view', () => {
  it('should group lines by team in the order their first line comes', () => {
    const lines = [
      line({ skuId: 1, team: { id: 2, name: '汽修美容' } }),
      line({ skuId: 2, team: { id: 1, name: '天天市集' } }),
      line({ skuId: 3, team: { id: 2, name: '汽修美容' } }),
    ];
    expect(groupByTeam(lines).map((group) => [group.team.name, group.lines.map((l) => l.skuId)])).toEqual([
      ['汽修美容', [1, 3]],
      ['天天市集', [2]],
    ]);
  });

  it('should keep lines with a problem apart instead of dropping them', () => {
    const lines = [line({ skuId: 1 }), line({ skuId: 2, problem: 'off_sale' }), line({ skuId: 3, problem: 'sold_out' })];
    expect(validLines(lines).map((l) => l.skuId)).toEqual([1]);
    expect(invalidLines(lines).map((l) => l.skuId)).toEqual([2, 3]);
  });

  it('should take to checkout only the valid selected lines', () => {
    const lines = [
      line({ skuId: 1, quantity: 2 }),
      line({ skuId: 2, selected: false }),
      line({ skuId: 3, problem: 'insufficient', quantity: 5, stockAvailable: 2 }),
    ];
    expect(checkoutLines(lines)).toEqual([{ skuId: 1, quantity: 2 }]);
  });

  it('should cap a line by stock, 限购 and the per-line maximum', () => {
    expect(lineMax({ stockAvailable: 5, purchaseLimitLeft: null })).toBe(5);
    expect(lineMax({ stockAvailable: 5, purchaseLimitLeft: 2 })).toBe(2);
    expect(lineMax({ stockAvailable: 5000, purchaseLimitLeft: null })).toBe(999);
    expect(lineMax({ stockAvailable: 0, purchaseLimitLeft: null })).toBe(0);
  });

  it('should say why a line cannot be bought and what quantity would do', () => {
    const short = line({ problem: 'insufficient', quantity: 5, stockAvailable: 2 });
    expect(problemText(short)).toBe('库存不足，仅剩 2 件');
    expect(fixableQuantity(short)).toBe(2);
    const limited = line({ problem: 'over_limit', quantity: 3, purchaseLimitLeft: 1 });
    expect(problemText(limited)).toBe('超出限购，还可购买 1 件');
    expect(fixableQuantity(limited)).toBe(1);
    const usedUp = line({ problem: 'over_limit', purchaseLimitLeft: 0 });
    expect(problemText(usedUp)).toBe('已达限购数量');
    expect(fixableQuantity(usedUp)).toBeNull();
    expect(problemText(line({ problem: 'off_sale' }))).toBe('已下架');
    expect(fixableQuantity(line({ problem: 'sold_out', stockAvailable: 0 }))).toBeNull();
  });

  it('should count an empty list as not all selected', () => {
    expect(allSelected([])).toBe(false);
    expect(allSelected([line({}), line({ skuId: 2 })])).toBe(true);
    expect(allSelected([line({}), line({ skuId: 2, selected: false })])).toBe(false);
  });
});
