import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { PGLITE_START_PARAMS, PGLITE_SUBDIR, type Database } from './client';
import type { DbConfig } from './config';
import { acquireDataDirLock } from './lock';

const execFileAsync = promisify(execFile);

/**
 * Runs a PostgreSQL client tool with the connection in PG* environment variables, never on
 * its command line (visible in `ps`, and echoed in error messages with the password).
 */
async function runPgTool(tool: string, args: string[], databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: decodeURIComponent(url.hostname),
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGDATABASE: decodeURIComponent(url.pathname.slice(1)),
  };
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  try {
    await execFileAsync(tool, args, { env });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`${tool} 失败：${stderr || (error as Error).name}`);
  }
}

/** Drops every table, function and the migration journal; migrations then rebuild it all. */
export async function dropEverything(database: Database): Promise<void> {
  await database.db.execute(sql`drop schema if exists drizzle cascade`);
  await database.db.execute(sql`drop schema public cascade`);
  await database.db.execute(sql`create schema public`);
}

export function defaultBackupPath(config: DbConfig, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return config.databaseUrl
    ? resolve(`qiaodu-backup-${stamp}.dump`)
    : join(config.dataDir, 'backups', `qiaodu-${stamp}.tar.gz`);
}

/**
 * Embedded: PGlite's own consistent dump of its data directory (a gzipped tarball), taken
 * through the running client so no second process opens the files. PostgreSQL: pg_dump in
 * its custom format.
 */
export async function backupDatabase(config: DbConfig, database: Database | null, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  if (config.databaseUrl) {
    await runPgTool('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`], config.databaseUrl);
    return;
  }
  if (!database || database.raw.kind !== 'pglite') throw new Error('embedded backup needs the open PGlite database');
  const dump = await database.raw.client.dumpDataDir('gzip');
  await writeFile(target, Buffer.from(await dump.arrayBuffer()));
}

/**
 * Replaces the embedded database with a backup. The current data directory is kept beside
 * it (pglite.before-restore-…), never deleted. Refuses while a server holds the directory.
 */
export async function restoreDatabase(config: DbConfig, source: string): Promise<string | null> {
  if (!existsSync(source)) throw new Error(`备份文件不存在：${source}`);
  if (config.databaseUrl) {
    await runPgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${new URL(config.databaseUrl).pathname.slice(1)}`, source], config.databaseUrl);
    // pg_restore loads data before it creates triggers, so no change was announced: tell
    // every running server to drop its catalog caches.
    const client = postgres(config.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      await client`select pg_notify('catalog_changed', 'restore')`;
    } finally {
      await client.end({ timeout: 5 });
    }
    return null;
  }
  const lock = acquireDataDirLock(config.dataDir);
  try {
    const live = join(config.dataDir, PGLITE_SUBDIR);
    let keptAt: string | null = null;
    if (existsSync(live)) {
      keptAt = `${live}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(live, keptAt);
    }
    const blob = new Blob([await readFile(source)]);
    const restored = await PGlite.create(live, { loadDataDir: blob, startParams: PGLITE_START_PARAMS });
    await restored.query('select 1');
    await restored.close();
    return keptAt;
  } finally {
    lock.release();
  }
}
