import {
  addDays,
  formatMinuteOfDay,
  formatShiftMinutes,
  localDateOf,
  localMinuteOf,
  monthStartOf,
  nextMonthStart,
  weekStartOf,
  type LimitProblem,
} from '@qiaodu/shared';

/** A shift a student holds a place on (or would take), as the limits see it. */
export interface TimedShift {
  startsAt: Date;
  endsAt: Date;
}

export interface LimitRules {
  maxWeeklyMinutes: number;
  maxMonthlyMinutes: number;
  minRestMinutes: number;
}

const MINUTE_MS = 60_000;

export function minutesOf(shift: TimedShift): number {
  return Math.round((shift.endsAt.getTime() - shift.startsAt.getTime()) / MINUTE_MS);
}

/** A shift counts toward the local week and month it starts in (template shifts never cross midnight). */
const weekOf = (shift: TimedShift) => weekStartOf(localDateOf(shift.startsAt));
const monthOf = (shift: TimedShift) => monthStartOf(localDateOf(shift.startsAt));

/** Scheduled minutes in the local week and month of `at`. */
export function scheduledMinutes(held: readonly TimedShift[], at: Date): { week: number; month: number } {
  const probe = { startsAt: at, endsAt: at };
  let week = 0;
  let month = 0;
  for (const shift of held) {
    if (weekOf(shift) === weekOf(probe)) week += minutesOf(shift);
    if (monthOf(shift) === monthOf(probe)) month += minutesOf(shift);
  }
  return { week, month };
}

/**
 * The instants between which a student's held shifts can matter to a candidate: its local week
 * and month, and a day either side for overlaps and rest.
 */
export function limitWindow(candidate: TimedShift): { from: Date; to: Date } {
  const date = localDateOf(candidate.startsAt);
  const first = [weekStartOf(date), monthStartOf(date)].sort()[0]!;
  const last = [addDays(weekStartOf(date), 7), nextMonthStart(date)].sort()[1]!;
  const day = 24 * 60 * MINUTE_MS;
  const from = new Date(Date.parse(`${first}T00:00:00+08:00`) - day);
  const to = new Date(Math.max(Date.parse(`${last}T00:00:00+08:00`), candidate.endsAt.getTime()) + day);
  return { from, to };
}

function describe(shift: TimedShift): string {
  const date = localDateOf(shift.startsAt);
  return `${date.slice(5)} ${formatMinuteOfDay(localMinuteOf(shift.startsAt))}–${formatMinuteOfDay(localMinuteOf(shift.endsAt))}`;
}

/**
 * What taking `candidate` would break for a student who holds `held` (the school's work-study
 * rules): an overlap (never allowed), the weekly and monthly minutes, the rest between shifts.
 * Pure arithmetic, so the boundaries (exactly 8 h is allowed, one minute more is not) are unit-tested.
 */
export function limitProblems(candidate: TimedShift, held: readonly TimedShift[], rules: LimitRules): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const start = candidate.startsAt.getTime();
  const end = candidate.endsAt.getTime();

  const overlapping = held.find((shift) => shift.startsAt.getTime() < end && start < shift.endsAt.getTime());
  if (overlapping) {
    problems.push({ code: 'overlap', overridable: false, message: `与已安排的班次（${describe(overlapping)}）时间重叠` });
  }

  const minutes = minutesOf(candidate);
  const week = held.filter((shift) => weekOf(shift) === weekOf(candidate)).reduce((sum, shift) => sum + minutesOf(shift), 0);
  if (week + minutes > rules.maxWeeklyMinutes) {
    problems.push({
      code: 'weekly',
      overridable: true,
      message: `本周已排 ${formatShiftMinutes(week)}，再加 ${formatShiftMinutes(minutes)}将超过每周 ${formatShiftMinutes(rules.maxWeeklyMinutes)}上限`,
    });
  }
  const month = held.filter((shift) => monthOf(shift) === monthOf(candidate)).reduce((sum, shift) => sum + minutesOf(shift), 0);
  if (month + minutes > rules.maxMonthlyMinutes) {
    problems.push({
      code: 'monthly',
      overridable: true,
      message: `本月已排 ${formatShiftMinutes(month)}，再加 ${formatShiftMinutes(minutes)}将超过每月 ${formatShiftMinutes(rules.maxMonthlyMinutes)}上限`,
    });
  }

  if (rules.minRestMinutes > 0) {
    const restMs = rules.minRestMinutes * MINUTE_MS;
    for (const shift of held) {
      if (shift === overlapping) continue;
      const gap = shift.endsAt.getTime() <= start ? start - shift.endsAt.getTime() : shift.startsAt.getTime() - end;
      if (gap >= 0 && gap < restMs) {
        problems.push({
          code: 'rest',
          overridable: true,
          message: `与班次（${describe(shift)}）之间只休息 ${formatShiftMinutes(Math.round(gap / MINUTE_MS))}，至少需要休息 ${formatShiftMinutes(rules.minRestMinutes)}`,
        });
        break;
      }
    }
  }
  return problems;
}
