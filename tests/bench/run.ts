/**
 * `pnpm bench`: throughput of the catalog API and of a logged-in request on PostgreSQL against a bare Koa hello-world
 * measured in the same run (ratios, since these machines are noisy), the storefront's
 * first-screen weight, and cold/warm start of `pnpm start` on the embedded database.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server;
 * a fresh database is created on it and dropped afterwards. The storefront is built first
 * if its sources changed.
 *
 * The hot-SKU scenario (flash sale: BENCH_BUYERS buyers, default 100, ordering one SKU) runs
 * last, on its own database and server process, next to pgbench on the same PostgreSQL.
 * BENCH_ONLY=hot-sku runs that scenario alone.
 *
 * WeChat Pay notifications applied per second (unique ones and duplicates, BENCH_PAY_NOTIFICATIONS
 * per timed run, default 500) against a bare Koa hello-world and GET /api/health measured in the
 * same run also get their own database and server process. BENCH_ONLY=notifications runs them alone.
 *
 * Shifts and grading (shifts.ts) get their own database and server process too: a term's history
 * (BENCH_SHIFT_PLACES worked places, default 2000, with the evidence and evaluations a teacher
 * grades from) behind the teacher's grading queue, one place's grading page, the student's hub
 * and the term summary, against a bare Koa hello-world and GET /api/health measured in the same
 * run; then BENCH_SHIFT_STUDENTS students (default 100) clocking in on one shift at the same
 * moment and out again, with the attendance checked afterwards. BENCH_ONLY=shifts runs them alone.
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
import { benchmarkHotSku, type HotSkuBench } from './hot-sku';
import { benchmarkNotifications, type NotificationsBench } from './notifications';
import { benchmarkShifts, type ShiftsBench } from './shifts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** What WeChat's web-view (and every phone browser) sends; served answers are compressed. */
const WECHAT_HEADERS = { 'accept-encoding': 'gzip, deflate' };
const LOAD: LoadOptions = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationSec: Number(process.env.BENCH_DURATION ?? 5),
  headers: WECHAT_HEADERS,
};
const WARMUP_SEC = Number(process.env.BENCH_WARMUP ?? 3);
const BUYERS = Number(process.env.BENCH_BUYERS ?? 100);
const ONLY_HOT_SKU = process.env.BENCH_ONLY === 'hot-sku';
const ONLY_NOTIFICATIONS = process.env.BENCH_ONLY === 'notifications';
const PAY_NOTIFICATIONS = Number(process.env.BENCH_PAY_NOTIFICATIONS ?? 500);
const PAY_PRODUCTS = Number(process.env.BENCH_PAY_PRODUCTS ?? 50);
const ONLY_SHIFTS = process.env.BENCH_ONLY === 'shifts';
const SHIFT_PLACES = Number(process.env.BENCH_SHIFT_PLACES ?? 2000);
const SHIFT_STUDENTS = Number(process.env.BENCH_SHIFT_STUDENTS ?? 100);
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
    const loggedInUncached = await start('server/src/main.ts', { ...serverEnv, SESSION_CACHE: 'false' }, '/api/health');
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
      // A logged-in request finds its session in the process's session cache.
      { name: 'GET /api/me (bearer session)', url: `${loggedIn.baseUrl}/api/me`, headers: { authorization: `Bearer ${login.token}` } },
      // Without it every one looks its session up in PostgreSQL (one indexed query).
      {
        name: 'GET /api/me (session cache off)',
        url: `${loggedInUncached.baseUrl}/api/me`,
        headers: { authorization: `Bearer ${login.token}` },
      },
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

function row(result: LoadResult, bare: LoadResult | null, badLabel = 'non-2xx'): string {
  const ratio = bare ? `${((result.requestsPerSec / bare.requestsPerSec) * 100).toFixed(1)}%` : '–';
  const bad = result.non2xx + result.errors > 0 ? `  (${result.non2xx} ${badLabel}, ${result.errors} errors)` : '';
  return (
    pad(result.name, 36) + pad(String(result.requestsPerSec), 9) + pad(String(result.p50Ms), 8) + pad(String(result.p99Ms), 8) +
    pad(ratio, 9) + result.rounds.join(' / ') + bad
  );
}

const HEADER = pad('target', 36) + pad('req/s', 9) + pad('p50 ms', 8) + pad('p99 ms', 8) + pad('vs bare', 9) + 'rounds req/s';

/** Targets of the issue: ≥ 50% of pgbench, ≥ 1,000 orders/s, sold-out refusals as fast as a product read. */
const HOT_SKU_TARGETS = { vsPgbench: 0.5, ordersPerSec: 1000, soldOutVsRead: 0.9 };

