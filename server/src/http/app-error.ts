import { ERROR_DEFINITIONS, type ErrorCode } from '@qiaodu/shared';

/**
 * A failure the client may be told about: a code from the shared list, its Chinese message
 * (or a more specific one), and optional details. Anything else that is thrown is a bug and
 * becomes a generic 500 whose cause stays in the log.
 */
export class AppError extends Error {
  readonly status: number;
  /** Sent with the error answer, e.g. Retry-After on a 429. */
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message ?? ERROR_DEFINITIONS[code].message, options);
    this.headers = options?.headers;
    this.name = 'AppError';
    this.status = ERROR_DEFINITIONS[code].status;
  }
}
