import { describe, expect, it } from 'vitest';
import { SCHEDULE_WEEK_STATUSES, SHIFT_STATUSES, SWAP_REQUEST_STATUSES } from '../shift-enums';
import { canTransitionPlace, canTransitionShift, canTransitionSwap, canTransitionWeek, formatShiftMinutes, SWAP_TRANSITIONS } from './planning-rules';

describe('shift planning transitions', () => {
  it('should publish a draft week once and cancel a shift once', () => {
    expect(SCHEDULE_WEEK_STATUSES.filter((s) => canTransitionWeek(s, 'publish'))).toEqual(['draft']);
    expect(SHIFT_STATUSES.filter((s) => canTransitionShift(s, 'cancel'))).toEqual(['draft', 'published']);
  });

  it('should move only scheduled places away and take back only released ones', () => {
    expect(canTransitionPlace('scheduled', 'withdraw')).toBe(true);
    expect(canTransitionPlace('clocked_in', 'withdraw')).toBe(false);
    expect(canTransitionPlace('completed', 'remove')).toBe(false);
    expect(canTransitionPlace('released', 'retake')).toBe(true);
  });

  it('should run swaps request → accepted → approved and end every other way', () => {
    expect(canTransitionSwap('requested', 'accept')).toBe(true);
    expect(canTransitionSwap('requested', 'approve')).toBe(false);
    expect(canTransitionSwap('accepted', 'approve')).toBe(true);
    expect(canTransitionSwap('accepted', 'withdraw')).toBe(true);
    for (const ended of ['approved', 'declined', 'rejected', 'withdrawn'] as const) {
      for (const transition of Object.keys(SWAP_TRANSITIONS) as (keyof typeof SWAP_TRANSITIONS)[]) {
        expect(canTransitionSwap(ended, transition), `${ended} ${transition}`).toBe(false);
      }
    }
    expect(SWAP_REQUEST_STATUSES).toContain('declined');
  });

  it('should word minutes as students read them', () => {
    expect([formatShiftMinutes(480), formatShiftMinutes(61), formatShiftMinutes(45), formatShiftMinutes(0)]).toEqual(['8 小时', '1 小时 1 分钟', '45 分钟', '0 分钟']);
  });
});
