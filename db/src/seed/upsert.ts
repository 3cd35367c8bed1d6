import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';

/** Column names come from the schema, never from data; quoting keeps them exact anyway. */
const excluded = (column: PgColumn): SQL => sql.raw(`excluded."${column.name.replaceAll('"', '""')}"`);

/**
 * ON CONFLICT DO UPDATE that copies the given columns from the proposed row, and only when
 * one of them differs: an unchanged row is left alone, updated_at and triggers included, so
 * seeding twice leaves the rows exactly as they were.
 */
export function upsertFrom<TTable extends PgTable>(
  table: TTable,
  keys: readonly (keyof TTable['$inferInsert'] & string)[],
  options: { touchUpdatedAt: boolean },
): { set: PgUpdateSetSource<TTable>; setWhere: SQL } {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const picked = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`no column ${key} in the table`);
    return column;
  });
  const set: Record<string, SQL> = {};
  keys.forEach((key, i) => {
    set[key] = excluded(picked[i]!);
  });
  if (options.touchUpdatedAt) set.updatedAt = sql`now()`;
  const setWhere = sql`(${sql.join(picked, sql`, `)}) is distinct from (${sql.join(picked.map(excluded), sql`, `)})`;
  return { set: set as PgUpdateSetSource<TTable>, setWhere };
}

export function requireId(ids: Map<string, number>, slug: string, what: string): number {
  const id = ids.get(slug);
  if (id === undefined) throw new Error(`seed: unknown ${what} "${slug}"`);
  return id;
}

export const toMap = (rows: { id: number; slug: string }[]) => new Map(rows.map((row) => [row.slug, row.id]));

