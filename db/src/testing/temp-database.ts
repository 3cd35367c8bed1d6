import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Database, openDatabase } from '../client';
import { migrateDatabase } from '../migrate';

/** A migrated PGlite database in a temp folder for one test file; read `database` inside tests. */
export function useTempDatabase(prefix: string): { readonly database: Database } {
  let dataDir: string | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `qiaodu-${prefix}-`));
    database = await openDatabase({ databaseUrl: undefined, dataDir }, {});
    await migrateDatabase(database);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return {
    get database() {
      if (!database) throw new Error('the database opens in beforeAll');
      return database;
    },
  };
}

/** The constraint a write broke (PGlite names it `constraint`, postgres.js `constraint_name`); null when it succeeded. */
export async function violatedConstraint(write: Promise<unknown>): Promise<string | null> {
  try {
    await write;
    return null;
  } catch (error) {
    for (let current: unknown = error; current instanceof Error; current = current.cause) {
      const driver = current as { constraint?: unknown; constraint_name?: unknown };
      const name = driver.constraint ?? driver.constraint_name;
      if (typeof name === 'string') return name;
    }
    throw error;
  }
}
