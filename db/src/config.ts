import { resolve } from 'node:path';

export interface DbConfig {
  /** postgres://… for a PostgreSQL server; absent for the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Where the embedded database (and later uploads) live. */
  dataDir: string;
}

export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  return { databaseUrl, dataDir: resolve(env.DATA_DIR?.trim() || './data') };
}
