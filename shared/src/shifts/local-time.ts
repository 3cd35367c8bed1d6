/**
 * The school's calendar: shifts, weeks, months and terms are counted in Jiangmen's local time
 * (Asia/Shanghai). China has no daylight saving, so local time is UTC+8 all year and these
 * helpers are exact arithmetic, with no time-zone database (the storefront ships them too).
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A local calendar date, YYYY-MM-DD. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMidnightOf(date: LocalDate): number {
  const match = LOCAL_DATE.exec(date);
  if (!match) throw new RangeError(`not a local date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function formatUtcDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The local date an instant falls on. */
export function localDateOf(instant: Date): LocalDate {
  return formatUtcDate(instant.getTime() + OFFSET_MS);
}

/** Minutes since local midnight (8:30 → 510). */
export function localMinuteOf(instant: Date): number {
  const ms = (instant.getTime() + OFFSET_MS) % DAY_MS;
  return Math.floor(ms / 60_000);
}

/** The instant of `minute` minutes after local midnight of `date` (minute 1440 is the next midnight). */
export function atLocal(date: LocalDate, minute: number): Date {
  return new Date(utcMidnightOf(date) - OFFSET_MS + minute * 60_000);
}

/** ISO weekday of a local date: Monday 1 … Sunday 7. */
export function isoWeekdayOf(date: LocalDate): number {
  const day = new Date(utcMidnightOf(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return formatUtcDate(utcMidnightOf(date) + days * DAY_MS);
}

/** The Monday of the week a local date is in. */
export function weekStartOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekdayOf(date));
}

/** The first day of the month a local date is in. */
export function monthStartOf(date: LocalDate): LocalDate {
  return `${date.slice(0, 8)}01`;
}

/** The first day of the next month. */
export function nextMonthStart(date: LocalDate): LocalDate {
  const ms = utcMidnightOf(monthStartOf(date));
  const next = new Date(ms);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return formatUtcDate(next.getTime());
}

/**
 * The years the school's calendar works in. Beyond them date arithmetic leaves what
 * Date and PostgreSQL accept (year 9999 + 1 day is a RangeError), so a date outside is bad input.
 */
export const FIRST_LOCAL_YEAR = 2000;
export const LAST_LOCAL_YEAR = 2099;

export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  return year >= FIRST_LOCAL_YEAR && year <= LAST_LOCAL_YEAR && formatUtcDate(utcMidnightOf(value)) === value;
}

/** An instant within the calendar's years (by its local date): timestamps from requests are checked with it. */
export function isWithinLocalYears(instant: Date): boolean {
  return !Number.isNaN(instant.getTime()) && isLocalDate(localDateOf(instant));
}

/** "08:30" for 510. */
export function formatMinuteOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
