import { schema } from '@qiaodu/db';
import type { ErrorBody, StockChangeResult, StockCountDetail } from '@qiaodu/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSecondApp, useSeededApp } from '../support/app-fixture';
import { authed, loginAs } from '../support/auth';
import { createBareProduct, ledgerProblems, seededRandom, teamIdOf } from '../support/inventory';
import { getJson } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-database';

/**
 * PostgreSQL only (this tier runs when TEST_DATABASE_URL is set): two API processes on one
 * database, many people moving the same SKUs at the same moment. The ledger must lose nothing.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const second = useSecondApp(fixture);

type Answer<T> = T & Partial<ErrorBody>;

describe('stock moved by many people at once on PostgreSQL', () => {
  it('should lose no update: stock equals the start plus every accepted change, and the ledger chains', async () => {
    const tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
    const { skuIds } = await createBareProduct(db(), tiantian, { skuCount: 2 });
    const [a, b] = skuIds as [number, number];
    const apps = [fixture.app.baseUrl, second().baseUrl];
    const people = ['student-tiantian', 'lead-tiantian'];
    const tokens = new Map<string, string>();
    for (const base of apps) for (const persona of people) tokens.set(`${base} ${persona}`, await loginAs(base, persona));
    const call = <T>(base: string, persona: string, method: string, path: string, body?: unknown) =>
      getJson<Answer<T>>(`${base}/api/console/teams/${tiantian}${path}`, { method, ...authed(tokens.get(`${base} ${persona}`)!, body) });

    const initial = 30;
    for (const skuId of skuIds) {
      expect((await call(apps[0]!, people[0]!, 'POST', '/stock/receipts', { skuId, quantity: initial, unitCostFen: 700 })).status).toBe(201);
    }
    // A count over both SKUs, entered now and approved in the middle of the rush.
    const count = await call<StockCountDetail>(apps[1]!, 'lead-tiantian', 'POST', '/stock-counts', { skuIds });
    expect(count.status).toBe(201);
    const entered = await call<StockCountDetail>(apps[0]!, 'student-tiantian', 'PUT', `/stock-counts/${count.body.id}/lines`, {
      lines: [
        { skuId: a, countedQuantity: initial + 3 },
        { skuId: b, countedQuantity: initial - 2 },
      ],
    });
    expect(entered.status).toBe(200);

    const random = seededRandom(4242);
    const requests = Array.from({ length: 100 }, (_, i) => {
      const base = random.pick(apps);
      const persona = random.pick(people);
      const skuId = random.chance(0.7) ? a : b;
      if (i === 50) return call<StockCountDetail>(base, 'lead-tiantian', 'POST', `/stock-counts/${count.body.id}/approve`);
      return random.chance(0.4)
        ? call<StockChangeResult>(base, persona, 'POST', '/stock/receipts', { skuId, quantity: random.int(1, 5), unitCostFen: random.int(100, 900) })
        : call<StockChangeResult>(base, persona, 'POST', '/stock/adjustments', {
            skuId,
            quantity: -random.int(1, 8),
            reason: random.pick(['damage', 'loss', 'sample']),
          });
    });
    const answers = await Promise.all(requests);

    const statuses = answers.map((res) => res.status);
    const unexpected = answers.filter((res) => ![200, 201, 409].includes(res.status));
    expect(unexpected.map((res) => [res.status, res.body])).toEqual([]);
    for (const res of answers.filter((answer) => answer.status === 409)) expect(res.body.error?.code).toBe('STOCK_INSUFFICIENT');
    // Demand outran supply: some takings were refused, so the test saw the guard at work.
    expect(statuses.filter((status) => status === 409).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThan(30);

    const accepted = new Map<number, number>(skuIds.map((id) => [id, initial]));
    for (const res of answers) {
      if (res.status !== 201) continue;
      const { movement } = res.body as StockChangeResult;
      accepted.set(movement.skuId, accepted.get(movement.skuId)! + movement.quantity);
    }
    const countRows = await db()
      .select({ skuId: schema.stockMovements.skuId, quantity: schema.stockMovements.quantity })
      .from(schema.stockMovements)
      .where(eq(schema.stockMovements.stockCountId, count.body.id));
    const approval = answers[50]!;
    expect(countRows.length).toBe(approval.status === 200 ? 2 : 0);
    for (const row of countRows) accepted.set(row.skuId, accepted.get(row.skuId)! + row.quantity);

    const stock = await db()
      .select({ id: schema.skus.id, stock: schema.skus.stockAvailable })
      .from(schema.skus)
      .where(inArray(schema.skus.id, skuIds))
      .orderBy(asc(schema.skus.id));
    expect(Object.fromEntries(stock.map((row) => [row.id, row.stock]))).toEqual(Object.fromEntries(accepted));
    // Every balance_after is the previous one plus the row's quantity, in id order, ending at the stock.
    expect(await ledgerProblems(db(), tiantian)).toEqual([]);
  });
});
