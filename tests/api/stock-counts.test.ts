import { schema } from '@qiaodu/db';
import type { StockChangeResult, StockCountDetail, StockCountSummary, TeamOverview } from '@qiaodu/shared';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { createBareProduct, ledgerProblems, teamIdOf, userIdOf } from '../support/inventory';

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;

const { send } = personaClient(() => fixture.app.baseUrl);

let tiantian: number;
const countsPath = (rest = '', teamId = tiantian) => `/api/console/teams/${teamId}/stock-counts${rest}`;
const start = (persona: string, body: unknown = {}) => send<StockCountDetail>(persona, 'POST', countsPath(), body);
const record = (persona: string, countId: number, lines: unknown) => send<StockCountDetail>(persona, 'PUT', countsPath(`/${countId}/lines`), { lines });
const approve = (persona: string, countId: number) => send<StockCountDetail>(persona, 'POST', countsPath(`/${countId}/approve`));
const cancel = (persona: string, countId: number) => send<StockCountDetail>(persona, 'POST', countsPath(`/${countId}/cancel`));
const receive = (skuId: number, quantity: number) =>
  send<StockChangeResult>('student-tiantian', 'POST', `/api/console/teams/${tiantian}/stock/receipts`, { skuId, quantity, unitCostFen: 500 });

async function stockOf(skuIds: readonly number[]): Promise<number[]> {
  const rows = await db().select({ id: schema.skus.id, stock: schema.skus.stockAvailable }).from(schema.skus).where(inArray(schema.skus.id, [...skuIds]));
  return skuIds.map((id) => rows.find((row) => row.id === id)!.stock);
}

/** What a count can change: the counts, their lines, the ledger and the stock. */
async function snapshot(): Promise<string> {
  const d = db();
  return JSON.stringify({
    counts: await d.select().from(schema.stockCounts).orderBy(asc(schema.stockCounts.id)),
    lines: await d.select().from(schema.stockCountLines).orderBy(asc(schema.stockCountLines.stockCountId), asc(schema.stockCountLines.skuId)),
    ledger: (await d.select({ n: count() }).from(schema.stockMovements))[0]!.n,
    stock: await d.select({ id: schema.skus.id, stock: schema.skus.stockAvailable }).from(schema.skus).orderBy(asc(schema.skus.id)),
  });
}

/** Three SKUs of a fresh tiantian product with 10, 6 and 3 units. */
async function stockedSkus(): Promise<[number, number, number]> {
  const { skuIds } = await createBareProduct(db(), tiantian, { skuCount: 3 });
  const [a, b, c] = skuIds as [number, number, number];
  for (const [skuId, quantity] of [[a, 10], [b, 6], [c, 3]] as const) expect((await receive(skuId, quantity)).status).toBe(201);
  return [a, b, c];
}

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
});

// One open count per team: every test starts with none.
beforeEach(async () => {
  const list = await send<{ items: StockCountSummary[] }>('lead-tiantian', 'GET', countsPath());
  for (const item of list.body.items.filter((summary) => summary.status === 'open')) expect((await cancel('lead-tiantian', item.id)).status).toBe(200);
});

