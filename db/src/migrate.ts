import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Database } from './client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

/** Any fixed number: every process that migrates takes the same advisory lock. */
const MIGRATION_LOCK_KEY = 7_320_410_551;

/**
 * Applies the committed SQL migrations. On PostgreSQL several API processes may start at
 * once, so they take turns under an advisory lock (released when the connection ends).
 */
export async function migrateDatabase(database: Database): Promise<void> {
  const { raw } = database;
  if (raw.kind === 'pglite') {
    await migratePglite(drizzlePglite(raw.client), { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  // A client of its own with one connection, so the session-level advisory lock and the
  // migration run on the same connection.
  const client = postgres(raw.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end({ timeout: 5 });
  }
}
