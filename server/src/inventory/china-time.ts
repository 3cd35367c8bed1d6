/**
 * The shop keeps its books in China time (UTC+8, no daylight saving): date filters and CSV
 * exports speak in its calendar days whatever the server's own time zone is.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant a China-time day (YYYY-MM-DD) starts. */
export function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** Inclusive China-time days as a half-open range of instants [from, until). */
export function chinaDayRange(days: { from?: string; to?: string }): { from?: Date; until?: Date } {
  return {
    from: days.from === undefined ? undefined : chinaDayStart(days.from),
    until: days.to === undefined ? undefined : new Date(chinaDayStart(days.to).getTime() + DAY_MS),
  };
}

/** "2024-06-01 08:30:00" in China time, as a spreadsheet reads it. */
export function formatChinaDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** "2024-06-01": the China-time calendar day of an instant. */
export function chinaDate(at: Date): string {
  return formatChinaDateTime(at).slice(0, 10);
}