function printHotSku(hot: HotSkuBench, bare: LoadResult | null): string[] {
  console.log(`\nhot SKU (flash sale), PostgreSQL: ${hot.buyers} buyers, each its own customer and session, 1-unit orders, campus pickup`);
  console.log(HEADER);
  console.log(row(hot.orders, bare, 'not 201'));
  console.log(row(hot.soldOut, bare, 'not 409'));
  console.log(row(hot.productRead, bare));
  console.log(row(hot.sessionRead, bare));
  console.log(row(hot.pgbench, bare, 'aborted'));
  console.log(row(hot.pgbenchPool, bare, 'aborted'));
  const vsPgbench = hot.orders.requestsPerSec / hot.pgbench.requestsPerSec;
  const vsPool = hot.orders.requestsPerSec / hot.pgbenchPool.requestsPerSec;
  const soldOutVsRead = hot.soldOut.requestsPerSec / hot.productRead.requestsPerSec;
  console.log(
    `\nhot SKU: ${hot.orders.requestsPerSec} orders/s (p99 ${hot.orders.p99Ms} ms) = ${(vsPgbench * 100).toFixed(1)}% of pgbench running the same SQL ` +
      `with ${hot.pgbench.clients} clients (${hot.pgbench.requestsPerSec} tps), ${(vsPool * 100).toFixed(1)}% of pgbench with ${hot.pgbenchPool.clients} ` +
      `clients (${hot.pgbenchPool.requestsPerSec} tps); target ≥ ${HOT_SKU_TARGETS.vsPgbench * 100}% and ≥ ${HOT_SKU_TARGETS.ordersPerSec} orders/s`,
  );
  console.log(
    `sold out: ${hot.soldOut.requestsPerSec} refusals/s (p99 ${hot.soldOut.p99Ms} ms) = ${(soldOutVsRead * 100).toFixed(1)}% of GET /api/products/:id ` +
      `on the same server (${hot.productRead.requestsPerSec} req/s, p99 ${hot.productRead.p99Ms} ms); target ≥ ${HOT_SKU_TARGETS.soldOutVsRead * 100}%; ` +
      `${((hot.soldOut.requestsPerSec / hot.sessionRead.requestsPerSec) * 100).toFixed(1)}% of GET /api/me (${hot.sessionRead.requestsPerSec} req/s)`,
  );
  for (const run of [hot.pgbench, hot.pgbenchPool]) if (run.problem) console.log(`pgbench (${run.clients} clients): ${run.problem}`);
  const b = hot.books;
  console.log(
    `ledger after the run: ${b.consistent ? 'consistent' : 'INCONSISTENT'}: hot SKU stock ${b.hotStock} = ledger sum ${b.hotLedgerSum}, ` +
      `${b.reserveRows} reserve rows for ${b.hotOrderLines} order lines, ${b.brokenChain} broken balance links; ` +
      `cached stock = ledger sum on ${b.skusChecked - b.drifted} of ${b.skusChecked} SKUs`,
  );
  return [
    b.consistent ? null : 'hot SKU: the ledger does not match the stock or the orders after the run',
    hot.orders.non2xx + hot.orders.errors > 0 ? `hot SKU: ${hot.orders.non2xx} orders not placed, ${hot.orders.errors} errors` : null,
    hot.soldOut.non2xx + hot.soldOut.errors > 0 ? `sold out: ${hot.soldOut.non2xx} answers other than 409, ${hot.soldOut.errors} errors` : null,
    hot.pgbench.problem ? `pgbench: ${hot.pgbench.problem}` : null,
    vsPgbench < HOT_SKU_TARGETS.vsPgbench ? `hot SKU orders at ${(vsPgbench * 100).toFixed(1)}% of pgbench (target ≥ ${HOT_SKU_TARGETS.vsPgbench * 100}%)` : null,
    hot.orders.requestsPerSec < HOT_SKU_TARGETS.ordersPerSec ? `hot SKU at ${hot.orders.requestsPerSec} orders/s (target ≥ ${HOT_SKU_TARGETS.ordersPerSec})` : null,
    soldOutVsRead < HOT_SKU_TARGETS.soldOutVsRead
      ? `sold-out refusals at ${(soldOutVsRead * 100).toFixed(1)}% of a product read (target ≥ ${HOT_SKU_TARGETS.soldOutVsRead * 100}%)`
      : null,
  ].filter((failure): failure is string => failure !== null);
}

async function runHotSku(): Promise<HotSkuBench> {
  return benchmarkHotSku({ adminUrl: ADMIN_URL, buyers: BUYERS, load: LOAD, warmupSec: WARMUP_SEC, rounds: ROUNDS });
}

