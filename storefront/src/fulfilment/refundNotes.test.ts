import { describe, expect, it } from 'vitest';
import { blockedReason } from './refundNotes';

const waiting = { status: 'requested' as const, can: { decide: false, retry: false, dispose: false }, needsTeacher: false, decideBlockedReason: '不能处理自己的订单' };

describe('blockedReason', () => {
  it('should say why a waiting refund cannot be decided by this caller', () => {
    expect(blockedReason(waiting)).toBe('不能处理自己的订单');
  });

  it('should not repeat the 需指导老师审批 badge', () => {
    expect(blockedReason({ ...waiting, needsTeacher: true, decideBlockedReason: '需指导老师审批' })).toBeNull();
    expect(blockedReason({ ...waiting, needsTeacher: true })).toBe('不能处理自己的订单');
  });

  it('should say nothing once decided or when the caller may decide', () => {
    expect(blockedReason({ ...waiting, status: 'refunded' })).toBeNull();
    expect(blockedReason({ ...waiting, can: { decide: true, retry: false, dispose: false }, decideBlockedReason: null })).toBeNull();
  });
});
