import type { FieldIssue } from '@qiaodu/shared';
import { z } from 'zod';
import { AppError } from './app-error';

// Our schemas carry Chinese messages for what users get wrong; zod's own (wrong types, unknown
// keys) are for API callers, and they read Chinese too.
z.config(z.locales.zhCN());

export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Parses one part of a request with its shared schema; failure is a 400 that changes nothing. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: 'params' | 'query' | 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = issuesToDetails(result.error.issues).map((issue) => ({
      ...issue,
      path: issue.path ? `${part}.${issue.path}` : part,
    }));
    throw new AppError('VALIDATION_FAILED', details[0]?.message ?? undefined, details);
  }
  return result.data;
}
