import { describe, expect, it } from 'vitest';
import { orderHeadline, orderStatusLabel, parcelStatus, specValuesText } from './orderText';

const parcel = { shippedAt: null, readyAt: null, pickedUpAt: null };

describe('order words', () => {
  it('should say where each parcel is on its way', () => {
    expect(parcelStatus(parcel, 'express', 'pending_payment')).toBe('待付款');
    expect(parcelStatus(parcel, 'express', 'paid')).toBe('待发货');
    expect(parcelStatus({ ...parcel, shippedAt: '2026-11-29T08:00:00Z' }, 'express', 'partially_shipped')).toBe('已发货');
    expect(parcelStatus({ ...parcel, shippedAt: '2026-11-29T08:00:00Z' }, 'express', 'completed')).toBe('已签收');
    expect(parcelStatus(parcel, 'pickup', 'paid')).toBe('备货中');
    expect(parcelStatus({ ...parcel, readyAt: '2026-11-29T08:00:00Z' }, 'pickup', 'ready_for_pickup')).toBe('已备齐，待自提');
    expect(parcelStatus({ ...parcel, pickedUpAt: '2026-11-29T08:00:00Z' }, 'pickup', 'completed')).toBe('已取货');
    expect(parcelStatus(parcel, 'express', 'cancelled')).toBe('已关闭');
  });

  it('should not call a paid pickup order 待发货', () => {
    expect(orderStatusLabel('paid', 'express')).toBe('待发货');
    expect(orderStatusLabel('paid', 'pickup')).toBe('备货中');
  });

  it('should give the cancel reason under a cancelled order', () => {
    const base = { deliveryMethod: 'express' as const, parcels: [], autoCompleteAt: null, pickup: null };
    expect(orderHeadline({ ...base, status: 'cancelled', cancelReason: '不想要了' })).toEqual({ title: '订单已取消', note: '取消原因：不想要了' });
    expect(orderHeadline({ ...base, status: 'shipped', cancelReason: null, autoCompleteAt: '2026-12-06T08:00:00Z' }).note).toContain(
      '2026-12-06 16:00 将自动确认收货',
    );
  });

  it('should list spec values only', () => {
    const specs = [
      { name: '颜色', value: '红' },
      { name: '尺寸', value: '大' },
    ];
    expect(specValuesText(specs)).toBe('红，大');
    expect(specValuesText([])).toBe('');
  });
});
