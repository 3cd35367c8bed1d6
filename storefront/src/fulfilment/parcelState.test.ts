import type { TeamOrder } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { parcelState } from './parcelState';

const parcel: TeamOrder['parcel'] = { itemIds: [1], carrier: null, carrierName: null, trackingNo: null, shippedAt: null, readyAt: null, pickedUpAt: null };
const at = '2026-06-01T08:00:00.000Z';

describe('parcelState', () => {
  it("should tell a team what is left to do with its own parcel", () => {
    expect(parcelState({ status: 'paid', deliveryMethod: 'express', parcel }).label).toBe('待发货');
    expect(parcelState({ status: 'paid', deliveryMethod: 'pickup', parcel }).label).toBe('待备货');
    expect(parcelState({ status: 'paid', deliveryMethod: 'pickup', parcel: { ...parcel, readyAt: at } }).label).toBe('已备货 · 等其他团队');
    expect(parcelState({ status: 'ready_for_pickup', deliveryMethod: 'pickup', parcel: { ...parcel, readyAt: at } }).label).toBe('待自提');
  });

  it('should show a shipped parcel as shipped even while another team has not shipped', () => {
    const shipped = { ...parcel, shippedAt: at };
    expect(parcelState({ status: 'partially_shipped', deliveryMethod: 'express', parcel: shipped })).toEqual({ label: '已发货 · 其他团队未发', tone: 'done' });
    expect(parcelState({ status: 'shipped', deliveryMethod: 'express', parcel: shipped }).label).toBe('已发货');
  });

  it('should let the order speak once it is completed or closed', () => {
    expect(parcelState({ status: 'completed', deliveryMethod: 'express', parcel: { ...parcel, shippedAt: at } }).tone).toBe('done');
    expect(parcelState({ status: 'cancelled', deliveryMethod: 'express', parcel }).label).toBe('已关闭');
  });
});
