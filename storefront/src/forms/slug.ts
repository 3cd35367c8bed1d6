/** URL names of teams and partners, as shared/src/console.ts `Slug` checks them (zod-free copy). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 40;

export function slugProblem(value: string): string | null {
  if (!value) return '请填写英文标识';
  if (value.length > SLUG_MAX) return `标识最多 ${SLUG_MAX} 个字符`;
  return SLUG.test(value) ? null : '标识只能包含小写字母、数字和连字符';
}

/** Trimmed text between min and max characters (`boundedText` in shared/src/console.ts). */
export function lengthProblem(value: string, label: string, min: number, max: number): string | null {
  const text = value.trim();
  if (text.length < min) return min > 0 ? `请填写${label}` : `${label}不正确`;
  if (text.length > max) return `${label}最多 ${max} 个字`;
  return null;
}
