import { formatMinuteOfDay, localMinuteOf } from '@qiaodu/shared';

// Input ⇄ instant conversion lives in localTimeInput.ts; re-exported for the sheets that import it here.
export { fromLocalInput, toLocalInput } from './localTimeInput';

/** "14:05" in school time, or "—". */
export function clockText(iso: string | null): string {
  return iso ? formatMinuteOfDay(localMinuteOf(new Date(iso))) : '—';
}
