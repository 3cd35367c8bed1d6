import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase, type Database } from '@qiaodu/db';
import { SEED_IMAGES_DIR, hasDemoPeople, isCatalogEmpty, seedDemoData } from '@qiaodu/db/seed';
import pino, { type Logger } from 'pino';
import { buildApp, type BuiltApp } from './app';
import { createLocalDiskStorage, UPLOADS_URL_PREFIX } from './media/storage';
import { exitOnFailure } from './cli/exit-on-failure';
import { loadServerConfig, type ServerConfig } from './config';
import { closeGracefully, createHttpServer } from './http/server';
import { isDemoMode } from './wechat/config';
import { STOREFRONT_DIST } from './paths';

const SHUTDOWN_GRACE_MS = 10_000;

/** Migrates, and seeds an empty demo shop; true when it seeded the demo people just now. */
async function prepareDatabase(config: ServerConfig, database: Database, logger: Logger): Promise<boolean> {
  await migrateDatabase(database);
  // Demo people (an admin among them) only where demo login exists; a database seeded before
  // accounts existed gets them the same way.
  const demo = isDemoMode(config.wechat);
  const missing = (await isCatalogEmpty(database.db)) || (demo && !(await hasDemoPeople(database.db)));
  if (!config.demoSeed || !missing) return false;
  logger.info(await seedDemoData(database.db, { people: demo }), 'seeded demo data');
  return demo;
}

/** Starts one API process: open and migrate the database, seed the demo if empty, serve. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadServerConfig(env, { storefrontDist: STOREFRONT_DIST });
  const logger = pino({ level: config.logLevel, base: { service: 'qiaodu-mall' } });
  const database = await openDatabase(config.db);
  let built: BuiltApp | undefined;
  let server: Server;
  try {
    const seededDemoPeople = await prepareDatabase(config, database, logger);
    built = await buildApp({
      database,
      logger,
      storefrontDist: config.storefrontDist,
      mediaDirs: { '/media/seed/': SEED_IMAGES_DIR },
      mediaStorage: createLocalDiskStorage({ dir: resolve(config.db.dataDir, 'media'), urlPrefix: UPLOADS_URL_PREFIX }),
      trustProxy: config.trustProxy,
      proxyHops: config.proxyHops,
      catalogCache: config.catalogCache,
      sessionCache: config.sessionCache,
      wechat: config.wechat,
      wechatPay: config.wechatPay,
      // Demo mode's simulator keys, made on the first start (no merchant configured).
      demoPayKeysDir: resolve(config.db.dataDir, 'wechatpay-demo'),
      corsOrigins: config.corsOrigins,
      loginRateLimitPerMinute: config.loginRateLimitPerMinute,
      orderSettings: config.orders,
      placeDemoOrders: seededDemoPeople,
      validateResponses: env.NODE_ENV === 'development',
    });
    server = createHttpServer(built.app.callback());
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(config.port, config.host, () => done());
    });
  } catch (error) {
    // Leave nothing half-open: the embedded database must close cleanly, or it may corrupt.
    await built?.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    {
      port,
      db: database.kind,
      login: isDemoMode(config.wechat) ? 'demo' : 'wechat',
      payment: config.wechatPay ? 'wechat' : isDemoMode(config.wechat) ? 'simulator' : 'unavailable',
      url: `http://localhost:${port}/`,
      docs: `http://localhost:${port}/api/docs`,
    },
    `侨都职教商城已启动: http://localhost:${port}/`,
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    try {
      await closeGracefully(server, SHUTDOWN_GRACE_MS);
      await built?.close();
      await database.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

// Compare file paths, not URLs: a checkout under a folder with spaces or Chinese characters
// has a percent-encoded import.meta.url but a plain argv[1].
const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isEntry) exitOnFailure(main());
