import type { AssignmentStatus } from '../shift-enums';

type Instant = Date | string;

function ms(instant: Instant): number {
  return instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
}

/** The times worked minutes are computed from: the attendance clock and the shift's own hours. */
export interface WorkedTimes {
  clockInAt: Instant | null;
  clockOutAt: Instant | null;
  startsAt: Instant;
  endsAt: Instant;
}

/**
 * Minutes a student worked on a place: the overlap of [clock in, clock out] with the shift's
 * [start, end], in whole minutes rounded down. Clocking in early or staying late is not paid
 * (the shift is what was planned and approved), and a partial minute is not a minute worked.
 * A place without both clock times has worked nothing.
 */
export function workedMinutes({ clockInAt, clockOutAt, startsAt, endsAt }: WorkedTimes): number {
  if (clockInAt === null || clockOutAt === null) return 0;
  const from = Math.max(ms(clockInAt), ms(startsAt));
  const to = Math.min(ms(clockOutAt), ms(endsAt));
  if (!(to > from)) return 0;
  return Math.floor((to - from) / 60_000);
}

/** What decides whether a place's minutes count towards hours and pay. */
export interface PlaceForHours {
  status: AssignmentStatus;
  reviewedAt: Instant | null;
}

/**
 * Completed places count; an auto-closed place (forgotten clock-out) counts only once a lead or
 * teacher has reviewed it, since its clock-out time was set by the job, not by the student.
 */
export function countsForHours({ status, reviewedAt }: PlaceForHours): boolean {
  return status === 'completed' || (status === 'auto_closed' && reviewedAt !== null);
}

/** Worked minutes of a place if it counts for hours, else 0. */
export function paidMinutes(place: PlaceForHours & WorkedTimes): number {
  return countsForHours(place) ? workedMinutes(place) : 0;
}

/**
 * Pay of one place in fen: minutes × hourly rate / 60, rounded half up to the fen. Pay is
 * rounded per place and the places' pay summed (not per month): each place shows the pay it
 * earned and a month's total is exactly the sum of the lines the student sees.
 */
export function payFen(minutes: number, hourlyRateFen: number): number {
  return Math.round((minutes * hourlyRateFen) / 60);
}

/** Minutes as hours with two decimals, as the school's office reads them (90 → "1.50"). */
export function formatHours(minutes: number): string {
  return (minutes / 60).toFixed(2);
}
