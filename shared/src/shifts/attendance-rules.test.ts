import { describe, expect, it } from 'vitest';
import { attendanceShapeProblem, canMoveAttendance, clockInVerdict } from './attendance-rules';

const startsAt = new Date('2026-03-02T06:00:00Z');
const endsAt = new Date('2026-03-02T08:00:00Z');
const rules = { earlyClockInMinutes: 10, lateGraceMinutes: 5 };
const at = (minutesFromStart: number) => new Date(startsAt.getTime() + minutesFromStart * 60_000);

describe('clockInVerdict', () => {
  it('should refuse one millisecond before the early limit and say when it opens', () => {
    const verdict = clockInVerdict(new Date(at(-10).getTime() - 1), { startsAt, endsAt }, rules);
    expect(verdict).toEqual({ kind: 'too_early', opensAt: at(-10) });
  });
  it('should allow exactly at the early limit, not late', () => {
    expect(clockInVerdict(at(-10), { startsAt, endsAt }, rules)).toEqual({ kind: 'open', late: false });
  });
  it('should not be late at exactly start + grace, and late one millisecond after', () => {
    expect(clockInVerdict(at(5), { startsAt, endsAt }, rules)).toEqual({ kind: 'open', late: false });
    expect(clockInVerdict(new Date(at(5).getTime() + 1), { startsAt, endsAt }, rules)).toEqual({ kind: 'open', late: true });
  });
  it('should refuse at the end of the shift', () => {
    expect(clockInVerdict(endsAt, { startsAt, endsAt }, rules)).toEqual({ kind: 'over' });
  });
});

describe('attendance transitions', () => {
  it('should allow clock in only from scheduled and clock out only from clocked_in', () => {
    expect(canMoveAttendance('scheduled', 'clock_in')).toBe(true);
    expect(canMoveAttendance('clocked_in', 'clock_in')).toBe(false);
    expect(canMoveAttendance('clocked_in', 'clock_out')).toBe(true);
    expect(canMoveAttendance('completed', 'clock_out')).toBe(false);
    expect(canMoveAttendance('auto_closed', 'clock_out')).toBe(false);
  });
});

describe('attendanceShapeProblem', () => {
  it('should match the database shape', () => {
    expect(attendanceShapeProblem({ status: 'completed', clockInAt: startsAt, clockOutAt: endsAt })).toBeNull();
    expect(attendanceShapeProblem({ status: 'completed', clockInAt: startsAt, clockOutAt: null })).not.toBeNull();
    expect(attendanceShapeProblem({ status: 'no_show', clockInAt: startsAt, clockOutAt: null })).not.toBeNull();
    expect(attendanceShapeProblem({ status: 'no_show', clockInAt: null, clockOutAt: null })).toBeNull();
    expect(attendanceShapeProblem({ status: 'completed', clockInAt: endsAt, clockOutAt: startsAt })).not.toBeNull();
  });
});
