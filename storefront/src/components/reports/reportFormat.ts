import { formatHours, localDateOf } from '@qiaodu/shared';

/** The month a report opens on: the current one in school time (YYYY-MM). */
export function currentMonth(now = new Date()): string {
  return localDateOf(now).slice(0, 7);
}

/** The month before or after 'YYYY-MM'. */
export function shiftMonth(month: string, by: number): string {
  const [year = 2000, monthNumber = 1] = month.split('-').map(Number);
  const index = year * 12 + (monthNumber - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "2031 年 3 月" */
export function monthLabel(month: string): string {
  const [year, monthNumber] = month.split('-');
  return `${year} 年 ${Number(monthNumber)} 月`;
}

/** "5.38 小时" */
export function hoursLabel(minutes: number): string {
  return `${formatHours(minutes)} 小时`;
}
