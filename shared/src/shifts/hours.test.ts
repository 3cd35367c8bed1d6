import { describe, expect, it } from 'vitest';
import { countsForHours, formatHours, paidMinutes, payFen, workedMinutes } from './hours';

const startsAt = '2026-12-01T06:00:00.000Z';
const endsAt = '2026-12-01T08:00:00.000Z';

describe('worked minutes', () => {
  it('should count the whole shift when clocked in early and out late', () => {
    expect(workedMinutes({ clockInAt: '2026-12-01T05:50:00Z', clockOutAt: '2026-12-01T08:20:00Z', startsAt, endsAt })).toBe(120);
  });

  it('should count only the overlap when late or leaving early', () => {
    expect(workedMinutes({ clockInAt: '2026-12-01T06:07:00Z', clockOutAt: '2026-12-01T07:30:00Z', startsAt, endsAt })).toBe(83);
  });

  it('should round partial minutes down', () => {
    expect(workedMinutes({ clockInAt: new Date('2026-12-01T06:00:30Z'), clockOutAt: new Date('2026-12-01T06:10:00Z'), startsAt, endsAt })).toBe(9);
  });

  it('should be zero without both clock times or outside the shift', () => {
    expect(workedMinutes({ clockInAt: null, clockOutAt: null, startsAt, endsAt })).toBe(0);
    expect(workedMinutes({ clockInAt: startsAt, clockOutAt: null, startsAt, endsAt })).toBe(0);
    expect(workedMinutes({ clockInAt: '2026-12-01T08:10:00Z', clockOutAt: '2026-12-01T08:20:00Z', startsAt, endsAt })).toBe(0);
  });
});

describe('places that count for hours', () => {
  it('should count completed places and reviewed auto-closed ones only', () => {
    expect(countsForHours({ status: 'completed', reviewedAt: null })).toBe(true);
    expect(countsForHours({ status: 'auto_closed', reviewedAt: null })).toBe(false);
    expect(countsForHours({ status: 'auto_closed', reviewedAt: '2026-12-02T00:00:00Z' })).toBe(true);
    expect(countsForHours({ status: 'no_show', reviewedAt: null })).toBe(false);
    expect(countsForHours({ status: 'clocked_in', reviewedAt: null })).toBe(false);
  });

  it('should pay nothing for an unreviewed auto-closed place', () => {
    expect(paidMinutes({ status: 'auto_closed', reviewedAt: null, clockInAt: startsAt, clockOutAt: endsAt, startsAt, endsAt })).toBe(0);
  });
});

describe('pay', () => {
  it('should round each place to the fen, half up', () => {
    expect(payFen(120, 1200)).toBe(2400);
    // 83 min at ¥12.50/h = 1729.1666… fen
    expect(payFen(83, 1250)).toBe(1729);
    // 1 min at ¥12.30/h = 20.5 fen → 21
    expect(payFen(1, 1230)).toBe(21);
  });

  it('should show hours with two decimals', () => {
    expect(formatHours(90)).toBe('1.50');
    expect(formatHours(83)).toBe('1.38');
  });
});
