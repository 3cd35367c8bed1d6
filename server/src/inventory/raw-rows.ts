/**
 * Rows of a raw `tx.execute(sql…)`: postgres.js answers an array of rows, PGlite an object
 * with `rows`. Hot paths (order placement, bulk stock moves) use raw statements with one JSON
 * parameter because building a many-row insert with the query builder costs more CPU than the
 * database spends on it.
 */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** A json/jsonb column: parsed by postgres.js, sometimes still text elsewhere. */
export function jsonOf<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
