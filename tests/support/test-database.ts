import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type Database } from '@qiaodu/db';
import { seedDemoData } from '@qiaodu/db/seed';
import postgres from 'postgres';

/** Set to a PostgreSQL server's URL to run the API tests there instead of on PGlite. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export interface TestDatabase {
  database: Database;
  /** Open another connection pool to the same database, as a second process would. */
  openAnother(): Promise<Database>;
  dispose(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * A fresh, migrated (and by default seeded) database for one test file: a PGlite data
 * directory in a temp folder, or a new database on the PostgreSQL server.
 */
export async function createTestDatabase(options: { seed?: boolean } = {}): Promise<TestDatabase> {
  const seed = options.seed ?? true;
  if (!TEST_DATABASE_URL) {
    const dataDir = await mkdtemp(join(tmpdir(), 'qiaodu-test-'));
    const database = await openDatabase({ databaseUrl: undefined, dataDir });
    await migrateDatabase(database);
    if (seed) await seedDemoData(database.db);
    return {
      database,
      // PGlite is one connection in one process: "another process" is the same handle.
      openAnother: async () => ({ ...database, close: async () => {} }),
      async dispose() {
        await database.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `qiaodu_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabaseName(TEST_DATABASE_URL, name);
  const database = await openDatabase({ databaseUrl: url, dataDir: tmpdir() }, { maxConnections: 5 });
  await migrateDatabase(database);
  if (seed) await seedDemoData(database.db);
  const others: Database[] = [];
  return {
    database,
    async openAnother() {
      const other = await openDatabase({ databaseUrl: url, dataDir: tmpdir() }, { maxConnections: 3 });
      others.push(other);
      return other;
    },
    async dispose() {
      await Promise.all([database, ...others].map((db) => db.close()));
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
