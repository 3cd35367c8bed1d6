/**
 * `pnpm bench`: throughput of the catalog API and of a logged-in request on PostgreSQL against a bare Koa hello-world
 * measured in the same run (ratios, since these machines are noisy), the storefront's
 * first-screen weight, and cold/warm start of `pnpm start` on the embedded database.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 * a fresh database is created on it and dropped afterwards. The storefront is built first
 * if its sources changed.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '@qiaodu/db';
import { seedDemoData } from '@qiaodu/db/seed';
import { buildStorefront, storefrontBuildIsStale } from '@qiaodu/server/cli/storefront-build';
import postgres from 'postgres';
import { measure, type LoadOptions, type LoadResult } from './load';
import { ROOT, startNodeProcess, type Started } from '../support/processes';
import { measureHomeWeight } from './storefront-weight';
import { benchmarkStockLedger, type LedgerBench } from './stock-ledger';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** What WeChat's web-view (and every phone browser) sends; served answers are compressed. */
const WECHAT_HEADERS = { 'accept-encoding': 'gzip, deflate' };
const LOAD: LoadOptions = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSec: Number(process.env.BENCH_DURATION ?? 5),
  headers: WECHAT_HEADERS,
};
const WARMUP_SEC = Number(process.env.BENCH_WARMUP ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const JS_BUDGET = 100 * 1024;
const CSS_BUDGET = 30 * 1024;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

interface Target {
  name: string;
  url: string;
  /** Headers other than the WeChat ones every target gets. */
  headers?: Record<string, string>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * All servers run side by side (idle unless measured), and the targets are measured in
 * alternating rounds; each target's median round is reported. Noise on these shared machines
 * drifts over minutes, so alternating keeps the ratios fair where one long run each would not.
 */
async function benchmarkApi(): Promise<{ results: LoadResult[]; bare: LoadResult; ledger: LedgerBench }> {
  const name = `qiaodu_bench_${Date.now()}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(ADMIN_URL, name);
  const started: Started[] = [];
  try {
    const database = await openDatabase({ databaseUrl: url, dataDir: tmpdir() });
    await migrateDatabase(database);
    await seedDemoData(database.db);
    await database.close();

    const serverEnv = { DATABASE_URL: url, LOG_LEVEL: 'warn', DEMO_SEED: 'false', STOREFRONT_DIST: 'none' };
    // Each is recorded as soon as it runs, so a later failure still stops it.
    const start = async (entry: string, env: NodeJS.ProcessEnv, readyPath: string) => {
      const process = await startNodeProcess(entry, env, readyPath);
      started.push(process);
      return process;
    };
    const bare = await start('tests/bench/bare-koa.ts', {}, '/');
    const cached = await start('server/src/main.ts', serverEnv, '/api/health');
    const uncached = await start('server/src/main.ts', { ...serverEnv, CATALOG_CACHE: 'false' }, '/api/health');
    // Its own process: mixing logged-in traffic into the catalog process changes how V8
    // optimises the shared response path, and the catalog rows would no longer compare
    // with earlier runs.
    const loggedIn = await start('server/src/main.ts', serverEnv, '/api/health');
    const list = (await (await fetch(`${cached.baseUrl}/api/products?pageSize=20`)).json()) as { items: { id: number }[] };
    const productId = list.items[0]!.id;
    const login = (await (
      await fetch(`${loggedIn.baseUrl}/api/auth/demo-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona: 'student-tiantian' }),
      })
    ).json()) as { token: string };
    const targets: Target[] = [
      { name: 'bare Koa hello-world', url: `${bare.baseUrl}/` },
      { name: 'GET /api/products', url: `${cached.baseUrl}/api/products?page=1&pageSize=20` },
      { name: 'GET /api/products/:id', url: `${cached.baseUrl}/api/products/${productId}` },
      { name: 'GET /api/products (cache off)', url: `${uncached.baseUrl}/api/products?page=1&pageSize=20` },
      { name: 'GET /api/products/:id (cache off)', url: `${uncached.baseUrl}/api/products/${productId}` },
      // Every logged-in request looks its session up in PostgreSQL (one indexed query).
      { name: 'GET /api/me (bearer session)', url: `${loggedIn.baseUrl}/api/me`, headers: { authorization: `Bearer ${login.token}` } },
      // For comparison: a client that does not accept compression gets 3× the bytes.
      {
        name: 'GET /api/products (no gzip)',
        url: `${cached.baseUrl}/api/products?page=1&pageSize=20`,
        headers: { 'accept-encoding': 'identity' },
      },
    ];
    const loadFor = (target: Target) => ({ ...LOAD, headers: { ...WECHAT_HEADERS, ...target.headers } });
    for (const target of targets) await measure(target.name, target.url, { ...loadFor(target), durationSec: WARMUP_SEC });
    const rounds = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) rounds.get(target.name)!.push(await measure(target.name, target.url, loadFor(target)));
    }
    const summarised = targets.map((target) => {
      const runs = rounds.get(target.name)!;
      const middle = median(runs.map((r) => r.requestsPerSec));
      return { ...runs.find((r) => r.requestsPerSec === middle)!, rounds: runs.map((r) => r.requestsPerSec) };
    });
    // Writes last: they grow the ledger and flush the catalog caches the reads above measured.
    const ledger = await benchmarkStockLedger({ baseUrl: loggedIn.baseUrl, databaseUrl: url, token: login.token, load: LOAD, rounds: ROUNDS });
    return { bare: summarised[0]!, results: summarised.slice(1), ledger };
  } finally {
    await Promise.all(started.map((process) => process.stop()));
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
  if (storefrontBuildIsStale() || !existsSync(join(dist, '.vite', 'manifest.json'))) await buildStorefront();
  console.log(
    `load: autocannon, ${LOAD.connections} connections, Accept-Encoding: ${WECHAT_HEADERS['accept-encoding']} (as WeChat sends); ` +
      `each target warmed ${WARMUP_SEC} s, then ${ROUNDS} alternating rounds of ${LOAD.durationSec} s; median round shown\n`,
  );

  const { results, bare, ledger } = await benchmarkApi();
  console.log(pad('target', 36) + pad('req/s', 9) + pad('p50 ms', 8) + pad('p99 ms', 8) + pad('vs bare', 9) + 'rounds req/s');
  for (const row of [bare, ...results, ledger.hot, ledger.spread]) {
    const ratio = `${((row.requestsPerSec / bare.requestsPerSec) * 100).toFixed(1)}%`;
    const bad = row.non2xx + row.errors > 0 ? `  (${row.non2xx} non-2xx, ${row.errors} errors)` : '';
    console.log(
      pad(row.name, 36) + pad(String(row.requestsPerSec), 9) + pad(String(row.p50Ms), 8) + pad(String(row.p99Ms), 8) +
        pad(ratio, 9) + row.rounds.join(' / ') + bad,
    );
  }

  const hotShare = ((ledger.hot.requestsPerSec / ledger.spread.requestsPerSec) * 100).toFixed(1);
  console.log(`\nstock ledger: one hot SKU at ${hotShare}% of the same receipts spread over the team's SKUs; ` +
    `cached stock = ledger sum on ${ledger.skusChecked - ledger.drifted} of ${ledger.skusChecked} SKUs after the run`);

  const weight = await measureHomeWeight(dist);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\nstorefront home, gzip: JS ${kb(weight.jsGzipBytes)} (budget ${kb(JS_BUDGET)}), CSS ${kb(weight.cssGzipBytes)} (budget ${kb(CSS_BUDGET)})`);
  console.log(`  files: ${weight.files.join(', ')}`);

  const start = await benchmarkStart();
  console.log(`\nstart on PGlite (pnpm start, storefront already built): cold ${start.coldSec.toFixed(2)} s (empty data dir: migrate + seed), warm ${start.warmSec.toFixed(2)} s`);

  const listRatio = results[0]!.requestsPerSec / bare.requestsPerSec;
  const summary = { load: LOAD, bare, results, ledger, weight, start, listRatio };
  await mkdir(join(ROOT, 'tests', 'bench', 'results'), { recursive: true });
  await writeFile(join(ROOT, 'tests', 'bench', 'results', 'latest.json'), JSON.stringify(summary, null, 2));

  const failures = [
    ledger.drifted > 0 ? `${ledger.drifted} SKUs' cached stock differs from their ledger sum` : null,
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
