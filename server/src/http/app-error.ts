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
    // A 4xx is an answer to the client, not a bug: capturing its stack cost a sold-out flash
    // sale 6% of the CPU (profiled), and nothing reads it. Server errors keep theirs.
    const stackTraceLimit = Error.stackTraceLimit;
    if (ERROR_DEFINITIONS[code].status < 500) Error.stackTraceLimit = 0;
    super(message ?? ERROR_DEFINITIONS[code].message, options);
    Error.stackTraceLimit = stackTraceLimit;
    this.headers = options?.headers;
    this.name = 'AppError';
    this.status = ERROR_DEFINITIONS[code].status;
  }
}
