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
