import { atLocal, formatMinuteOfDay, isLocalDate, localDateOf, localMinuteOf } from '@qiaodu/shared';

/** An instant as a `datetime-local` input's value in school time ("2026-03-02T14:05"). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const instant = new Date(iso);
  return `${localDateOf(instant)}T${formatMinuteOfDay(localMinuteOf(instant))}`;
}

/** A `datetime-local` value read as school time; null when empty or malformed. */
export function fromLocalInput(value: string): string | null {
  const [date, time] = value.split('T');
  if (!date || !time || !isLocalDate(date)) return null;
  const [hours, minutes] = time.split(':').map(Number);
  if (hours === undefined || minutes === undefined || Number.isNaN(hours) || Number.isNaN(minutes)) return null;
  return atLocal(date, hours * 60 + minutes).toISOString();
}

/** "14:05" in school time, or "—". */
export function clockText(iso: string | null): string {
  return iso ? formatMinuteOfDay(localMinuteOf(new Date(iso))) : '—';
}