function printNotifications(bench: NotificationsBench): string[] {
  console.log(
    `\nWeChat Pay notifications, PostgreSQL: POST /api/pay/wechat/notify of a server process configured for a merchant (public-key mode), ` +
      `${bench.perRound} signed + encrypted notifications per run (made before timing), ${bench.orders} orders over ${bench.products} products`,
  );
  console.log(HEADER);
  console.log(row(bench.bare, bench.bare));
  console.log(row(bench.health, bench.bare));
  for (const result of [bench.unique, bench.resent, bench.newId]) console.log(row(result, bench.bare, 'not 204'));
  const vsHealth = (result: LoadResult) => `${((result.requestsPerSec / bench.health.requestsPerSec) * 100).toFixed(1)}% of GET /api/health`;
  console.log(
    `\nnotifications: unique ${bench.unique.requestsPerSec} applied/s (${vsHealth(bench.unique)}); resent (same id) ${bench.resent.requestsPerSec}/s ` +
      `(${vsHealth(bench.resent)}); same payment with a new id ${bench.newId.requestsPerSec}/s (${vsHealth(bench.newId)})`,
  );
  const b = bench.books;
  console.log(
    `books after the run: ${b.consistent ? 'consistent' : 'INCONSISTENT'}: ${b.paidOrders} of ${bench.orders} orders paid, ${b.payEvents} pay steps, ` +
      `${b.appliedRows} applied, ${b.duplicateRows} duplicate and ${b.rejectedRows} rejected notifications logged`,
  );
  const bad = [bench.unique, bench.resent, bench.newId].filter((result) => result.non2xx + result.errors > 0);
  return [
    b.consistent ? null : 'notifications: an order was not paid exactly once by exactly one applied notification',
    ...bad.map((result) => `${result.name}: ${result.non2xx} answers other than 204, ${result.errors} errors`),
  ].filter((failure): failure is string => failure !== null);
}

async function runNotifications(): Promise<NotificationsBench> {
  return benchmarkNotifications({
    adminUrl: ADMIN_URL,
    load: LOAD,
    warmupSec: WARMUP_SEC,
    rounds: ROUNDS,
    perRound: PAY_NOTIFICATIONS,
    products: PAY_PRODUCTS,
  });
}

function printShifts(bench: ShiftsBench): string[] {
  const h = bench.history;
  console.log(
    `\nshifts and grading, PostgreSQL: demo seed + ${h.places} worked places on ${h.shifts} shifts of ${h.students} students over ${h.term}; ` +
      `evidence: ${h.orders} orders (parcels, pickups, live), ${h.refunds} refunds, ${h.productActivity} product activity rows, ${h.liveSessions} live sessions; ` +
      `${h.evaluations} evaluations. Grading page: place ${bench.placeShown.assignmentId} (${bench.placeShown.post}, ${bench.placeShown.evidenceGroups} evidence groups)`,
  );
  console.log(HEADER);
  for (const result of [bench.bare, bench.health, bench.queue, bench.place, bench.myShift, bench.termSummary]) console.log(row(result, bench.bare));
  for (const result of [bench.clockIn, bench.clockOut]) console.log(row(result, bench.bare, 'not 200'));
  const vsHealth = (result: LoadResult) => `${((result.requestsPerSec / bench.health.requestsPerSec) * 100).toFixed(1)}% of GET /api/health`;
  const line = (label: string, result: LoadResult) => `${label}: ${result.requestsPerSec} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${vsHealth(result)})`;
  console.log('');
  console.log(line('grading queue (teacher)', bench.queue));
  console.log(line('grading page with evidence (teacher)', bench.place));
  console.log(line('student hub GET /api/console/my-shift (student-tiantian)', bench.myShift));
  console.log(line('term summary (teacher, tiantian-yunying-1)', bench.termSummary));
  for (const [label, result] of [['clock-in', bench.clockIn], ['clock-out', bench.clockOut]] as const) {
    console.log(
      `${label}: ${bench.students} students at the same moment on one shift in ${result.totalMs} ms = ${result.requestsPerSec}/s, ` +
        `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${vsHealth(result)}; ${result.rounds.length === 1 ? 'one round' : `median of ${result.rounds.length} rounds`})`,
    );
  }
  const b = bench.books;
  console.log(
    `books after the run: ${b.consistent ? 'consistent' : 'INCONSISTENT'}: ${b.shiftsExact} of ${b.rounds} contention shifts with exactly ${bench.students} completed places ` +
      `(${b.completed} of ${b.places} places completed), ${b.stillClockedIn} still clocked in, ${b.overlapping} double-clocked (overlapping clock-ins of one student)`,
  );
  const reads = [bench.queue, bench.place, bench.myShift, bench.termSummary, bench.clockIn, bench.clockOut];
  return [
    b.consistent ? null : 'shifts: the contention shifts do not hold exactly one completed place per student, or a student was double-clocked',
    ...reads.filter((result) => result.non2xx + result.errors > 0).map((result) => `${result.name}: ${result.non2xx} answers other than 200, ${result.errors} errors`),
  ].filter((failure): failure is string => failure !== null);
}

