import type { ErrorCode } from '@qiaodu/shared';
import { AppError } from '../http/app-error';

/** SQLSTATE unique_violation. */
const UNIQUE_VIOLATION = '23505';

interface DriverError {
  code?: unknown;
  /** postgres.js names the constraint here… */
  constraint_name?: unknown;
  /** …and PGlite here. */
  constraint?: unknown;
}

/** Drizzle wraps the driver's error as `cause`; the SQLSTATE and constraint sit on the driver's. */
export function violatedUniqueConstraint(error: unknown): string | null {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const driver = current as DriverError;
    if (driver.code === UNIQUE_VIOLATION) {
      const name = driver.constraint_name ?? driver.constraint;
      return typeof name === 'string' ? name : null;
    }
  }
  return null;
}

/**
 * Runs a write and answers `code` when it breaks the named unique constraint (or any of them).
 * The database is the judge: checking first and inserting after would let two concurrent
 * requests both pass.
 */
export async function onUniqueViolation<T>(
  work: () => Promise<T>,
  constraint: string | readonly string[],
  code: ErrorCode,
  message?: string,
): Promise<T> {
  const names: readonly string[] = typeof constraint === 'string' ? [constraint] : constraint;
  try {
    return await work();
  } catch (error) {
    const violated = violatedUniqueConstraint(error);
    if (violated !== null && names.includes(violated)) throw new AppError(code, message, undefined, { cause: error });
    throw error;
  }
}
