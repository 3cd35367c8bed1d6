import { describe, expect, it } from 'vitest';
import { accuracyText, fenToYuanText, movementLabel, signedQuantity, specsText } from './format';

describe('stock formats', () => {
  it('should show fen as yuan for editing', () => {
    expect(fenToYuanText(1280)).toBe('12.80');
    expect(fenToYuanText(5)).toBe('0.05');
    expect(fenToYuanText(100_000_000)).toBe('1000000.00');
  });

  it('should sign ledger quantities', () => {
    expect(signedQuantity(20)).toBe('+20');
    expect(signedQuantity(-3)).toBe('-3');
  });

  it('should show accuracy in permille as a percentage with one decimal', () => {
    expect(accuracyText(950)).toBe('95.0%');
    expect(accuracyText(1000)).toBe('100.0%');
    expect(accuracyText(null)).toBe('—');
  });

  it('should name specs and movements in words', () => {
    expect(specsText([])).toBe('默认规格');
    expect(specsText([{ name: '颜色', value: '红' }, { name: '尺寸', value: '大' }])).toBe('颜色：红 / 尺寸：大');
    expect(movementLabel({ type: 'adjust', reason: 'damage' })).toBe('调整 · 破损');
    expect(movementLabel({ type: 'receive', reason: null })).toBe('入库');
  });
});
