/**
 * Stock receipts through the ledger on PostgreSQL: every receipt locks its SKU's row for the
 * conditional update and appends a ledger row in one transaction. All connections on ONE SKU
 * (a delivery being booked in by a whole team, or a flash sale's reservations later) against
 * the same load spread over all the team's SKUs shows what the row lock costs; afterwards
 * every SKU's cached stock is checked against its ledger sum.
 */
import postgres from 'postgres';
import { measurePosts, type LoadOptions, type LoadResult } from './load';

export interface LedgerBench {
  hot: LoadResult;
  spread: LoadResult;
  /** SKUs whose cached stock differs from their ledger sum after the run (must be 0). */
  drifted: number;
  skusChecked: number;
}

export async function benchmarkStockLedger(options: {
  baseUrl: string;
  databaseUrl: string;
  token: string;
  load: LoadOptions;
  rounds: number;
}): Promise<LedgerBench> {
  const headers = { ...options.load.headers, authorization: `Bearer ${options.token}` };
  const me = (await (await fetch(`${options.baseUrl}/api/me`, { headers })).json()) as { teams: { id: number; relation: string }[] };
  const teamId = me.teams.find((team) => team.relation === 'member')!.id;
  const stock = (await (await fetch(`${options.baseUrl}/api/console/teams/${teamId}/stock?pageSize=100`, { headers })).json()) as {
    items: { skuId: number }[];
  };
  const skuIds = stock.items.map((row) => row.skuId);
  const url = `${options.baseUrl}/api/console/teams/${teamId}/stock/receipts`;
  const load = { ...options.load, headers };
  const receipt = (skuId: number) => ({ skuId, quantity: 1, unitCostFen: 1000, batchNote: '压测入库' });

  const hotRuns: LoadResult[] = [];
  const spreadRuns: LoadResult[] = [];
  for (let round = 0; round < options.rounds; round++) {
    hotRuns.push(await measurePosts('POST receipt, one hot SKU', url, load, () => receipt(skuIds[0]!)));
    spreadRuns.push(await measurePosts(`POST receipt, over ${skuIds.length} SKUs`, url, load, (n) => receipt(skuIds[n % skuIds.length]!)));
  }

  const sql = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [check] = await sql<{ drifted: number; checked: number }[]>`
      select count(*) filter (where s.stock_available <> coalesce(l.total, 0))::int as drifted, count(*)::int as checked
      from skus s left join (select sku_id, sum(quantity) as total from stock_movements group by sku_id) l on l.sku_id = s.id`;
    return { hot: medianRun(hotRuns), spread: medianRun(spreadRuns), drifted: check!.drifted, skusChecked: check!.checked };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function medianRun(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return { ...middle, rounds: runs.map((run) => run.requestsPerSec) };
}
