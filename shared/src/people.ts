import { z } from 'zod';
import { ADDRESS_DETAIL_MAX } from './limits';
import { PlainText } from './primitives';

/**
 * Names of people (a nickname, a parcel's recipient): letters of any script, digits, spaces and
 * the few marks names carry (· . ' -). Emoji and symbols are refused: couriers' systems and
 * printed labels cannot carry them, and nothing in a name needs quotes, semicolons or brackets.
 */
const NAME_PATTERN = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N} ·•.'-]*[\p{L}\p{M}\p{N}.])?$/u;

export function personName(max: number) {
  return z
    .string({ error: '请填写姓名' })
    .transform((text) => text.trim())
    .pipe(
      z
        .string()
        .min(1, { error: '请填写姓名' })
        .max(max, { error: `姓名最多 ${max} 个字` })
        .regex(NAME_PATTERN, { error: '姓名只能包含文字、数字、空格和 · . \' -，不能包含表情或特殊符号' }),
    );
}

/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const MainlandMobile = z
  .string({ error: '请填写手机号' })
  .regex(/^1[3-9][0-9]{9}$/, { error: '请填写 11 位中国大陆手机号' });

/** Emoji and pictographs: refused in address text for the same reason as in names. */
const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/u;

export const AddressDetail = PlainText.transform((text) => text.trim()).pipe(
  z
    .string()
    .min(2, { error: '请填写详细地址' })
    .max(ADDRESS_DETAIL_MAX, { error: `详细地址最多 ${ADDRESS_DETAIL_MAX} 个字` })
    .refine((text) => !PICTOGRAPHS.test(text), { error: '详细地址不能包含表情符号' }),
);

/**
 * Names of teams and partners: words, digits and the marks organisations use
 * (金鸿印象·粤菜师傅实训厨房, 江门一职 3D 打印创客工作室, A&B（江门）). No markup, quotes or semicolons.
 */
const ORGANISATION_NAME_PATTERN = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N} ·•.&()（）+、-]*[\p{L}\p{M}\p{N}.)）])?$/u;

export function organisationName(label: string, min: number, max: number) {
  return z
    .string({ error: `请填写${label}` })
    .transform((text) => text.trim())
    .pipe(
      z
        .string()
        .min(min, { error: `${label}至少 ${min} 个字` })
        .max(max, { error: `${label}最多 ${max} 个字` })
        .regex(ORGANISATION_NAME_PATTERN, { error: `${label}只能包含文字、数字、空格和 · . & ( ) + 、 -` }),
    );
}
