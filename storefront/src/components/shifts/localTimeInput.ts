import { atLocal, formatMinuteOfDay, isLocalDate, localDateOf, localMinuteOf } from '@qiaodu/shared';

/**
 * The one place form inputs (type="date", type="time", type="datetime-local") become instants in
 * school time and back. Every reader returns null on bad input instead of throwing, so a form can
 * say what is wrong before sending anything.
 */

/** "HH:MM" (a time input's value) as minutes of the day; null when malformed. */
export function parseMinute(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minute <= 1440 ? minute : null;
}

/** "08:30" for 510. */
export function minuteText(minute: number): string {
  return formatMinuteOfDay(minute);
}

/** A local date and "HH:MM" as an ISO instant in school time; null when either is malformed. */
export function localInstant(date: string, time: string): string | null {
  const minute = parseMinute(time);
  if (minute === null || !isLocalDate(date)) return null;
  return atLocal(date, minute).toISOString();
}

/** An instant as a `datetime-local` input's value in school time ("2026-03-02T14:05"). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const instant = new Date(iso);
  return `${localDateOf(instant)}T${formatMinuteOfDay(localMinuteOf(instant))}`;
}

/** A `datetime-local` value read as school time; null when empty or malformed. */
export function fromLocalInput(value: string): string | null {
  const [date, time, ...rest] = value.split('T');
  if (date === undefined || time === undefined || rest.length > 0) return null;
  // A datetime-local value may carry seconds ("14:05:00"); the school counts whole minutes.
  return localInstant(date, time.slice(0, 5));
}

/**
 * A span on one local day from a date and two "HH:MM" inputs: the instants, or the Chinese
 * message a form shows (nothing is sent then).
 */
export function localSpan(date: string, from: string, to: string): { startsAt: string; endsAt: string } | { problem: string } {
  if (!isLocalDate(date)) return { problem: '请选择日期' };
  const startsAt = localInstant(date, from);
  const endsAt = localInstant(date, to);
  if (startsAt === null || endsAt === null) return { problem: '请选择开始和结束时间' };
  if (endsAt <= startsAt) return { problem: '结束时间须晚于开始时间' };
  return { startsAt, endsAt };
}
