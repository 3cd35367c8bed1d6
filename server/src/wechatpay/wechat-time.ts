/**
 * WeChat Pay's time format: RFC 3339 in Beijing time with an explicit offset, whole seconds
 * (`2018-06-08T10:34:56+08:00`), as its documents write time_expire and as it answers times.
 */
export function wechatTime(date: Date): string {
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The other way: a time WeChat sent (success_time…) as a Date; null when absent or not a time. */
export function parseWechatTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * At most `max` characters, counted as WeChat counts them (Unicode characters, not UTF-16 units
 * or bytes), so a cut never splits a character in two.
 */
export function truncateCharacters(text: string, max: number): string {
  const characters = [...text];
  return characters.length <= max ? text : characters.slice(0, max).join('');
}
