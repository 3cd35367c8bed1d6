/**
 * The 端午节 flash sale under load: N buyers (each their own customer and session) placing
 * 1-unit orders on ONE SKU over HTTP for a fixed time, against PostgreSQL. Reported next to
 *
 * - the same buyers on a sold-out SKU (every answer a 409 OUT_OF_STOCK) and a product read
 *   (GET /api/products/:id) on the same server with the same connections: a refusal should
 *   cost no more than showing the product; GET /api/me shows what any logged-in request costs
 *   (one session lookup in the database), the floor for a refusal that must know the buyer;
 * - pgbench running "the same SQL" on the same PostgreSQL in the same run: one transaction per
 *   order with the statements a placement's transaction runs (locks, SKU snapshot, the order,
 *   item, parcel and event inserts, the conditional stock UPDATE and the ledger row), as many
 *   clients as buyers (as far as max_connections allows) and as many as the server's pool.
 *
 * Afterwards the books are checked: every SKU's stock equals its ledger sum, the hot SKU's
 * ledger chains (each balance_after is the running sum) and it has one reservation per order.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase } from '@qiaodu/db';
import { seedDemoData } from '@qiaodu/db/seed';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { createCustomers } from '../support/customers';
import { createBareProduct, teamIdOf } from '../support/inventory';
import { startNodeProcess, type Started } from '../support/processes';
import { measure, type LoadOptions, type LoadResult } from './load';

/** The server's connection pool per process (db/src/client.ts). */
const SERVER_POOL = 10;
/** Enough units that the hot SKU never runs out during the run. */
const HOT_STOCK = 1_000_000;

export interface PgbenchResult extends LoadResult {
  clients: number;
  transactions: number;
  /** pgbench's complaint when clients aborted (a script error); null when all ran to the end. */
  problem: string | null;
}

export interface HotSkuBench {
  buyers: number;
  /** 201s per second; non2xx counts answers other than 201. */
  orders: LoadResult;
  /** 409 OUT_OF_STOCK per second; non2xx counts answers other than that 409. */
  soldOut: LoadResult;
  productRead: LoadResult;
  /** GET /api/me: the least any logged-in request costs (its session is looked up in the database). */
  sessionRead: LoadResult;
  /** pgbench with as many clients as buyers (capped by free connections). */
  pgbench: PgbenchResult;
  /** pgbench with as many clients as the server has database connections. */
  pgbenchPool: PgbenchResult;
  books: {
    consistent: boolean;
    skusChecked: number;
    drifted: number;
    hotStock: number;
    hotLedgerSum: number;
    reserveRows: number;
    hotOrderLines: number;
    brokenChain: number;
  };
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function medianRun<T extends LoadResult>(runs: T[]): T {
  const sorted = [...runs].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  return { ...sorted[Math.floor(sorted.length / 2)]!, rounds: runs.map((run) => run.requestsPerSec) };
}

let keySeq = 0;

/**
 * autocannon POSTing one order body; each request carries the next buyer's session (round robin,
 * so the requests in flight at once are as many different customers as there are connections)
 * and a fresh Idempotency-Key. Counts only answers with `expected` status as throughput.
 */
async function measureOrders(name: string, url: string, load: LoadOptions, tokens: readonly string[], body: unknown, expected: number): Promise<LoadResult> {
  const payload = JSON.stringify(body);
  const tag = Date.now().toString(36);
  const result = await autocannon({
    url,
    connections: load.connections,
    duration: load.durationSec,
    headers: { ...load.headers, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          keySeq += 1;
          return {
            ...request,
            method: 'POST',
            body: payload,
            headers: { ...request.headers, authorization: `Bearer ${tokens[keySeq % tokens.length]!}`, 'idempotency-key': `hot-${tag}-${keySeq}` },
          };
        },
      },
    ],
  });
  const hits = result.statusCodeStats?.[`${expected}`]?.count ?? 0;
  const answered = Object.values(result.statusCodeStats ?? {}).reduce((sum, stat) => sum + (stat.count ?? 0), 0);
  const perSec = Math.round(hits / result.duration);
  return {
    name,
    requestsPerSec: perSec,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: answered - hits,
    errors: result.errors,
    rounds: [perSec],
  };
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

interface HotSkuRow {
  skuId: number;
  productId: number;
  teamId: number;
  code: string;
  title: string;
  specs: string;
  priceFen: number;
}

