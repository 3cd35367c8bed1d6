import type { FieldIssue } from '@qiaodu/shared';
import { isApiError } from './http';

/** Field name → the message to show under that field. */
export type FieldErrors = Record<string, string>;

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/**
 * The field problems of a VALIDATION_FAILED answer, keyed by the top-level body field
 * (`body.partnerIds.0` → `partnerIds`), first message per field; null for any other error.
 * Problems with the body as a whole land under the empty key.
 */
export function fieldErrorsOf(error: unknown): FieldErrors | null {
  if (!isApiError(error, 'VALIDATION_FAILED') || !Array.isArray(error.details)) return null;
  const errors: FieldErrors = {};
  for (const issue of error.details) {
    if (!isFieldIssue(issue)) continue;
    const [part, field = ''] = issue.path.split('.');
    if (part !== 'body') continue;
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Like `fieldErrorsOf`, keyed by the whole path inside the body (`skus.1.priceFen`), for forms
 * with rows of fields; the first message per path. Null for any other error.
 */
export function fieldErrorsByPath(error: unknown): FieldErrors | null {
  if (!isApiError(error, 'VALIDATION_FAILED') || !Array.isArray(error.details)) return null;
  const errors: FieldErrors = {};
  for (const issue of error.details) {
    if (!isFieldIssue(issue)) continue;
    const [part, ...rest] = issue.path.split('.');
    if (part !== 'body') continue;
    errors[rest.join('.')] ??= issue.message;
  }
  return errors;
}
