import { formatMinuteOfDay, localMinuteOf } from '@qiaodu/shared';

/** "14:05" in school time, or "—". */
export function clockText(iso: string | null): string {
  return iso ? formatMinuteOfDay(localMinuteOf(new Date(iso))) : '—';
}
