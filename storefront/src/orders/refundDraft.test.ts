import type { OrderDetail, OrderItem } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { chosenTeamId, chosenValueFen, refundableItems, refundLines, wholeOrderEstimateFen } from './refundDraft';

function item(id: number, overrides: Partial<OrderItem> = {}): OrderItem {
  return {
    id,
    skuId: id,
    productId: id,
    title: `商品${id}`,
    specs: [],
    image: null,
    unitPriceFen: 1000,
    quantity: 2,
    lineFen: 2000,
    team: { id: 1, name: '天天市集' },
    refundedQuantity: 0,
    refundableQuantity: 2,
    ...overrides,
  };
}

type MoneyOrder = Pick<OrderDetail, 'items' | 'parcels' | 'shippingFen' | 'paidFen' | 'refundedFen'>;
const parcel = (shippedAt: string | null): OrderDetail['parcels'][number] => ({
  team: { id: 1, name: '天天市集' },
  itemIds: [1],
  carrier: null,
  carrierName: null,
  trackingNo: null,
  shippedAt,
  readyAt: null,
  pickedUpAt: null,
});

describe('refund draft', () => {
  it('should offer only items with units left to refund', () => {
    const order = { items: [item(1), item(2, { refundedQuantity: 2, refundableQuantity: 0 })] };
    expect(refundableItems(order).map((i) => i.id)).toEqual([1]);
  });

  it('should value the chosen units at their unit price, never beyond what is refundable', () => {
    const items = [item(1), item(2, { unitPriceFen: 550, refundableQuantity: 1 })];
    expect(chosenValueFen(items, { 1: 1, 2: 5 })).toBe(1000 + 550);
    expect(refundLines({ 1: 1, 2: 0, 3: 2 })).toEqual([
      { orderItemId: 1, quantity: 1 },
      { orderItemId: 3, quantity: 2 },
    ]);
  });

  it('should know the one team whose items are chosen', () => {
    const items = [item(1), item(2, { team: { id: 2, name: '汽修美容' } })];
    expect(chosenTeamId(items, {})).toBeNull();
    expect(chosenTeamId(items, { 2: 1 })).toBe(2);
  });

  it('should include shipping in a whole-order estimate only while nothing has shipped', () => {
    const order: MoneyOrder = { items: [item(1)], parcels: [parcel(null)], shippingFen: 800, paidFen: 2800, refundedFen: 0 };
    expect(wholeOrderEstimateFen(order)).toBe(2800);
    expect(wholeOrderEstimateFen({ ...order, parcels: [parcel('2026-11-29T08:00:00Z')] })).toBe(2000);
    expect(wholeOrderEstimateFen({ ...order, refundedFen: 2000 })).toBe(800);
  });
});