describe('a stock count from start to approval', () => {
  it('should let the lead open it, members enter counts, and post the variances when the lead approves', async () => {
    const [a, b, c] = await stockedSkus();
    const lead = await userIdOf(db(), 'lead-tiantian');
    const member = await userIdOf(db(), 'student-tiantian');

    const started = await start('lead-tiantian', { skuIds: [a, b], note: '六月月中盘点' });
    expect(started.status).toBe(201);
    const countId = started.body.id;
    expect(started.body).toMatchObject({
      status: 'open',
      note: '六月月中盘点',
      lineCount: 2,
      countedCount: 0,
      matchedCount: null,
      accuracyPermille: null,
      varianceUnits: null,
      startedBy: { id: lead, name: '梁浩然' },
      closedBy: null,
      closedAt: null,
      can: { enter: true, approve: true, cancel: true },
    });
    expect(started.body.lines.map((line) => [line.skuId, line.expectedQuantity, line.countedQuantity, line.variance, line.stockAvailable])).toEqual([
      [a, null, null, null, 10],
      [b, null, null, null, 6],
    ]);
    const canOf = async (persona: string) => (await send<StockCountDetail>(persona, 'GET', countsPath(`/${countId}`))).body.can;
    expect(await canOf('student-tiantian')).toEqual({ enter: true, approve: false, cancel: false });
    expect(await canOf('teacher')).toEqual({ enter: false, approve: true, cancel: true });

    // A SKU outside the count refuses the whole entry: the line inside it is not saved either.
    const before = await snapshot();
    const outside = await record('student-tiantian', countId, [
      { skuId: a, countedQuantity: 10 },
      { skuId: c, countedQuantity: 3 },
    ]);
    expect(outside.status).toBe(422);
    expect(outside.body.error).toMatchObject({ code: 'SKU_NOT_IN_COUNT', message: '该规格不在本次盘点范围内' });
    expect(await snapshot()).toBe(before);

    const entered = await record('student-tiantian', countId, [
      { skuId: a, countedQuantity: 10 },
      { skuId: b, countedQuantity: 7 },
    ]);
    expect(entered.status).toBe(200);
    // Re-entering overwrites what was typed before.
    const corrected = await record('student-tiantian', countId, [{ skuId: b, countedQuantity: 4 }]);
    expect(corrected.body.countedCount).toBe(2);
    expect(corrected.body.lines.map((line) => [line.expectedQuantity, line.countedQuantity, line.variance])).toEqual([
      [10, 10, 0],
      [6, 4, -2],
    ]);
    expect(corrected.body.lines[1]!.countedBy).toEqual({ id: member, name: '李嘉欣' });
    expect(Date.parse(corrected.body.lines[1]!.countedAt!)).not.toBeNaN();

    // Stock received after the count was entered stays: only the variance found on the shelf posts.
    await receive(b, 5);
    const approved = await approve('lead-tiantian', countId);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      matchedCount: 1,
      countedCount: 2,
      accuracyPermille: 500,
      varianceUnits: 2,
      closedBy: { id: lead, name: '梁浩然' },
      can: { enter: false, approve: false, cancel: false },
    });
    expect(await stockOf([a, b, c])).toEqual([10, 9, 3]);
    const posted = await db()
      .select({
        skuId: schema.stockMovements.skuId,
        quantity: schema.stockMovements.quantity,
        balanceAfter: schema.stockMovements.balanceAfter,
        actorId: schema.stockMovements.actorId,
      })
      .from(schema.stockMovements)
      .where(and(eq(schema.stockMovements.stockCountId, countId), eq(schema.stockMovements.type, 'count')));
    expect(posted).toEqual([{ skuId: b, quantity: -2, balanceAfter: 9, actorId: lead }]);

    // A closed count takes nothing more.
    const closed = await snapshot();
    const late = [
      await approve('lead-tiantian', countId),
      await cancel('lead-tiantian', countId),
      await record('student-tiantian', countId, [{ skuId: a, countedQuantity: 1 }]),
    ];
    for (const res of late) {
      expect(res.status).toBe(409);
      expect(res.body.error?.code).toBe('INVALID_STATE');
    }
    expect(await snapshot()).toBe(closed);

    const overview = await send<TeamOverview>('teacher', 'GET', `/api/console/teams/${tiantian}/overview`);
    expect(overview.body.openCount).toBeNull();
    expect(overview.body.lastCount).toMatchObject({ id: countId, status: 'approved', accuracyPermille: 500 });
    expect(await ledgerProblems(db(), tiantian)).toEqual([]);
  });

  it('should count every SKU of the team when none are named, and a supervising teacher may run it', async () => {
    const skus = await db()
      .select({ id: schema.skus.id })
      .from(schema.skus)
      .innerJoin(schema.products, eq(schema.products.id, schema.skus.productId))
      .where(eq(schema.products.teamId, tiantian));
    const res = await start('teacher');
    expect(res.status).toBe(201);
    expect(res.body.lines.map((line) => line.skuId).sort((x, y) => x - y)).toEqual(skus.map((sku) => sku.id).sort((x, y) => x - y));
    expect(res.body.can).toEqual({ enter: false, approve: true, cancel: true });
    const overview = await send<TeamOverview>('student-tiantian', 'GET', `/api/console/teams/${tiantian}/overview`);
    expect(overview.body.openCount).toMatchObject({ id: res.body.id, lineCount: skus.length, countedCount: 0 });
  });
});

