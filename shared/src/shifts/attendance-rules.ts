import type { AssignmentStatus } from '../shift-enums';
import { formatMinuteOfDay, localDateOf, localMinuteOf } from './local-time';

/**
 * How a student's place moves while the shift is worked (DESIGN.md: every state has a transition
 * table; an illegal move is 409 INVALID_STATE). Corrections by a lead or teacher are not moves:
 * they rewrite the attendance with a reason and keep the before/after (attendance_corrections).
 */
export const ATTENDANCE_TRANSITIONS = {
  clock_in: { from: ['scheduled'], to: 'clocked_in' },
  clock_out: { from: ['clocked_in'], to: 'completed' },
  /** Job: nobody clocked in by the end of a published shift. */
  mark_no_show: { from: ['scheduled'], to: 'no_show' },
  /** Job: still clocked in at end + auto-close minutes; clock-out = end, flagged for review. */
  auto_close: { from: ['clocked_in'], to: 'auto_closed' },
} as const satisfies Record<string, { from: readonly AssignmentStatus[]; to: AssignmentStatus }>;
export type AttendanceTransition = keyof typeof ATTENDANCE_TRANSITIONS;

export function canMoveAttendance(status: AssignmentStatus, transition: AttendanceTransition): boolean {
  return (ATTENDANCE_TRANSITIONS[transition].from as readonly AssignmentStatus[]).includes(status);
}

/** Why a clock action is refused in this status, in words a student understands. */
export function refusedAttendanceMessage(status: AssignmentStatus, transition: AttendanceTransition): string {
  if (transition === 'clock_in') {
    if (status === 'clocked_in') return '你已经签到了';
    if (status === 'released') return '这个班次已让出，不能签到';
    if (status === 'no_show') return '班次已结束并记为缺勤，如有疑问请联系组长更正';
    return '这个班次已签退，不能再签到';
  }
  if (status === 'scheduled') return '还没有签到，不能签退';
  if (status === 'auto_closed') return '班次已被系统自动签退，请联系组长复核';
  return '这个班次已经签退了';
}

/** The statuses a correction may set: the ones a finished shift ends in by hand. */
export const CORRECTABLE_STATUSES = ['completed', 'no_show'] as const satisfies readonly AssignmentStatus[];

/**
 * A correction never touches these: a released place is someone else's now. (A place whose shift
 * has not ended has not happened yet either; the service refuses it by the shift's end.)
 */
export const UNCORRECTABLE_STATUSES = ['released'] as const satisfies readonly AssignmentStatus[];

/** What a clock-in at `now` means under the rules: too early, too late (shift over), or allowed (late or not). */
export type ClockInVerdict = { kind: 'too_early'; opensAt: Date } | { kind: 'over' } | { kind: 'open'; late: boolean };

export function clockInVerdict(
  now: Date,
  shift: { startsAt: Date; endsAt: Date },
  rules: { earlyClockInMinutes: number; lateGraceMinutes: number },
): ClockInVerdict {
  const opensAt = new Date(shift.startsAt.getTime() - rules.earlyClockInMinutes * 60_000);
  if (now < opensAt) return { kind: 'too_early', opensAt };
  if (now >= shift.endsAt) return { kind: 'over' };
  return { kind: 'open', late: now.getTime() > shift.startsAt.getTime() + rules.lateGraceMinutes * 60_000 };
}

/** Attendance as a correction sees it: the fields it may change. */
export interface AttendanceState {
  status: AssignmentStatus;
  clockInAt: Date | null;
  clockOutAt: Date | null;
}

/**
 * The same shape the database's assignments_clock_shape CHECK enforces, as a message: a
 * correction that breaks it is the caller's mistake (422), not a 500 from the constraint.
 */
export function attendanceShapeProblem(state: AttendanceState): string | null {
  const { status, clockInAt, clockOutAt } = state;
  const needsIn = status === 'clocked_in' || status === 'completed' || status === 'auto_closed';
  const needsOut = status === 'completed' || status === 'auto_closed';
  if (needsIn && !clockInAt) return '该状态需要签到时间';
  if (needsOut && !clockOutAt) return '该状态需要签退时间';
  if (!needsIn && clockInAt) return '缺勤、待上岗的记录不能有签到时间';
  if (!needsOut && clockOutAt) return '该状态不能有签退时间';
  if (clockInAt && clockOutAt && clockOutAt < clockInAt) return '签退时间不能早于签到时间';
  return null;
}

/** "3月2日 14:00–16:00" in school time, for messages and lists. */
export function describeShiftTime(startsAt: Date, endsAt: Date): string {
  const date = localDateOf(startsAt);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${formatMinuteOfDay(localMinuteOf(startsAt))}–${formatMinuteOfDay(localMinuteOf(endsAt) || 1440)}`;
}

/** "14:00" or, on another day than `today`, "3月3日 14:00". */
export function describeLocalMoment(instant: Date, now: Date): string {
  const date = localDateOf(instant);
  const time = formatMinuteOfDay(localMinuteOf(instant));
  return date === localDateOf(now) ? time : `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${time}`;
}
