import { z } from 'zod';
import { ADDRESS_DETAIL_MAX } from './limits';
import { PlainText, textRule } from './primitives';
import { mobileProblem, organisationNameProblem, personNameProblem } from './text-rules';

export const personName = (max: number) => textRule((text) => personNameProblem(text, max), { missing: '请填写姓名' });

export const MainlandMobile = textRule(mobileProblem, { missing: '请填写手机号', trim: false });

/** Emoji and pictographs: refused in address text for the same reason as in names. */
const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/u;

export const AddressDetail = PlainText.transform((text) => text.trim()).pipe(
  z
    .string()
    .min(2, { error: '请填写详细地址' })
    .max(ADDRESS_DETAIL_MAX, { error: `详细地址最多 ${ADDRESS_DETAIL_MAX} 个字` })
    .refine((text) => !PICTOGRAPHS.test(text), { error: '详细地址不能包含表情符号' }),
);

export const organisationName = (label: string, min: number, max: number) =>
  textRule((text) => organisationNameProblem(text, label, min, max), { missing: `请填写${label}` });