async function runShifts(): Promise<ShiftsBench> {
  return benchmarkShifts({ adminUrl: ADMIN_URL, load: LOAD, warmupSec: WARMUP_SEC, rounds: ROUNDS, places: SHIFT_PLACES, students: SHIFT_STUDENTS });
}

async function main() {
  if (ONLY_SHIFTS) {
    const failures = printShifts(await runShifts());
    if (failures.length > 0) {
      console.error(`\nbenchmark targets missed: ${failures.join('; ')}`);
      process.exitCode = 1;
    }
    return;
  }
  if (ONLY_NOTIFICATIONS) {
    const failures = printNotifications(await runNotifications());
    if (failures.length > 0) {
      console.error(`\nbenchmark targets missed: ${failures.join('; ')}`);
      process.exitCode = 1;
    }
    return;
  }
  if (ONLY_HOT_SKU) {
    const failures = printHotSku(await runHotSku(), null);
    if (failures.length > 0) {
      console.error(`\nbenchmark targets missed: ${failures.join('; ')}`);
      process.exitCode = 1;
    }
    return;
  }
  const dist = join(ROOT, 'storefront', 'dist');
  if (storefrontBuildIsStale() || !existsSync(join(dist, '.vite', 'manifest.json'))) await buildStorefront();
  console.log(
    `load: autocannon, ${LOAD.connections} connections, Accept-Encoding: ${WECHAT_HEADERS['accept-encoding']} (as WeChat sends); ` +
      `each target warmed ${WARMUP_SEC} s, then ${ROUNDS} alternating rounds of ${LOAD.durationSec} s; median round shown\n`,
  );

  const { results, bare, ledger } = await benchmarkApi();
  console.log(HEADER);
  for (const result of [bare, ...results, ledger.hot, ledger.spread]) console.log(row(result, bare));

  const hotShare = ((ledger.hot.requestsPerSec / ledger.spread.requestsPerSec) * 100).toFixed(1);
  console.log(`\nstock ledger: one hot SKU at ${hotShare}% of the same receipts spread over the team's SKUs; ` +
    `cached stock = ledger sum on ${ledger.skusChecked - ledger.drifted} of ${ledger.skusChecked} SKUs after the run`);

  const weight = await measureHomeWeight(dist);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\nstorefront home, gzip: JS ${kb(weight.jsGzipBytes)} (budget ${kb(JS_BUDGET)}), CSS ${kb(weight.cssGzipBytes)} (budget ${kb(CSS_BUDGET)})`);
  console.log(`  files: ${weight.files.join(', ')}`);

  const start = await benchmarkStart();
  console.log(`\nstart on PGlite (pnpm start, storefront already built): cold ${start.coldSec.toFixed(2)} s (empty data dir: migrate + seed), warm ${start.warmSec.toFixed(2)} s`);

  // Last, after the other servers stopped: pgbench needs as many connections as there are buyers.
  const hotSku = await runHotSku();
  const hotSkuFailures = printHotSku(hotSku, bare);
  const notifications = await runNotifications();
  const notificationFailures = printNotifications(notifications);
  const shifts = await runShifts();
  const shiftFailures = printShifts(shifts);

  const listRatio = results[0]!.requestsPerSec / bare.requestsPerSec;
  const summary = { load: LOAD, bare, results, ledger, weight, start, listRatio, hotSku, notifications, shifts };
  await mkdir(join(ROOT, 'tests', 'bench', 'results'), { recursive: true });
  await writeFile(join(ROOT, 'tests', 'bench', 'results', 'latest.json'), JSON.stringify(summary, null, 2));

  const failures = [
    ledger.drifted > 0 ? `${ledger.drifted} SKUs' cached stock differs from their ledger sum` : null,
    listRatio < 0.5 ? `product list at ${(listRatio * 100).toFixed(1)}% of bare Koa (target ≥ 50%)` : null,
    weight.jsGzipBytes > JS_BUDGET ? 'home JS over budget' : null,
    weight.cssGzipBytes > CSS_BUDGET ? 'home CSS over budget' : null,
    ...hotSkuFailures,
    ...notificationFailures,
    ...shiftFailures,
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
