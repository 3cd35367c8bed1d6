import { describe, expect, it } from 'vitest';
import { decodeCheckoutItems, encodeCheckoutItems } from './checkoutItems';

describe('checkout items in the URL', () => {
  it('should round-trip the selection', () => {
    const items = [
      { skuId: 12, quantity: 2 },
      { skuId: 15, quantity: 1 },
    ];
    expect(encodeCheckoutItems(items)).toBe('12:2,15:1');
    expect(decodeCheckoutItems('12:2,15:1')).toEqual(items);
  });

  it('should refuse what this shop never makes', () => {
    for (const bad of ['', '12', '12:0', '12:1000', '0:1', '12:1,12:2', 'a:1', '12:1;13:1', '12:-1', '12:1.5']) {
      expect(decodeCheckoutItems(bad), bad).toBeNull();
    }
    expect(decodeCheckoutItems(['12:1'])).toBeNull();
    expect(decodeCheckoutItems(Array.from({ length: 51 }, (_, i) => `${i + 1}:1`).join(','))).toBeNull();
  });
});
