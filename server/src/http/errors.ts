import type { Context } from 'koa';
import { ERROR_DEFINITIONS, type ErrorCode } from '@qiaodu/shared';
import { AppError } from './app-error';
import { loggableError } from './loggable-error';

/** Koa and its middleware throw http-errors; this says which of our codes each status means. */
const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

interface HttpLikeError {
  status?: unknown;
  expose?: unknown;
}

/**
 * SQLSTATEs that mean "try again": the database gave up this transaction because of another one
 * (a deadlock 40P01, a serialization failure 40001; our lock order is meant to make them
 * impossible), or it is momentarily out of room (too many connections 53300, starting up or
 * shutting down 57P03 — seen when many API processes share one server). The client gets a
 * retryable 503, not a 500.
 */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001', '53300', '57P03']);

/** Drizzle wraps the driver's error as `cause`; the SQLSTATE sits on the driver's. */
function isRetryableDatabaseError(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (RETRYABLE_SQLSTATES.has(String((current as { code?: unknown }).code))) return true;
  }
  return false;
}

export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (isRetryableDatabaseError(error)) {
    return new AppError('SERVICE_UNAVAILABLE', '系统繁忙，请稍后重试', undefined, { cause: error, headers: { 'Retry-After': '1' } });
  }
  // Malformed percent-encoding in a path parameter (decodeURIComponent throws).
  if (error instanceof URIError) return new AppError('BAD_REQUEST', '请求地址编码不正确');
  const status = (error as HttpLikeError | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(HTTP_STATUS_CODES[status] ?? 'BAD_REQUEST');
  }
  // @koa/router answers 501 for methods it has never heard of (PROPFIND…); to a client that
  // is simply a method this API does not allow.
  if (status === 501) return new AppError('METHOD_NOT_ALLOWED');
  return null;
}

/**
 * Headers set on the way to a success (ETag, Cache-Control, Content-Encoding…) must not
 * travel with the error; the request id (so the failure can be traced), the security
 * headers and CORS stay.
 */
const KEPT_ON_ERROR = new Set([
  'x-request-id',
  'x-content-type-options',
  'strict-transport-security',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'vary',
]);

function clearHeadersForError(ctx: Context): void {
  if (ctx.headerSent) return;
  for (const name of ctx.res.getHeaderNames()) if (!KEPT_ON_ERROR.has(name)) ctx.res.removeHeader(name);
}

/** The one place where errors become responses: `{"error":{"code","message","details"}}`. */
export function respondWithError(ctx: Context, error: unknown): void {
  const known = toAppError(error);
  if (!known) {
    ctx.log.error({ err: loggableError(error) }, 'unhandled error');
    clearHeadersForError(ctx);
    ctx.status = 500;
    ctx.body = { error: { code: 'INTERNAL_ERROR', message: ERROR_DEFINITIONS.INTERNAL_ERROR.message } };
    return;
  }
  // A 5xx we answer on purpose (busy database, WeChat down) is still worth a line in the log.
  if (known.status >= 500) ctx.log.warn({ err: loggableError(error) }, known.code);
  clearHeadersForError(ctx);
  ctx.status = known.status;
  ctx.body = { error: { code: known.code, message: known.message, details: known.details } };
  const headers = (error as { headers?: unknown }).headers;
  if (headers && typeof headers === 'object') ctx.set(headers as Record<string, string>);
  // Refused before its body was read: the rest of that body would be taken for the next
  // request on a kept-alive connection, so this connection ends with the answer.
  if (!ctx.req.complete) ctx.set('Connection', 'close');
}