describe('counts that cannot go on', () => {
  it('should refuse to approve a count with lines not yet entered, and post nothing', async () => {
    const [a, b] = await stockedSkus();
    const started = await start('lead-tiantian', { skuIds: [a, b] });
    await record('student-tiantian', started.body.id, [{ skuId: a, countedQuantity: 2 }]);
    const before = await snapshot();
    const res = await approve('lead-tiantian', started.body.id);
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('STOCK_COUNT_INCOMPLETE');
    expect(await snapshot()).toBe(before);
  });

  it('should keep one open count per team, even when two start at once', async () => {
    const [a] = await stockedSkus();
    const both = await Promise.all([start('lead-tiantian', { skuIds: [a] }), start('teacher', { skuIds: [a] })]);
    expect(both.map((res) => res.status).sort()).toEqual([201, 409]);
    expect(both.find((res) => res.status === 409)!.body.error?.code).toBe('STOCK_COUNT_OPEN');
    const third = await start('lead-tiantian', { skuIds: [a] });
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: 'STOCK_COUNT_OPEN', message: '本团队已有进行中的盘点，请先完成或取消' });
    const open = await db()
      .select({ n: count() })
      .from(schema.stockCounts)
      .where(and(eq(schema.stockCounts.teamId, tiantian), eq(schema.stockCounts.status, 'open')));
    expect(open[0]!.n).toBe(1);
  });

  it('should post the variances once when the count is approved twice at the same moment', async () => {
    const [a, b] = await stockedSkus();
    const started = await start('lead-tiantian', { skuIds: [a, b] });
    await record('student-tiantian', started.body.id, [
      { skuId: a, countedQuantity: 12 },
      { skuId: b, countedQuantity: 1 },
    ]);
    const both = await Promise.all([approve('lead-tiantian', started.body.id), approve('teacher', started.body.id)]);
    expect(both.map((res) => res.status).sort()).toEqual([200, 409]);
    expect(await stockOf([a, b])).toEqual([12, 1]);
    const posted = await db().select({ n: count() }).from(schema.stockMovements).where(eq(schema.stockMovements.stockCountId, started.body.id));
    expect(posted[0]!.n).toBe(2);
    expect(await ledgerProblems(db(), tiantian)).toEqual([]);
  });

  it('should refuse an approval that would take stock below zero, name the SKUs to re-count, and leave the count open', async () => {
    const [a, b, c] = await stockedSkus();
    const skuCodes = await db().select({ id: schema.skus.id, code: schema.skus.code }).from(schema.skus).where(inArray(schema.skus.id, [a, b, c]));
    const codeOf = (id: number) => skuCodes.find((row) => row.id === id)!.code;
    const started = await start('lead-tiantian', { skuIds: [a, b, c] });
    await record('student-tiantian', started.body.id, [
      { skuId: a, countedQuantity: 4 },
      { skuId: b, countedQuantity: 6 },
      { skuId: c, countedQuantity: 1 },
    ]);
    // a was counted at 4 of 10 (−6), then 7 units went out as samples: 3 left, −6 cannot post.
    // b matched and c's −2 still fits after one more went out; neither is to blame.
    const sample = (skuId: number, quantity: number) =>
      send('student-tiantian', 'POST', `/api/console/teams/${tiantian}/stock/adjustments`, { skuId, quantity: -quantity, reason: 'sample' });
    expect((await sample(a, 7)).status).toBe(201);
    expect((await sample(c, 1)).status).toBe(201);
    const before = await snapshot();
    const res = await approve('lead-tiantian', started.body.id);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('STOCK_INSUFFICIENT');
    expect(res.body.error?.details).toEqual({ skus: [{ skuId: a, code: codeOf(a), counted: 4, expected: 10, stockNow: 3 }] });
    expect(res.body.error?.message).toContain(codeOf(a));
    expect(res.body.error?.message).toContain('请重新盘点');
    expect(await snapshot()).toBe(before);
    expect((await send<StockCountDetail>('lead-tiantian', 'GET', countsPath(`/${started.body.id}`))).body.status).toBe('open');

    // Re-counted against today's stock, the same count goes through.
    await record('student-tiantian', started.body.id, [{ skuId: a, countedQuantity: 3 }]);
    const approved = await approve('lead-tiantian', started.body.id);
    expect(approved.status).toBe(200);
    expect(await stockOf([a, b, c])).toEqual([3, 6, 0]);
    expect(await ledgerProblems(db(), tiantian)).toEqual([]);
  });

  it('should cancel a count without touching stock, after which a new one may start', async () => {
    const [a, b] = await stockedSkus();
    const started = await start('lead-tiantian', { skuIds: [a, b] });
    await record('student-tiantian', started.body.id, [{ skuId: a, countedQuantity: 1 }]);
    const cancelled = await cancel('lead-tiantian', started.body.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', accuracyPermille: null, closedBy: { name: '梁浩然' } });
    expect(await stockOf([a, b])).toEqual([10, 6]);
    expect((await start('lead-tiantian', { skuIds: [b] })).status).toBe(201);
    const list = await send<{ items: StockCountSummary[] }>('student-tiantian', 'GET', countsPath());
    expect(list.body.items[0]).toMatchObject({ status: 'open', lineCount: 1 });
    expect(list.body.items[1]).toMatchObject({ id: started.body.id, status: 'cancelled', countedCount: 1 });
  });
});

