import { describe, expect, it } from 'vitest';
import { addDays, atLocal, formatMinuteOfDay, isLocalDate, isoWeekdayOf, isWithinLocalYears, localDateOf, localMinuteOf, monthStartOf, nextMonthStart, weekStartOf } from './local-time';

describe('school local time (UTC+8)', () => {
  it('should put 23:30 UTC on the next local day', () => {
    const instant = new Date('2026-11-29T23:30:00Z');
    expect(localDateOf(instant)).toBe('2026-11-30');
    expect(localMinuteOf(instant)).toBe(7 * 60 + 30);
  });

  it('should build local instants and read them back', () => {
    const start = atLocal('2026-12-01', 510);
    expect(start.toISOString()).toBe('2026-12-01T00:30:00.000Z');
    expect(localDateOf(start)).toBe('2026-12-01');
    expect(localMinuteOf(start)).toBe(510);
    expect(atLocal('2026-12-01', 1440).getTime()).toBe(atLocal('2026-12-02', 0).getTime());
  });

  it('should count weeks from Monday and months from the first', () => {
    expect(isoWeekdayOf('2026-11-29')).toBe(7);
    expect(weekStartOf('2026-11-29')).toBe('2026-11-23');
    expect(weekStartOf('2026-11-30')).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(monthStartOf('2026-11-29')).toBe('2026-11-01');
    expect(nextMonthStart('2026-12-15')).toBe('2027-01-01');
  });

  it('should refuse impossible dates and format minutes', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(formatMinuteOfDay(510)).toBe('08:30');
  });
});

describe('the calendar years (2000–2099)', () => {
  it('should refuse dates outside them, where date arithmetic would throw', () => {
    expect(isLocalDate('9999-12-31')).toBe(false);
    expect(isLocalDate('1999-12-31')).toBe(false);
    expect(isLocalDate('0001-01-01')).toBe(false);
    expect(isLocalDate('2000-01-01')).toBe(true);
    expect(isLocalDate('2099-12-31')).toBe(true);
    expect(isWithinLocalYears(new Date('0001-01-01T00:00:00Z'))).toBe(false);
    expect(isWithinLocalYears(new Date('2026-12-01T08:00:00+08:00'))).toBe(true);
  });
});
