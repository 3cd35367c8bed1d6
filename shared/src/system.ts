import { z } from 'zod';
import { ERROR_CODES } from './errors';

export const DB_KINDS = ['pglite', 'postgres'] as const;
export type DbKind = (typeof DB_KINDS)[number];

export const HealthResponse = z.object({
  status: z.literal('ok'),
  db: z.enum(DB_KINDS),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One field problem in a VALIDATION_FAILED error's details. */
export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;
