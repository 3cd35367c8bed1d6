/**
 * Rules for what people type into names, phones and identifiers, zod-free: the storefront's
 * forms check with these before a round trip, and the shared zod schemas wrap the same
 * functions, so the two can never disagree. Each returns the message to show, or null.
 */

/**
 * Names of people (a nickname, a parcel's recipient): letters of any script, digits, spaces and
 * the few marks names carry (· . ' -). Emoji and symbols are refused: couriers' systems and
 * printed labels cannot carry them, and nothing in a name needs quotes, semicolons or brackets.
 */
const PERSON_NAME = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N} ·•.'-]*[\p{L}\p{M}\p{N}.])?$/u;

/**
 * Names of teams and partners: words, digits and the marks organisations use
 * (金鸿印象·粤菜师傅实训厨房, 江门一职 3D 打印创客工作室, A&B（江门）). No markup, quotes or semicolons.
 */
const ORGANISATION_NAME = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N} ·•.&()（）+、-]*[\p{L}\p{M}\p{N}.)）])?$/u;

/** Mainland China mobile numbers: 11 digits starting 13–19. */
const MAINLAND_MOBILE = /^1[3-9][0-9]{9}$/;

/** URL names of teams and partners: lower-case words joined by hyphens. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 40;

// Lengths are UTF-16 units, as zod's `.max` counts them.

export function personNameProblem(value: string, max: number): string | null {
  const name = value.trim();
  if (!name) return '请填写姓名';
  if (name.length > max) return `姓名最多 ${max} 个字`;
  if (!PERSON_NAME.test(name)) return '姓名只能包含文字、数字、空格和 · . \' -，不能包含表情或特殊符号';
  return null;
}

export function organisationNameProblem(value: string, label: string, min: number, max: number): string | null {
  const name = value.trim();
  if (!name) return `请填写${label}`;
  if (name.length < min) return `${label}至少 ${min} 个字`;
  if (name.length > max) return `${label}最多 ${max} 个字`;
  if (!ORGANISATION_NAME.test(name)) return `${label}只能包含文字、数字、空格和 · . & ( ) + 、 -`;
  return null;
}

export function isMainlandMobile(value: string): boolean {
  return MAINLAND_MOBILE.test(value);
}

export function mobileProblem(value: string): string | null {
  if (!value) return '请填写手机号';
  return isMainlandMobile(value) ? null : '请填写 11 位中国大陆手机号';
}

export function slugProblem(value: string): string | null {
  if (!value) return '请填写英文标识';
  if (value.length > SLUG_MAX) return `标识最多 ${SLUG_MAX} 个字符`;
  return SLUG.test(value) ? null : '标识只能包含小写字母、数字和连字符';
}

/** Trimmed text between min and max characters. */
export function lengthProblem(value: string, label: string, min: number, max: number): string | null {
  const text = value.trim();
  if (text.length < min) return `请填写${label}`;
  if (text.length > max) return `${label}最多 ${max} 个字`;
  return null;
}
