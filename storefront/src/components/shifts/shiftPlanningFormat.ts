import { addDays, formatMinuteOfDay, isoWeekdayOf, localDateOf, localMinuteOf, weekStartOf } from '@qiaodu/shared';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** "周二" for a local date. */
export function weekdayLabel(date: string): string {
  return WEEKDAYS[isoWeekdayOf(date) - 1] ?? '';
}

/** "12月01日 周二". */
export function dayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${date.slice(8, 10)}日 ${weekdayLabel(date)}`;
}

/** "09:00–11:00" in school time. */
export function timeRange(startsAt: string, endsAt: string): string {
  const end = new Date(endsAt);
  const crosses = localDateOf(end) !== localDateOf(new Date(startsAt));
  return `${formatMinuteOfDay(localMinuteOf(new Date(startsAt)))}–${crosses ? '次日 ' : ''}${formatMinuteOfDay(localMinuteOf(end))}`;
}

/** "12月01日 周二 09:00–11:00". */
export function shiftWhen(startsAt: string, endsAt: string): string {
  return `${dayLabel(localDateOf(new Date(startsAt)))} ${timeRange(startsAt, endsAt)}`;
}

/** "11月30日 – 12月06日". */
export function weekRangeLabel(weekStart: string): string {
  const end = addDays(weekStart, 6);
  return `${Number(weekStart.slice(5, 7))}月${weekStart.slice(8, 10)}日 – ${Number(end.slice(5, 7))}月${end.slice(8, 10)}日`;
}

/** The Monday of the week the school is in now. */
export function currentWeekStart(now = new Date()): string {
  return weekStartOf(localDateOf(now));
}
