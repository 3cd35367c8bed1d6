import { migrateDatabase, openDatabase } from '@qiaodu/db';
import { SEED_IMAGES_DIR, isCatalogEmpty, seedDemoData } from '@qiaodu/db/seed';
import pino from 'pino';
import { buildApp } from './app';
import { loadServerConfig } from './config';
import { closeGracefully, createHttpServer } from './http/server';
import { STOREFRONT_DIST } from './paths';

const SHUTDOWN_GRACE_MS = 10_000;

/** Starts one API process: open and migrate the database, seed the demo if empty, serve. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadServerConfig(env, { storefrontDist: STOREFRONT_DIST });
  const logger = pino({ level: config.logLevel, base: { service: 'qiaodu-mall' } });
  const database = await openDatabase(config.db);
  let closing = false;
  try {
    await migrateDatabase(database);
    if (config.demoSeed && (await isCatalogEmpty(database.db))) {
      const counts = await seedDemoData(database.db);
      logger.info(counts, 'seeded demo catalog');
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  const built = await buildApp({
    database,
    logger,
    storefrontDist: config.storefrontDist,
    mediaDirs: { '/media/seed/': SEED_IMAGES_DIR },
    trustProxy: config.trustProxy,
    catalogCache: config.catalogCache,
    validateResponses: env.NODE_ENV === 'development',
  });
  const server = createHttpServer(built.app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, db: database.kind }, 'listening');
  console.log(`侨都职教商城已启动: http://localhost:${port}/  (数据库: ${database.kind}, API 文档: http://localhost:${port}/api/docs)`);

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    await closeGracefully(server, SHUTDOWN_GRACE_MS);
    await built.close();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
