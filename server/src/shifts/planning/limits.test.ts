import { atLocal } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { limitProblems, limitWindow, scheduledMinutes } from './limits';

const rules = { maxWeeklyMinutes: 480, maxMonthlyMinutes: 2400, minRestMinutes: 0 };
/** 2026-11-30 is a Monday. */
const shift = (date: string, from: number, to: number) => ({ startsAt: atLocal(date, from), endsAt: atLocal(date, to) });

describe('shift limits', () => {
  it('should allow exactly 8 hours a week and refuse one minute more, naming the numbers', () => {
    const held = [shift('2026-11-30', 480, 720), shift('2026-12-01', 480, 600)]; // 4 h + 2 h
    expect(limitProblems(shift('2026-12-02', 480, 600), held, rules)).toEqual([]);
    const over = limitProblems(shift('2026-12-02', 480, 601), held, rules);
    expect(over.map((p) => p.code)).toEqual(['weekly']);
    expect(over[0]!.message).toBe('本周已排 6 小时，再加 2 小时 1 分钟将超过每周 8 小时上限');
  });

  it('should count the week Monday to Sunday in local time', () => {
    const held = [shift('2026-11-29', 480, 960)]; // Sunday of the week before: 8 h
    expect(limitProblems(shift('2026-11-30', 480, 600), held, rules)).toEqual([]);
    expect(limitProblems(shift('2026-11-28', 480, 481), held, rules).map((p) => p.code)).toEqual(['weekly']);
  });

  it('should hold the month limit across weeks and not count another month', () => {
    const monthly = { ...rules, maxWeeklyMinutes: 10_000, maxMonthlyMinutes: 600 };
    const held = [shift('2026-12-01', 480, 720), shift('2026-12-08', 480, 720)]; // 8 h in December
    expect(limitProblems(shift('2026-12-20', 480, 600), held, monthly)).toEqual([]);
    const over = limitProblems(shift('2026-12-20', 480, 601), held, monthly);
    expect(over.map((p) => p.code)).toEqual(['monthly']);
    expect(over[0]!.message).toContain('每月 10 小时上限');
    expect(limitProblems(shift('2026-11-30', 480, 720), held, monthly)).toEqual([]);
  });

  it('should refuse overlaps as not overridable and allow back-to-back shifts without a rest rule', () => {
    const held = [shift('2026-12-01', 480, 600)];
    const overlap = limitProblems(shift('2026-12-01', 599, 700), held, rules);
    expect(overlap).toEqual([expect.objectContaining({ code: 'overlap', overridable: false })]);
    expect(limitProblems(shift('2026-12-01', 600, 700), held, rules)).toEqual([]);
  });

  it('should require the minimum rest on both sides', () => {
    const rested = { ...rules, minRestMinutes: 60 };
    const held = [shift('2026-12-01', 480, 600)];
    expect(limitProblems(shift('2026-12-01', 660, 720), held, rested)).toEqual([]);
    const tooSoon = limitProblems(shift('2026-12-01', 659, 720), held, rested);
    expect(tooSoon.map((p) => p.code)).toEqual(['rest']);
    expect(tooSoon[0]!.message).toContain('只休息 59 分钟，至少需要休息 1 小时');
    expect(limitProblems(shift('2026-12-01', 400, 421), held, rested).map((p) => p.code)).toEqual(['rest']);
    expect(limitProblems(shift('2026-12-01', 400, 420), held, rested)).toEqual([]);
  });

  it('should sum scheduled minutes of the week and month of an instant, and cover both in the window', () => {
    const held = [shift('2026-11-30', 480, 600), shift('2026-12-01', 480, 540), shift('2026-12-08', 480, 540)];
    expect(scheduledMinutes(held, atLocal('2026-12-01', 0))).toEqual({ week: 180, month: 120 });
    const window = limitWindow(shift('2026-12-01', 480, 600));
    expect(window.from.getTime()).toBeLessThanOrEqual(atLocal('2026-11-30', 0).getTime());
    expect(window.to.getTime()).toBeGreaterThanOrEqual(atLocal('2027-01-01', 0).getTime());
  });
});
