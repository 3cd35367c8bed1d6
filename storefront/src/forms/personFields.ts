/**
 * Client-side checks of names and mobile numbers, so a typo is caught before a round trip.
 * They mirror `personName` and `MainlandMobile` in shared/src/people.ts, which are zod schemas
 * the storefront must not load; the server's answer stays the authority (its field errors are
 * shown the same way).
 */
const NAME_PATTERN = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N} ·•.'-]*[\p{L}\p{M}\p{N}.])?$/u;
const MAINLAND_MOBILE = /^1[3-9][0-9]{9}$/;

/** The message to show for a person's name, or null when it is fine. Blank is reported too. */
export function personNameProblem(value: string, max: number): string | null {
  const name = value.trim();
  if (!name) return '请填写姓名';
  // UTF-16 length, as the server's zod `.max` counts.
  if (name.length > max) return `姓名最多 ${max} 个字`;
  if (!NAME_PATTERN.test(name)) return '姓名只能包含文字、数字、空格和 · . \' -，不能包含表情或特殊符号';
  return null;
}

export function mobileProblem(value: string): string | null {
  if (!value) return '请填写手机号';
  return MAINLAND_MOBILE.test(value) ? null : '请填写 11 位中国大陆手机号';
}

export function isMainlandMobile(value: string): boolean {
  return MAINLAND_MOBILE.test(value);
}
