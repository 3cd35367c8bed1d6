import { z } from 'zod';
import { QUERY_FEN_MAX } from './limits';

/**
 * Database ids are positive integers written plainly: "0x10", "1e1", "1.0" or " 1" are 400s,
 * not lookups (and not extra URLs for the response cache to hold). Numbers pass too, for bodies.
 */
export const Id = z
  .union([z.string(), z.number()], { error: 'ID 必须是正整数' })
  .transform((value) => String(value))
  .pipe(
    z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/, { error: 'ID 必须是正整数' })
      .transform(Number)
      .pipe(z.number().max(2_147_483_647, { error: 'ID 超出范围' })),
  );

export const IdParams = z.object({ id: Id });

/** An amount of money in fen: an integer, never a float. */
export const Fen = z.number().int().min(0);

/** Query-string booleans as browsers and mini-programs send them. */
export const QueryBoolean = z
  .enum(['true', 'false', '1', '0'], { error: '只能是 true 或 false' })
  .transform((value) => value === 'true' || value === '1');

export const QueryFen = z.coerce
  .number({ error: '金额必须是以分为单位的整数' })
  .int({ error: '金额必须是以分为单位的整数' })
  .min(0, { error: '金额不能为负数' })
  .max(QUERY_FEN_MAX, { error: '金额超出范围' });

export const Timestamp = z.iso.datetime({ offset: true });

export const ImageRef = z.object({
  url: z.string(),
  alt: z.string(),
});
export type ImageRef = z.infer<typeof ImageRef>;

/**
 * Free text typed by a person: no control characters. PostgreSQL text cannot hold NUL at all,
 * and the rest are never part of a search or a name.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** Half of a UTF-16 pair on its own is not text: PostgreSQL refuses it, drivers mangle it. */
const LONE_SURROGATE = /\p{Cs}/u;
export const PlainText = z
  .string()
  .refine((text) => !CONTROL_CHARACTERS.test(text) && !LONE_SURROGATE.test(text), { error: '包含无效字符' });

/**
 * A string judged by one of the zod-free rules in text-rules.ts (trimmed first unless told
 * not to), so the server and the storefront's forms give the same answer in the same words.
 */
export function textRule(problem: (text: string) => string | null, options: { missing: string; trim?: boolean }) {
  return z
    .string({ error: options.missing })
    .pipe(PlainText)
    .transform((text) => (options.trim === false ? text : text.trim()))
    .superRefine((text, ctx) => {
      const message = problem(text);
      if (message) ctx.addIssue({ code: 'custom', message });
    });
}