/**
 * One order's placement transaction, statement for statement as the server sends it for a batch
 * of one (server/src/orders/placement/place-batch.ts, order-inserts.ts and
 * inventory/ledger.ts#applyStockMovesInBulk): lock the product, read and lock the SKU, write the
 * order with its item, parcel and 'placed' entry in one statement, then the conditional stock
 * UPDATE and the ledger row in one statement. 1 unit, campus pickup, no 限购. Keep in step
 * with those files: this is the baseline the server's batching is measured against.
 */
function placementScript(sku: HotSkuRow): string {
  // Indented: pgbench reads ":name" anywhere in a statement as a variable, even in a literal.
  const items = JSON.stringify([
    {
      n: 0,
      line: 0,
      sku_id: sku.skuId,
      product_id: sku.productId,
      team_id: sku.teamId,
      title: sku.title,
      sku_code: sku.code,
      specs: JSON.parse(sku.specs) as unknown,
      image: null,
      unit_price_fen: sku.priceFen,
      quantity: 1,
      line_fen: sku.priceFen,
    },
  ], null, 1);
  const orderNo = "'PB' || txid_current()::text";
  const order =
    `jsonb_build_array(jsonb_build_object('n', 0, 'order_no', ${orderNo}, 'customer_id', :c::integer, ` +
    "'idempotency_key', 'pgbench-' || txid_current()::text, 'request_hash', md5(txid_current()::text), 'delivery_method', 'pickup', " +
    `'items_fen', ${sku.priceFen}, 'shipping_fen', 0, 'total_fen', ${sku.priceFen}, 'remark', '', 'recipient_name', null, 'recipient_phone', null, ` +
    "'area_code', null, 'province', null, 'city', null, 'county', null, 'address_detail', null, 'expires_at', now() + interval '30 minutes'))";
  const move =
    `jsonb_build_array(jsonb_build_object('n', 0, 'sku_id', ${sku.skuId}, 'team_id', ${sku.teamId}, 'type', 'reserve', 'quantity', -1, ` +
    `'reason', null, 'note', ${orderNo}, 'unit_cost_fen', null, 'partner_id', null, 'stock_count_id', null, ` +
    "'order_id', (:r_orders::json -> 0 ->> 'id')::integer, 'actor_id', :c::integer, 'shift_id', null))";
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  return [
    '\\set c random(:cmin, :cmax)',
    'BEGIN;',
    `SELECT id FROM products WHERE id IN (SELECT product_id FROM skus WHERE id IN (${sku.skuId})) ORDER BY id FOR NO KEY UPDATE;`,
    oneLine(`SELECT s.id, s.product_id, s.code, s.specs, s.price_fen, s.stock_available, p.status, p.title, p.purchase_limit, p.team_id, t.name,
      (SELECT i.url FROM product_images i WHERE i.product_id = p.id AND i.kind = 'gallery' ORDER BY i.position LIMIT 1)
      FROM skus s INNER JOIN products p ON p.id = s.product_id INNER JOIN teams t ON t.id = p.team_id
      WHERE s.id IN (${sku.skuId}) ORDER BY s.id FOR NO KEY UPDATE OF s;`),
    oneLine(`WITH o_in AS (
        SELECT * FROM jsonb_to_recordset(${order}) AS d(n integer, order_no text, customer_id integer, idempotency_key text,
          request_hash text, delivery_method text, items_fen integer, shipping_fen integer, total_fen integer, remark text, recipient_name text,
          recipient_phone text, area_code text, province text, city text, county text, address_detail text, expires_at timestamptz)
      ),
      i_in AS (
        SELECT * FROM jsonb_to_recordset(${literal(items)}::jsonb) AS d(n integer, line integer, sku_id integer, product_id integer,
          team_id integer, title text, sku_code text, specs jsonb, image text, unit_price_fen integer, quantity integer, line_fen integer)
      ),
      o AS (
        INSERT INTO orders (order_no, customer_id, idempotency_key, request_hash, status, delivery_method, items_fen, shipping_fen, total_fen,
          remark, recipient_name, recipient_phone, area_code, province, city, county, address_detail, expires_at, created_at, updated_at)
        SELECT order_no, customer_id, idempotency_key, request_hash, 'pending_payment', delivery_method, items_fen, shipping_fen, total_fen,
          remark, recipient_name, recipient_phone, area_code, province, city, county, address_detail, expires_at, now(), now()
        FROM o_in ORDER BY n
        ON CONFLICT (customer_id, idempotency_key) DO NOTHING
        RETURNING id, customer_id, idempotency_key
      ),
      placed AS (SELECT o.id, o_in.n, o_in.customer_id FROM o JOIN o_in ON o_in.customer_id = o.customer_id AND o_in.idempotency_key = o.idempotency_key),
      i AS (
        INSERT INTO order_items (order_id, sku_id, product_id, team_id, title, sku_code, specs, image, unit_price_fen, quantity, line_fen)
        SELECT placed.id, i_in.sku_id, i_in.product_id, i_in.team_id, i_in.title, i_in.sku_code, i_in.specs, i_in.image, i_in.unit_price_fen,
          i_in.quantity, i_in.line_fen
        FROM i_in JOIN placed ON placed.n = i_in.n ORDER BY i_in.n, i_in.line
        RETURNING id, order_id, sku_id
      ),
      p AS (
        INSERT INTO order_parcels (order_id, team_id)
        SELECT DISTINCT placed.id, i_in.team_id FROM i_in JOIN placed ON placed.n = i_in.n ORDER BY placed.id, i_in.team_id
        RETURNING id, order_id, team_id
      ),
      e AS (
        INSERT INTO order_events (order_id, action, from_status, to_status, actor_kind, actor_id, note, created_at)
        SELECT placed.id, 'placed', NULL, 'pending_payment', 'customer', placed.customer_id, '', now() FROM placed ORDER BY placed.n
        RETURNING id, order_id
      )
      SELECT
        (SELECT coalesce(json_agg(json_build_object('n', placed.n, 'id', placed.id)), '[]'::json) FROM placed) AS orders,
        (SELECT coalesce(json_agg(json_build_object('id', i.id, 'orderId', i.order_id, 'skuId', i.sku_id)), '[]'::json) FROM i) AS items,
        (SELECT coalesce(json_agg(json_build_object('id', p.id, 'orderId', p.order_id, 'teamId', p.team_id)), '[]'::json) FROM p) AS parcels,
        (SELECT coalesce(json_agg(json_build_object('id', e.id, 'orderId', e.order_id)), '[]'::json) FROM e) AS events`) + ' \\gset r_',
    oneLine(`WITH d AS (
        SELECT * FROM jsonb_to_recordset(${move}) AS d(
          n integer, sku_id integer, team_id integer, type text, quantity integer, reason text, note text,
          unit_cost_fen integer, partner_id integer, stock_count_id integer, order_id integer, actor_id integer, shift_id integer)
      ),
      total AS (SELECT sku_id, team_id, sum(quantity)::bigint AS q, bool_and(type = 'release') AS releases FROM d GROUP BY sku_id, team_id),
      moved AS (
        UPDATE skus s SET stock_available = s.stock_available + total.q, updated_at = now()
        FROM total, products p
        WHERE s.id = total.sku_id AND p.id = s.product_id AND p.team_id = total.team_id
          AND s.stock_available::bigint + total.q >= 0
          AND (s.stock_available::bigint + total.q <= 1000000 OR total.releases)
        RETURNING s.id, s.stock_available - total.q AS balance_before
      ),
      written AS (
        INSERT INTO stock_movements (sku_id, team_id, type, quantity, balance_after, reason, note, unit_cost_fen, partner_id, stock_count_id,
          order_id, actor_id, shift_id, created_at)
        SELECT d.sku_id, d.team_id, d.type, d.quantity,
          moved.balance_before + sum(d.quantity) OVER (PARTITION BY d.sku_id ORDER BY d.n ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
          d.reason, d.note, d.unit_cost_fen, d.partner_id, d.stock_count_id, d.order_id, d.actor_id, d.shift_id, now()
        FROM d JOIN moved ON moved.id = d.sku_id ORDER BY d.n
        RETURNING id, balance_after
      )
      SELECT (SELECT coalesce(json_agg(moved.id), '[]'::json) FROM moved) AS moved,
        (SELECT coalesce(json_agg(json_build_object('id', written.id, 'balance', written.balance_after) ORDER BY written.id), '[]'::json) FROM written) AS written;`),
    'COMMIT;',
    '',
  ].join('\n');
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

/** pgbench -f script for `durationSec`; latencies from its per-transaction log (-l). */
async function runPgbench(options: {
  name: string;
  url: string;
  script: string;
  clients: number;
  durationSec: number;
  customers: { min: number; max: number };
}): Promise<PgbenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'qiaodu-pgbench-'));
  try {
    const file = join(dir, 'placement.sql');
    await writeFile(file, options.script);
    const args = [
      '-n',
      '-M', 'prepared',
      '-f', file,
      '-c', String(options.clients),
      '-j', String(Math.min(2, options.clients)),
      '-T', String(options.durationSec),
      '-D', `cmin=${options.customers.min}`,
      '-D', `cmax=${options.customers.max}`,
      '-l', '--log-prefix', join(dir, 'tx'),
      options.url,
    ];
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.env.PGBENCH ?? 'pgbench', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve({ code: exitCode, stdout: out, stderr: err }));
    });
    const tps = Number(/tps = ([0-9.]+)/.exec(stdout)?.[1] ?? NaN);
    const transactions = Number(/number of transactions actually processed: ([0-9]+)/.exec(stdout)?.[1] ?? 0);
    if (!Number.isFinite(tps)) throw new Error(`pgbench gave no tps (exit ${code}): ${stderr.slice(-2000)} ${stdout.slice(-1000)}`);
    const latencies: number[] = [];
    for (const name of (await readdir(dir)).filter((entry) => entry.startsWith('tx'))) {
      for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
        const fields = line.trim().split(/\s+/);
        // client_id transaction_no time_us script_no time_epoch time_us_part
        if (fields.length >= 3 && /^[0-9]+$/.test(fields[2]!)) latencies.push(Number(fields[2]) / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const aborted = /client [0-9]+ aborted[^\n]*/.exec(stderr)?.[0] ?? (code === 0 ? null : `exit ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const perSec = Math.round(tps);
    return {
      name: options.name,
      requestsPerSec: perSec,
      p50Ms: Math.round(percentile(latencies, 0.5)),
      p99Ms: Math.round(percentile(latencies, 0.99)),
      non2xx: 0,
      errors: aborted ? 1 : 0,
      rounds: [perSec],
      clients: options.clients,
      transactions,
      problem: aborted,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchmarkHotSku(options: {
  adminUrl: string;
  buyers: number;
  load: LoadOptions;
  warmupSec: number;
  rounds: number;
}): Promise<HotSkuBench> {
  const name = `qiaodu_bench_hot_${Date.now()}`;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(options.adminUrl, name);
  let server: Started | undefined;
  const dataDir = await mkdtemp(join(tmpdir(), 'qiaodu-bench-hot-'));
  try {
    const database = await openDatabase({ databaseUrl: url, dataDir: tmpdir() }, { maxConnections: 2 });
    let hot: HotSkuRow;
    let soldOutProduct: { productId: number; skuId: number };
    let tokens: string[];
    let customers: { min: number; max: number };
    try {
      await migrateDatabase(database);
      await seedDemoData(database.db);
      const teamId = await teamIdOf(database.db, 'tiantian-yunying-1');
      const hotProduct = await createBareProduct(database.db, teamId, { title: '端午节限量粽子礼盒', codePrefix: 'HOT' });
      const soldOut = await createBareProduct(database.db, teamId, { title: '已售罄的龙舟香囊', codePrefix: 'OUT' });
      soldOutProduct = { productId: soldOut.productId, skuId: soldOut.skuIds[0]! };
      const buyers = await createCustomers(database.db, options.buyers, '压测');
      tokens = buyers.map((buyer) => buyer.token);
      const ids = buyers.map((buyer) => buyer.userId).sort((a, b) => a - b);
      // pgbench draws customers from a range: the buyers' ids, or the first alone if not contiguous.
      customers = ids[ids.length - 1]! - ids[0]! + 1 === ids.length ? { min: ids[0]!, max: ids[ids.length - 1]! } : { min: ids[0]!, max: ids[0]! };
      const raw = database.raw;
      if (raw.kind !== 'postgres') throw new Error('the hot-SKU bench needs PostgreSQL');
      const [row] = await raw.client<{ specs: unknown; price_fen: number; code: string; title: string }[]>`
        select s.specs, s.price_fen, s.code, p.title from skus s join products p on p.id = s.product_id where s.id = ${hotProduct.skuIds[0]!}`;
      hot = {
        skuId: hotProduct.skuIds[0]!,
        productId: hotProduct.productId,
        teamId,
        code: row!.code,
        title: row!.title,
        specs: JSON.stringify(typeof row!.specs === 'string' ? JSON.parse(row!.specs) : row!.specs),
        priceFen: row!.price_fen,
      };
    } finally {
      await database.close();
    }

    server = await startNodeProcess(
      'server/src/main.ts',
      { DATABASE_URL: url, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DEMO_SEED: 'false', STOREFRONT_DIST: 'none' },
      '/api/health',
    );
    const base = server.baseUrl;
    const login = (await (
      await fetch(`${base}/api/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'student-tiantian' }) })
    ).json()) as { token: string };
    const receipt = await fetch(`${base}/api/console/teams/${hot.teamId}/stock/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ skuId: hot.skuId, quantity: HOT_STOCK, unitCostFen: 600, batchNote: '压测入库' }),
    });
    if (receipt.status !== 201) throw new Error(`receiving the hot SKU's stock: ${receipt.status} ${await receipt.text()}`);

    const load = { ...options.load, connections: options.buyers };
    const ordersUrl = `${base}/api/orders`;
    const readUrl = `${base}/api/products/${soldOutProduct.productId}`;
    const orderOf = (skuId: number) => ({ items: [{ skuId, quantity: 1 }], delivery: { method: 'pickup' } });
    const targets = {
      orders: (run: LoadOptions) => measureOrders('POST /api/orders, hot SKU', ordersUrl, run, tokens, orderOf(hot.skuId), 201),
      soldOut: (run: LoadOptions) => measureOrders('POST /api/orders, sold out (409)', ordersUrl, run, tokens, orderOf(soldOutProduct.skuId), 409),
      productRead: (run: LoadOptions) => measure('GET /api/products/:id (same server)', readUrl, run),
      sessionRead: (run: LoadOptions) =>
        measure('GET /api/me (same server)', `${base}/api/me`, { ...run, headers: { ...run.headers, authorization: `Bearer ${tokens[0]!}` } }),
    };
    if (options.warmupSec > 0) for (const target of Object.values(targets)) await target({ ...load, durationSec: options.warmupSec });

    const free = async () => {
      const [row] = await admin<{ free: number }[]>`
        select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
          - (select count(*) from pg_stat_activity where backend_type = 'client backend')::int as free`;
      return row!.free;
    };
    const script = placementScript(hot);
    const runs = { orders: [] as LoadResult[], soldOut: [] as LoadResult[], productRead: [] as LoadResult[], sessionRead: [] as LoadResult[], pgbench: [] as PgbenchResult[], pool: [] as PgbenchResult[] };
    for (let round = 0; round < options.rounds; round++) {
      runs.orders.push(await targets.orders(load));
      runs.soldOut.push(await targets.soldOut(load));
      runs.productRead.push(await targets.productRead(load));
      runs.sessionRead.push(await targets.sessionRead(load));
      // Other users of the server may take connections meanwhile: fewer clients, rather than no figure.
      let clients = Math.max(1, Math.min(options.buyers, (await free()) - 5));
      for (;;) {
        try {
          const name = `pgbench, same SQL (${clients} clients)`;
          runs.pgbench.push(await runPgbench({ name, url, script, clients, durationSec: load.durationSec, customers }));
          break;
        } catch (error) {
          if (!/too many clients/.test(String(error)) || clients <= SERVER_POOL) throw error;
          clients = Math.max(SERVER_POOL, Math.floor(clients * 0.8));
        }
      }
      runs.pool.push(await runPgbench({ name: `pgbench, same SQL (${SERVER_POOL} clients)`, url, script, clients: SERVER_POOL, durationSec: load.durationSec, customers }));
    }

    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [check] = await sql<{ drifted: number; checked: number }[]>`
        select count(*) filter (where s.stock_available <> coalesce(l.total, 0))::int as drifted, count(*)::int as checked
        from skus s left join (select sku_id, sum(quantity) as total from stock_movements group by sku_id) l on l.sku_id = s.id`;
      const [hotBooks] = await sql<{ stock: number; total: number; reserves: number; lines: number; broken: number }[]>`
        select
          (select stock_available from skus where id = ${hot.skuId}) as stock,
          (select coalesce(sum(quantity), 0)::int from stock_movements where sku_id = ${hot.skuId}) as total,
          (select count(*)::int from stock_movements where sku_id = ${hot.skuId} and type = 'reserve') as reserves,
          (select count(*)::int from order_items where sku_id = ${hot.skuId}) as lines,
          (select count(*)::int from (
             select balance_after, sum(quantity) over (order by id) as running from stock_movements where sku_id = ${hot.skuId}
           ) chain where balance_after <> running) as broken`;
      const books = {
        skusChecked: check!.checked,
        drifted: check!.drifted,
        hotStock: hotBooks!.stock,
        hotLedgerSum: hotBooks!.total,
        reserveRows: hotBooks!.reserves,
        hotOrderLines: hotBooks!.lines,
        brokenChain: hotBooks!.broken,
      };
      return {
        buyers: options.buyers,
        orders: medianRun(runs.orders),
        soldOut: medianRun(runs.soldOut),
        productRead: medianRun(runs.productRead),
        sessionRead: medianRun(runs.sessionRead),
        pgbench: medianRun(runs.pgbench),
        pgbenchPool: medianRun(runs.pool),
        books: {
          ...books,
          consistent: books.drifted === 0 && books.hotStock === books.hotLedgerSum && books.reserveRows === books.hotOrderLines && books.brokenChain === 0,
        },
      };
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await server?.stop();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    await rm(dataDir, { recursive: true, force: true });
  }
}
