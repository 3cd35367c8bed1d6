import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { DbKind } from '@qiaodu/shared';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DbConfig } from './config';
import { listenPostgres } from './listen-postgres';
import { acquireDataDirLock } from './lock';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface ListenHandlers {
  onNotify: (payload: string) => void;
  /** Called when listening (re)starts: notifications may have been missed before it. */
  onListen?: () => void;
  /** Called when the listening connection is lost; onListen follows once it is back. */
  onLost?: () => void;
}

export interface Database {
  readonly db: Db;
  readonly kind: DbKind;
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /** A trivial round trip: throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The raw client, for maintenance commands only (backup, reset). */
  readonly raw: { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; client: postgres.Sql; url: string };
}

export interface OpenOptions {
  /** postgres.js pool size per process. */
  maxConnections?: number;
}

export const PGLITE_SUBDIR = 'pglite';

/** PGlite's defaults start Postgres with -F (fsync off); we want committed data on disk. */
export const PGLITE_START_PARAMS = PGlite.defaultStartParams.filter((param) => param !== '-F');

export async function openDatabase(config: DbConfig, options: OpenOptions = {}): Promise<Database> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, options)
    : openPglite(join(config.dataDir, PGLITE_SUBDIR), config.dataDir);
}

function openPostgres(url: string, options: OpenOptions): Database {
  const client = postgres(url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    connection: { application_name: 'qiaodu-mall', TimeZone: 'UTC' },
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    raw: { kind: 'postgres', client, url },
    async ping() {
      await client`select 1`;
    },
    listen(channel, handlers) {
      return listenPostgres(url, channel, handlers);
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite(pgDataDir: string, lockDir: string): Promise<Database> {
  const lock = acquireDataDirLock(lockDir);
  let client: PGlite;
  try {
    client = await PGlite.create(pgDataDir, { startParams: PGLITE_START_PARAMS });
  } catch (error) {
    lock.release();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    raw: { kind: 'pglite', client },
    async ping() {
      await client.query('select 1');
    },
    async listen(channel, handlers) {
      const unsubscribe = await client.listen(channel, handlers.onNotify);
      handlers.onListen?.();
      return unsubscribe;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock.release();
      }
    },
  };
}
