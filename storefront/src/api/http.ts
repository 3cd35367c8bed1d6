import { ERROR_DEFINITIONS, isErrorCode } from '@qiaodu/shared';
import type { ErrorCode, HttpMethod } from '@qiaodu/shared';

/** Codes the client produces itself when no answer from the API arrived. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'BAD_RESPONSE';

export const CLIENT_ERROR_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  TIMEOUT: '网络超时，请稍后重试',
  BAD_RESPONSE: '服务器返回了无法识别的内容，请稍后重试',
};

/** Every failed call ends up here; `message` is always fit to show to the customer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, code?: ErrorCode | ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** The customer-facing message for anything a call may throw. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : CLIENT_ERROR_MESSAGES.NETWORK_ERROR;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export type PathParams = Record<string, string | number>;
export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Substitutes Koa-style `:name` segments and appends the query, skipping empty values. */
export function buildUrl(path: string, params: PathParams = {}, query: QueryParams = {}): string {
  const filled = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`缺少路径参数 ${name}（${path}）`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/** Reads `{"error":{"code","message","details"}}`; anything else is judged by its status. */
export function parseErrorBody(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
      if (isErrorCode(code)) {
        const text = typeof message === 'string' && message ? message : ERROR_DEFINITIONS[code].message;
        return new ApiError(code, text, status, details);
      }
    }
  }
  const code = fallbackCode(status);
  return new ApiError(code, ERROR_DEFINITIONS[code].message, status);
}

function fallbackCode(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  if (status >= 500) return 'INTERNAL_ERROR';
  return 'BAD_REQUEST';
}

/** How the client learns about the session without depending on the store that keeps it. */
export interface SessionHooks {
  /** The bearer token of the current session, or null when logged out. */
  token(): string | null;
  /** The server answered 401 UNAUTHENTICATED to a call made with `token`: it expired or was revoked. */
  onUnauthenticated(token: string): void;
}

let sessionHooks: SessionHooks | null = null;

/** Called by the session store when it is created; `null` disconnects (tests). */
export function connectSession(hooks: SessionHooks | null): void {
  sessionHooks = hooks;
}

/** The current bearer token, for the few calls that cannot go through `request` (uploads, file downloads). */
export function bearerToken(): string | null {
  return sessionHooks?.token() ?? null;
}

/** Such a call was answered 401 for `token`: the session is over, as `request` would conclude. */
export function reportUnauthenticated(token: string): void {
  sessionHooks?.onUnauthenticated(token);
}

/** What every call accepts besides its own arguments. */
export interface CallOptions {
  signal?: AbortSignal;
}

export interface RequestOptions {
  params?: PathParams;
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Milliseconds before the call fails with TIMEOUT; phones on campus Wi-Fi can stall. */
  timeoutMs?: number;
  /** Extra request headers (an order's Idempotency-Key). */
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The one HTTP client. Same-origin paths only: in the mini-program web-view the H5 and the API
 * share the business domain, so no cross-site cookies or CORS are involved.
 */
export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const url = buildUrl(path, options.params, options.query);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const forwardAbort = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', forwardAbort, { once: true });

  // Read once: the answer is judged against the token that was actually sent.
  const token = sessionHooks?.token() ?? null;

  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: method.toUpperCase(),
        headers: {
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
      });
    } catch (error) {
      throw transportError(error, timedOut, options.signal);
    }

    let body: unknown = undefined;
    const text = await response.text().catch((error: unknown) => {
      throw transportError(error, timedOut, options.signal);
    });
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        if (response.ok) throw new ApiError('BAD_RESPONSE', CLIENT_ERROR_MESSAGES.BAD_RESPONSE, response.status);
      }
    }
    if (!response.ok) {
      const error = parseErrorBody(response.status, body);
      if (token && error.code === 'UNAUTHENTICATED') sessionHooks?.onUnauthenticated(token);
      throw error;
    }
    return body as T;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forwardAbort);
  }
}

function transportError(error: unknown, timedOut: boolean, signal: AbortSignal | undefined): unknown {
  // A caller's own abort is not a failure: pass the AbortError through so it can be ignored.
  if (signal?.aborted) return isAbortError(error) ? error : new DOMException('Aborted', 'AbortError');
  if (timedOut) return new ApiError('TIMEOUT', CLIENT_ERROR_MESSAGES.TIMEOUT, 0);
  return new ApiError('NETWORK_ERROR', CLIENT_ERROR_MESSAGES.NETWORK_ERROR, 0);
}