describe('who may count and what they may name', () => {
  it('should let only the lead or the supervising teacher open, approve and cancel, and only members enter', async () => {
    const [a] = await stockedSkus();
    const before = await snapshot();
    expect((await start('student-tiantian', { skuIds: [a] })).status).toBe(403);
    expect((await start('customer', { skuIds: [a] })).status).toBe(403);
    expect((await start('student-feiyi', { skuIds: [a] })).body.error?.code).toBe('TEAM_NOT_FOUND');
    expect(await snapshot()).toBe(before);

    const started = await start('lead-tiantian', { skuIds: [a] });
    const countId = started.body.id;
    const afterStart = await snapshot();
    expect((await approve('student-tiantian', countId)).status).toBe(403);
    expect((await cancel('student-tiantian', countId)).status).toBe(403);
    expect((await record('teacher', countId, [{ skuId: a, countedQuantity: 1 }])).status).toBe(403);
    expect((await record('student-feiyi', countId, [{ skuId: a, countedQuantity: 1 }])).status).toBe(404);
    expect(await snapshot()).toBe(afterStart);
  });

  it('should refuse SKUs of other teams or unknown ones when opening a count, and create nothing', async () => {
    const feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
    const theirs = await createBareProduct(db(), feiyi);
    const [a] = await stockedSkus();
    const before = await snapshot();
    for (const skuIds of [[a, theirs.skuIds[0]], [999_999]]) {
      const res = await start('lead-tiantian', { skuIds });
      expect(res.status).toBe(404);
      expect(res.body.error?.code).toBe('SKU_NOT_FOUND');
    }
    expect(await snapshot()).toBe(before);
  });

  it('should not show a count through another team’s path', async () => {
    const [a] = await stockedSkus();
    const started = await start('lead-tiantian', { skuIds: [a] });
    const feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
    const res = await send('teacher', 'GET', countsPath(`/${started.body.id}`, feiyi));
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('STOCK_COUNT_NOT_FOUND');
    expect((await send('teacher', 'POST', countsPath(`/${started.body.id}/approve`, feiyi))).body.error?.code).toBe('STOCK_COUNT_NOT_FOUND');
    expect((await send('admin', 'GET', countsPath('/1', 999_999))).body.error?.code).toBe('TEAM_NOT_FOUND');
  });

  it('should refuse impossible counted quantities with a 400 and save nothing', async () => {
    const [a] = await stockedSkus();
    const started = await start('lead-tiantian', { skuIds: [a] });
    const before = await snapshot();
    const impossible = [
      [],
      [{ skuId: a, countedQuantity: -1 }],
      [{ skuId: a, countedQuantity: 1.5 }],
      [{ skuId: a, countedQuantity: 1_000_001 }],
      [{ skuId: a }],
      'all',
    ];
    for (const lines of impossible) {
      const res = await record('student-tiantian', started.body.id, lines);
      expect(res.status, JSON.stringify(lines)).toBe(400);
    }
    expect((await start('lead-tiantian', { skuIds: ['x'] })).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});
