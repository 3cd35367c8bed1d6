import { describe, expect, it } from 'vitest';
import { fromLocalInput, localInstant, localSpan, parseMinute, toLocalInput } from './localTimeInput';

describe('local time inputs', () => {
  it('should read a date and a time as school time (UTC+8)', () => {
    expect(localInstant('2026-12-01', '08:30')).toBe('2026-12-01T00:30:00.000Z');
    expect(localInstant('2026-12-01', '7:05')).toBe('2026-11-30T23:05:00.000Z');
  });

  it('should answer null for a typo instead of throwing', () => {
    expect(localInstant('2026-13-01', '08:00')).toBeNull();
    expect(localInstant('2026-12-1', '08:00')).toBeNull();
    expect(localInstant('', '08:00')).toBeNull();
    expect(localInstant('2026-12-01', '8点')).toBeNull();
    expect(localInstant('2026-12-01', '08:75')).toBeNull();
    expect(parseMinute('25:00')).toBeNull();
  });

  it('should round-trip a datetime-local value, with or without seconds', () => {
    expect(toLocalInput('2026-03-02T06:05:00.000Z')).toBe('2026-03-02T14:05');
    expect(fromLocalInput('2026-03-02T14:05')).toBe('2026-03-02T06:05:00.000Z');
    expect(fromLocalInput('2026-03-02T14:05:30')).toBe('2026-03-02T06:05:00.000Z');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2026-03-02')).toBeNull();
    expect(toLocalInput(null)).toBe('');
  });

  it('should give a span or the reason not to send it', () => {
    expect(localSpan('2026-12-01', '16:00', '18:00')).toEqual({ startsAt: '2026-12-01T08:00:00.000Z', endsAt: '2026-12-01T10:00:00.000Z' });
    expect(localSpan('', '16:00', '18:00')).toEqual({ problem: '请选择日期' });
    expect(localSpan('2026-12-01', '', '18:00')).toEqual({ problem: '请选择开始和结束时间' });
    expect(localSpan('2026-12-01', '18:00', '16:00')).toEqual({ problem: '结束时间须晚于开始时间' });
  });
});
