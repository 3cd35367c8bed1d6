/**
 * An error as it may be written to the log. A failed query's message and stack carry the
 * query's parameters (Drizzle: "Failed query: … params: 陈晓琳,13800005678,…"), and a database
 * error's `detail` repeats key values: both can hold customers' personal data, which must never
 * reach a log (PIPL). What stays: the error's kind, the SQL without values, the database's
 * code and constraint, and where it was thrown.
 */
export interface LoggableError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  constraint?: string;
  table?: string;
  cause?: LoggableError;
}

const PARAMS_SECTION = /\nparams:[\s\S]*$/;

function scrub(text: string): string {
  return text.replace(PARAMS_SECTION, '\nparams: [withheld]');
}

/** The stack rebuilt from the scrubbed message and the frames: the original repeats the message. */
function framesOf(error: Error, message: string): string {
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}: ${message}`, ...frames].join('\n');
}

function stringField(error: object, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = (error as Record<string, unknown>)[name];
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error)) return { type: typeof error, message: '[not an Error]' };
  const message = scrub(error.message);
  const logged: LoggableError = {
    type: error.name,
    message,
    stack: error.stack ? framesOf(error, message) : undefined,
    code: stringField(error, 'code'),
    constraint: stringField(error, 'constraint', 'constraint_name'),
    table: stringField(error, 'table', 'table_name'),
  };
  // A database error's own message names the problem, not the values (those are in `detail`).
  if (error.cause !== undefined && depth < 3) logged.cause = loggableError(error.cause, depth + 1);
  return logged;
}
