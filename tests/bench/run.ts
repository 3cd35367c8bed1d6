/**
 * `pnpm bench`: throughput of the catalog API on PostgreSQL against a bare Koa hello-world
 * measured in the same run (ratios, since these machines are noisy), the storefront's
 * first-screen weight, and cold/warm start of `pnpm start` on the embedded database.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 * a fresh database is created on it and dropped afterwards.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '@qiaodu/db';
import { seedDemoData } from '@qiaodu/db/seed';
import postgres from 'postgres';
import { measure, type LoadOptions, type LoadResult } from './load';
import { ROOT, startNodeProcess } from '../support/processes';
import { measureHomeWeight } from './storefront-weight';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LOAD: LoadOptions = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSec: Number(process.env.BENCH_DURATION ?? 10),
  warmupSec: Number(process.env.BENCH_WARMUP ?? 3),
};
const JS_BUDGET = 100 * 1024;
const CSS_BUDGET = 30 * 1024;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function benchmarkApi(): Promise<{ results: LoadResult[]; bare: LoadResult }> {
  const name = `qiaodu_bench_${Date.now()}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(ADMIN_URL, name);
  try {
    const database = await openDatabase({ databaseUrl: url, dataDir: tmpdir() });
    await migrateDatabase(database);
    await seedDemoData(database.db);
    await database.close();

    const serverEnv = { DATABASE_URL: url, LOG_LEVEL: 'warn', DEMO_SEED: 'false', STOREFRONT_DIST: 'none' };
    const results: LoadResult[] = [];
    const bare = await startNodeProcess('tests/bench/bare-koa.ts', {}, '/');
    const bareResult = await measure('bare Koa hello-world', `${bare.baseUrl}/`, LOAD);
    await bare.stop();

    for (const [label, env] of [
      ['', serverEnv],
      [' (cache off)', { ...serverEnv, CATALOG_CACHE: 'false' }],
    ] as const) {
      const api = await startNodeProcess('server/src/main.ts', env, '/api/health');
      const list = (await (await fetch(`${api.baseUrl}/api/products?pageSize=20`)).json()) as { items: { id: number }[] };
      const productId = list.items[0]!.id;
      results.push(await measure(`GET /api/products${label}`, `${api.baseUrl}/api/products?page=1&pageSize=20`, LOAD));
      results.push(await measure(`GET /api/products/:id${label}`, `${api.baseUrl}/api/products/${productId}`, LOAD));
      await api.stop();
    }
    return { results, bare: bareResult };
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

async function benchmarkStart(): Promise<{ coldSec: number; warmSec: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'qiaodu-bench-start-'));
  try {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const cold = await startNodeProcess('server/src/cli/start.ts', env, '/api/health');
    await cold.stop();
    const warm = await startNodeProcess('server/src/cli/start.ts', env, '/api/health');
    await warm.stop();
    return { coldSec: cold.readyMs / 1000, warmSec: warm.readyMs / 1000 };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

async function main() {
  const dist = join(ROOT, 'storefront', 'dist');
  if (!existsSync(join(dist, '.vite', 'manifest.json'))) {
    throw new Error('storefront/dist is missing: run `pnpm build` first (pnpm start also builds it)');
  }
  console.log(`load: ${LOAD.connections} connections, ${LOAD.durationSec} s after ${LOAD.warmupSec} s warm-up, per target\n`);

  const { results, bare } = await benchmarkApi();
  console.log(pad('target', 34) + pad('req/s', 10) + pad('p50 ms', 9) + pad('p99 ms', 9) + 'vs bare Koa');
  for (const row of [bare, ...results]) {
    const ratio = `${((row.requestsPerSec / bare.requestsPerSec) * 100).toFixed(1)}%`;
    const bad = row.non2xx + row.errors > 0 ? `  (${row.non2xx} non-2xx, ${row.errors} errors)` : '';
    console.log(pad(row.name, 34) + pad(String(row.requestsPerSec), 10) + pad(String(row.p50Ms), 9) + pad(String(row.p99Ms), 9) + ratio + bad);
  }

  const weight = await measureHomeWeight(dist);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\nstorefront home, gzip: JS ${kb(weight.jsGzipBytes)} (budget ${kb(JS_BUDGET)}), CSS ${kb(weight.cssGzipBytes)} (budget ${kb(CSS_BUDGET)})`);
  console.log(`  files: ${weight.files.join(', ')}`);

  const start = await benchmarkStart();
  console.log(`\nstart on PGlite (pnpm start, storefront already built): cold ${start.coldSec.toFixed(2)} s (empty data dir: migrate + seed), warm ${start.warmSec.toFixed(2)} s`);

  const listRatio = results[0]!.requestsPerSec / bare.requestsPerSec;
  const summary = { load: LOAD, bare, results, weight, start, listRatio };
  await mkdir(join(ROOT, 'tests', 'bench', 'results'), { recursive: true });
  await writeFile(join(ROOT, 'tests', 'bench', 'results', 'latest.json'), JSON.stringify(summary, null, 2));

  const failures = [
    listRatio < 0.5 ? `product list at ${(listRatio * 100).toFixed(1)}% of bare Koa (target ≥ 50%)` : null,
    weight.jsGzipBytes > JS_BUDGET ? 'home JS over budget' : null,
    weight.cssGzipBytes > CSS_BUDGET ? 'home CSS over budget' : null,
  ].filter(Boolean);
  if (failures.length > 0) {
    console.error(`\nbenchmark targets missed: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
