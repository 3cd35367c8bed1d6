import { describe, expect, it } from 'vitest';
import { isOverdue, waitingText } from './waiting';

const paidAt = '2026-06-01T08:00:00.000Z';
const after = (minutes: number) => new Date(paidAt).getTime() + minutes * 60_000;

describe('waitingText', () => {
  it('should say how long a paid order has waited in minutes, hours, then days', () => {
    expect(waitingText(paidAt, after(0.5))).toBe('刚刚付款');
    expect(waitingText(paidAt, after(25))).toBe('等待 25 分钟');
    expect(waitingText(paidAt, after(185))).toBe('等待 3 小时');
    expect(waitingText(paidAt, after(3 * 24 * 60))).toBe('等待 3 天');
  });

  it('should show nothing for an unreadable time', () => {
    expect(waitingText('not a date', after(5))).toBe('');
  });

  it('should count an order as late after a day', () => {
    expect(isOverdue(paidAt, after(23 * 60))).toBe(false);
    expect(isOverdue(paidAt, after(25 * 60))).toBe(true);
  });
});
