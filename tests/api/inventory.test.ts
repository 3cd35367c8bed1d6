import { schema } from '@qiaodu/db';
import {
  LEDGER_EXPORT_MAX_ROWS,
  PRODUCT_STATUSES,
  type ProductStatus,
  type StockChangeResult,
  type StockList,
  type StockMovementList,
  type StockRow,
  type TeamOverview,
} from '@qiaodu/shared';
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { authed, personaClient } from '../support/auth';
import { manualClock } from '../support/clock';
import { createBareProduct, ledgerProblems, seededRandom, teamIdOf, userIdOf } from '../support/inventory';

const clock = manualClock();
const fixture = useSeededApp({ overrides: { clock: clock.now } });
const db = () => fixture.testDb.database.db;
const url = (path: string) => `${fixture.app.baseUrl}${path}`;

const { send, tokenOf } = personaClient(() => fixture.app.baseUrl);
const get = <T>(persona: string, path: string) => send<T>(persona, 'GET', path);

/** Runs `work` with the app's clock at `instant`, then puts the clock back. */
async function at<T>(instant: string, work: () => Promise<T>): Promise<T> {
  const back = clock.now().getTime();
  clock.advance(Date.parse(instant) - back);
  try {
    return await work();
  } finally {
    clock.advance(back - clock.now().getTime());
  }
}

let tiantian: number;
let feiyi: number;
const stockPath = (teamId: number, rest = '') => `/api/console/teams/${teamId}/stock${rest}`;

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
  // Logged in at the real time: a session started while a test has moved the clock back would
  // already have expired when the clock returns.
  for (const persona of ['student-tiantian', 'lead-tiantian', 'student-feiyi', 'student-zhibo', 'student-yuecai', 'teacher', 'teacher-2', 'customer', 'admin']) {
    await tokenOf(persona);
  }
});

async function skuState(skuId: number) {
  const [row] = await db()
    .select({ stock: schema.skus.stockAvailable, cost: schema.skus.unitCostFen, productStock: schema.products.stockAvailable })
    .from(schema.skus)
    .innerJoin(schema.products, eq(schema.products.id, schema.skus.productId))
    .where(eq(schema.skus.id, skuId));
  return row!;
}

/** The stock cache and the whole ledger: a refused request must leave both as they were. */
async function stockSnapshot(): Promise<string> {
  const skus = await db()
    .select({ id: schema.skus.id, stock: schema.skus.stockAvailable, cost: schema.skus.unitCostFen, threshold: schema.skus.lowStockThreshold })
    .from(schema.skus)
    .orderBy(asc(schema.skus.id));
  const [ledger] = await db().select({ n: count() }).from(schema.stockMovements);
  return JSON.stringify({ skus, ledger: ledger!.n });
}

/** Low stock is reported for goods on sale or waiting for review, not drafts or goods taken off the shelf. */
const watched = (status: ProductStatus) => status === 'on_sale' || status === 'submitted';

const receive = (persona: string, teamId: number, body: unknown) => send<StockChangeResult>(persona, 'POST', stockPath(teamId, '/receipts'), body);
const adjust = (persona: string, teamId: number, body: unknown) => send<StockChangeResult>(persona, 'POST', stockPath(teamId, '/adjustments'), body);

describe('receiving stock', () => {
  it('should add the units, write a ledger row with who, what it cost and the batch, and keep the product total', async () => {
    const { skuIds, partnerId } = await createBareProduct(db(), tiantian, { skuCount: 2 });
    const skuId = skuIds[0]!;
    const res = await receive('student-tiantian', tiantian, { skuId, quantity: 20, unitCostFen: 1250, batchNote: '六月第一批，天天市集送货' });
    expect(res.status).toBe(201);
    expect(res.body.movement).toMatchObject({
      type: 'receive',
      skuId,
      quantity: 20,
      balanceAfter: 20,
      unitCostFen: 1250,
      note: '六月第一批，天天市集送货',
      reason: null,
      stockCountId: null,
      partner: { id: partnerId, name: expect.any(String) },
      actor: { id: await userIdOf(db(), 'student-tiantian'), name: '李嘉欣' },
      shiftId: null,
    });
    expect(res.body.stock).toMatchObject({ skuId, stockAvailable: 20, unitCostFen: 1250, stockValueFen: 25_000, low: false });
    expect(await skuState(skuId)).toEqual({ stock: 20, cost: 1250, productStock: 20 });

    const second = await receive('lead-tiantian', tiantian, { skuId: skuIds[1], quantity: 3, unitCostFen: 0 });
    expect(second.status).toBe(201);
    expect(second.body.stock).toMatchObject({ stockAvailable: 3, unitCostFen: 0, low: true });
    expect((await skuState(skuId)).productStock).toBe(23);
  });

  it('should keep a moving average of the unit cost, starting over when the shelf was empty', async () => {
    const { skuIds } = await createBareProduct(db(), tiantian);
    const skuId = skuIds[0]!;
    const costAfter = async (quantity: number, unitCostFen: number) => {
      const res = await receive('student-tiantian', tiantian, { skuId, quantity, unitCostFen });
      expect(res.status).toBe(201);
      return res.body.stock.unitCostFen;
    };
    expect(await costAfter(10, 1000)).toBe(1000);
    // (10 × 1000 + 5 × 1300) / 15 = 1100
    expect(await costAfter(5, 1300)).toBe(1100);
    // (15 × 1100 + 3 × 1001) / 18 = 1083.5, rounded half up
    expect(await costAfter(3, 1001)).toBe(1084);
    const out = await adjust('student-tiantian', tiantian, { skuId, quantity: -18, reason: 'sample' });
    expect(out.status).toBe(201);
    expect(out.body.stock).toMatchObject({ stockAvailable: 0, unitCostFen: 1084 });
    expect(await costAfter(2, 500)).toBe(500);
  });

  it('should take the product’s partner by default, another partner the team runs when named, and refuse one it does not run', async () => {
    const { skuIds, partnerId } = await createBareProduct(db(), tiantian);
    const skuId = skuIds[0]!;
    const linked = await db().select({ id: schema.teamPartners.partnerId }).from(schema.teamPartners).where(eq(schema.teamPartners.teamId, tiantian));
    const other = linked.map((row) => row.id).find((id) => id !== partnerId)!;
    const named = await receive('student-tiantian', tiantian, { skuId, quantity: 1, unitCostFen: 100, partnerId: other });
    expect(named.status).toBe(201);
    expect(named.body.movement.partner?.id).toBe(other);

    const [notRun] = await db()
      .select({ id: schema.partners.id })
      .from(schema.partners)
      .where(sql`${schema.partners.id} not in (select partner_id from team_partners where team_id = ${tiantian})`)
      .limit(1);
    const before = await stockSnapshot();
    for (const partner of [notRun!.id, 999_999]) {
      const res = await receive('student-tiantian', tiantian, { skuId, quantity: 1, unitCostFen: 100, partnerId: partner });
      expect(res.status).toBe(422);
      expect(res.body.error?.code).toBe('PARTNER_NOT_LINKED');
    }
    expect(await stockSnapshot()).toBe(before);
  });
});

describe('adjusting stock', () => {
  it('should take damaged units out with the reason, and put found ones back', async () => {
    const { skuIds } = await createBareProduct(db(), tiantian);
    const skuId = skuIds[0]!;
    await receive('student-tiantian', tiantian, { skuId, quantity: 10, unitCostFen: 800 });
    const damage = await adjust('lead-tiantian', tiantian, { skuId, quantity: -3, reason: 'damage', note: '运输途中压坏' });
    expect(damage.status).toBe(201);
    expect(damage.body.movement).toMatchObject({
      type: 'adjust',
      quantity: -3,
      balanceAfter: 7,
      reason: 'damage',
      note: '运输途中压坏',
      unitCostFen: null,
      partner: null,
    });
    expect(damage.body.movement.actor?.name).toBe('梁浩然');
    const found = await adjust('student-tiantian', tiantian, { skuId, quantity: 1, reason: 'found' });
    expect(found.body.movement).toMatchObject({ quantity: 1, balanceAfter: 8, reason: 'found' });
    expect(await skuState(skuId)).toMatchObject({ stock: 8, cost: 800, productStock: 8 });
  });

  it('should refuse to take stock below zero and change nothing', async () => {
    const { skuIds } = await createBareProduct(db(), tiantian);
    const skuId = skuIds[0]!;
    await receive('student-tiantian', tiantian, { skuId, quantity: 2, unitCostFen: 800 });
    const before = await stockSnapshot();
    const res = await adjust('student-tiantian', tiantian, { skuId, quantity: -3, reason: 'loss' });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('STOCK_INSUFFICIENT');
    expect(res.body.error?.message).toContain('当前可用 2 件');
    expect(await stockSnapshot()).toBe(before);
  });
});

describe('bad input', () => {
  it('should refuse impossible quantities and prices with a 400 and change nothing', async () => {
    const { skuIds } = await createBareProduct(db(), tiantian);
    const skuId = skuIds[0]!;
    const before = await stockSnapshot();
    const receipts = [
      { skuId, quantity: -5, unitCostFen: 100 },
      { skuId, quantity: 1.5, unitCostFen: 100 },
      { skuId, quantity: 0, unitCostFen: 100 },
      { skuId, quantity: 1_000_001, unitCostFen: 100 },
      { skuId, quantity: '5', unitCostFen: 100 },
      { skuId, quantity: 5, unitCostFen: 100_000_001 },
      { skuId, quantity: 5, unitCostFen: -1 },
      { skuId, quantity: 5, unitCostFen: 12.5 },
      { skuId, quantity: 5 },
      { skuId, quantity: 5, unitCostFen: 100, batchNote: 'x'.repeat(201) },
      { skuId, quantity: 5, unitCostFen: 100, surprise: true },
    ];
    for (const body of receipts) {
      const res = await receive('student-tiantian', tiantian, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_FAILED');
    }
    const adjustments = [
      { skuId, quantity: -2, reason: 'found' },
      { skuId, quantity: 2, reason: 'damage' },
      { skuId, quantity: 0, reason: 'loss' },
      { skuId, quantity: -1.5, reason: 'loss' },
      { skuId, quantity: -1_000_001, reason: 'loss' },
      { skuId, quantity: -1, reason: 'stolen' },
      { skuId, quantity: -1 },
    ];
    for (const body of adjustments) {
      const res = await adjust('student-tiantian', tiantian, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION_FAILED');
    }
    const found = await adjust('student-tiantian', tiantian, { skuId, quantity: -2, reason: 'found' });
    expect(found.body.error?.message).toBe('破损、丢失、样品领用只能减少库存，找回只能增加库存');
    expect(await stockSnapshot()).toBe(before);
  });

  it('should keep a SKU’s stock within what a count can record', async () => {
    const { skuIds } = await createBareProduct(db(), tiantian);
    const skuId = skuIds[0]!;
    expect((await receive('student-tiantian', tiantian, { skuId, quantity: 1_000_000, unitCostFen: 1 })).status).toBe(201);
    const before = await stockSnapshot();
    const res = await receive('student-tiantian', tiantian, { skuId, quantity: 1, unitCostFen: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain('1000000');
    expect(await stockSnapshot()).toBe(before);
  });
});

describe('who may move and see stock', () => {
  it('should answer a SKU of another team exactly like a SKU that does not exist', async () => {
    const { skuIds } = await createBareProduct(db(), feiyi);
    const before = await stockSnapshot();
    for (const skuId of [skuIds[0]!, 999_999]) {
      const refusals = [
        await receive('student-tiantian', tiantian, { skuId, quantity: 1, unitCostFen: 1 }),
        await adjust('student-tiantian', tiantian, { skuId, quantity: 1, reason: 'found' }),
        await send('student-tiantian', 'PUT', stockPath(tiantian, `/${skuId}/threshold`), { lowStockThreshold: 3 }),
        await get('student-tiantian', stockPath(tiantian, `/movements?skuId=${skuId}`)),
        await get('student-tiantian', stockPath(tiantian, `/movements.csv?skuId=${skuId}`)),
      ];
      for (const res of refusals) {
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({ code: 'SKU_NOT_FOUND', message: '商品规格不存在' });
      }
    }
    expect(await stockSnapshot()).toBe(before);
  });

  it('should hide a team from students of other teams and refuse customers', async () => {
    const { skuIds } = await createBareProduct(db(), tiantian);
    const body = { skuId: skuIds[0], quantity: 1, unitCostFen: 1 };
    const before = await stockSnapshot();
    const hidden = [
      await receive('student-feiyi', tiantian, body),
      await get('student-feiyi', stockPath(tiantian)),
      await get('student-feiyi', stockPath(tiantian, '/movements')),
      await get('teacher-2', `/api/console/teams/${tiantian}/overview`),
      await get('admin', stockPath(999_999)),
      await get('admin', `/api/console/teams/999999/overview`),
    ];
    for (const res of hidden) {
      expect(res.status).toBe(404);
      expect(res.body.error?.code).toBe('TEAM_NOT_FOUND');
    }
    expect((await receive('customer', tiantian, body)).status).toBe(403);
    expect((await get('customer', stockPath(tiantian))).status).toBe(403);
    expect(await stockSnapshot()).toBe(before);
  });

  it('should let the supervising teacher read the stock and ledger but not move stock', async () => {
    const { skuIds } = await createBareProduct(db(), tiantian);
    const before = await stockSnapshot();
    const refused = [
      await receive('teacher', tiantian, { skuId: skuIds[0], quantity: 1, unitCostFen: 1 }),
      await adjust('teacher', tiantian, { skuId: skuIds[0], quantity: 1, reason: 'found' }),
      await send('teacher', 'PUT', stockPath(tiantian, `/${skuIds[0]}/threshold`), { lowStockThreshold: 3 }),
    ];
    for (const res of refused) expect(res.status).toBe(403);
    expect(await stockSnapshot()).toBe(before);
    expect((await get('teacher', stockPath(tiantian))).status).toBe(200);
    expect((await get('teacher', stockPath(tiantian, '/movements'))).status).toBe(200);
    expect((await get('teacher', stockPath(tiantian, '/movements.csv'))).status).toBe(200);
    expect((await get('teacher', `/api/console/teams/${tiantian}/overview`)).status).toBe(200);
  });

  it('should refuse a partner’s mentor the stock, ledger, export, counts, overview and products of a team running that partner’s goods', async () => {
    // 生恭鲤鱼's mentor: the 非遗文创 and 直播带货 teams both run its goods, and others' too, with their costs.
    for (const slug of ['feiyi-wenchuang', 'zhibo-daihuo']) {
      const teamId = await teamIdOf(db(), slug);
      const linked = await db()
        .select({ n: count() })
        .from(schema.teamPartners)
        .innerJoin(schema.partners, eq(schema.partners.id, schema.teamPartners.partnerId))
        .where(sql`${schema.teamPartners.teamId} = ${teamId} and ${schema.partners.name} like '%生恭鲤鱼%'`);
      expect(linked[0]!.n, `${slug} runs 生恭鲤鱼`).toBe(1);
      const paths = [
        stockPath(teamId),
        stockPath(teamId, '?lowOnly=true'),
        stockPath(teamId, '/movements'),
        stockPath(teamId, '/movements.csv'),
        `/api/console/teams/${teamId}/stock-counts`,
        `/api/console/teams/${teamId}/overview`,
        `/api/console/teams/${teamId}/products`,
      ];
      for (const path of paths) {
        const res = await get('mentor', path);
        expect(res.status, path).toBe(403);
        expect(res.body.error?.code, path).toBe('FORBIDDEN');
      }
    }
  });
});

describe('the stock list', () => {
  it('should search, filter, page and flag low stock, with totals over the whole team', async () => {
    const { productId, skuIds, codes } = await createBareProduct(db(), feiyi, { title: '灰塑小狮子摆件QX7', skuCount: 3, status: 'submitted' });
    await receive('student-feiyi', feiyi, { skuId: skuIds[0], quantity: 12, unitCostFen: 300 });
    await receive('student-feiyi', feiyi, { skuId: skuIds[1], quantity: 4, unitCostFen: 250 });

    const byTitle = await get<StockList>('student-feiyi', stockPath(feiyi, `?q=${encodeURIComponent('小狮子摆件qx7')}`));
    expect(byTitle.status).toBe(200);
    expect(byTitle.body.items.map((row) => row.skuId)).toEqual(skuIds);
    expect(byTitle.body.items[0]).toMatchObject({
      code: codes[0],
      productId,
      productTitle: '灰塑小狮子摆件QX7',
      productStatus: 'submitted',
      cover: null,
      stockAvailable: 12,
      lowStockThreshold: 5,
      low: false,
      unitCostFen: 300,
      stockValueFen: 3600,
    });
    expect(byTitle.body.items[1]).toMatchObject({ stockAvailable: 4, low: true, stockValueFen: 1000 });
    expect(byTitle.body.items[2]).toMatchObject({ stockAvailable: 0, low: true, unitCostFen: null, stockValueFen: 0 });

    const byCode = await get<StockList>('student-feiyi', stockPath(feiyi, `?q=${codes[1]}`));
    expect(byCode.body.items.map((row) => row.skuId)).toEqual([skuIds[1]]);

    const byProductLow = await get<StockList>('student-feiyi', stockPath(feiyi, `?productId=${productId}&lowOnly=true`));
    expect(byProductLow.body.items.map((row) => row.skuId)).toEqual([skuIds[2], skuIds[1]]);

    const all = await get<StockList>('student-feiyi', stockPath(feiyi, '?pageSize=100'));
    const teamRows = await db()
      .select({ stock: schema.skus.stockAvailable, cost: schema.skus.unitCostFen, threshold: schema.skus.lowStockThreshold, status: schema.products.status })
      .from(schema.skus)
      .innerJoin(schema.products, eq(schema.products.id, schema.skus.productId))
      .where(eq(schema.products.teamId, feiyi));
    expect(all.body.total).toBe(teamRows.length);
    expect(all.body.lowCount).toBe(teamRows.filter((row) => row.stock <= row.threshold && watched(row.status)).length);
    expect(all.body.stockValueFen).toBe(teamRows.reduce((sum, row) => sum + row.stock * (row.cost ?? 0), 0));
    // Seeded products have pictures: their cover is the first gallery picture.
    expect(all.body.items.some((row) => row.cover !== null)).toBe(true);

    const page2 = await get<StockList>('student-feiyi', stockPath(feiyi, '?pageSize=2&page=2'));
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: teamRows.length, lowCount: all.body.lowCount });
    expect(page2.body.items.map((row) => row.skuId)).toEqual(all.body.items.slice(2, 4).map((row) => row.skuId));

    for (const query of ['?lowOnly=maybe', '?page=0', '?pageSize=101', '?productId=abc', '?sort=name']) {
      expect((await get('student-feiyi', stockPath(feiyi, query))).status).toBe(400);
    }
  });

  it('should set a low-stock threshold that moves the SKU on and off the low list', async () => {
    const { skuIds } = await createBareProduct(db(), feiyi);
    const skuId = skuIds[0]!;
    await receive('student-feiyi', feiyi, { skuId, quantity: 8, unitCostFen: 100 });
    const path = stockPath(feiyi, `/${skuId}/threshold`);
    const raised = await send<StockRow>('student-feiyi', 'PUT', path, { lowStockThreshold: 8 });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ skuId, lowStockThreshold: 8, low: true });
    const lowered = await send<StockRow>('student-feiyi', 'PUT', path, { lowStockThreshold: 0 });
    expect(lowered.body).toMatchObject({ lowStockThreshold: 0, low: false });
    for (const lowStockThreshold of [-1, 2.5, 1_000_001, null]) {
      expect((await send('student-feiyi', 'PUT', path, { lowStockThreshold })).status).toBe(400);
    }
    expect((await skuState(skuId)).stock).toBe(8);
  });

  it('should warn only about goods on sale or under review: drafts and off-shelf goods stay out of the low list, its count and the overview', async () => {
    const zhibo = await teamIdOf(db(), 'zhibo-daihuo');
    const statuses = ['draft', 'submitted', 'on_sale', 'off_shelf'] as const;
    const made = new Map<ProductStatus, number>();
    for (const status of statuses) made.set(status, (await createBareProduct(db(), zhibo, { status, title: `低库存提醒-${status}` })).skuIds[0]!);
    const lowList = await get<StockList>('student-zhibo', stockPath(zhibo, '?lowOnly=true&pageSize=100'));
    expect(lowList.status).toBe(200);
    const listed = new Set(lowList.body.items.map((row) => row.skuId));
    expect(statuses.filter((status) => listed.has(made.get(status)!))).toEqual(['submitted', 'on_sale']);
    expect(lowList.body.items.every((row) => watched(row.productStatus))).toBe(true);
    expect(lowList.body.lowCount).toBe(lowList.body.total);

    // Every one of them is at or below its threshold, and the full list says so.
    const all = await get<StockList>('student-zhibo', stockPath(zhibo, '?pageSize=100'));
    const flagged = all.body.items.filter((row) => [...made.values()].includes(row.skuId));
    expect(flagged.map((row) => row.low)).toEqual([true, true, true, true]);
    expect(all.body.lowCount).toBe(lowList.body.total);

    const overview = await get<TeamOverview>('teacher-2', `/api/console/teams/${zhibo}/overview`);
    expect(overview.body.lowStockCount).toBe(lowList.body.total);
    expect(overview.body.lowStock.every((row) => watched(row.productStatus))).toBe(true);
    const shown = new Set(overview.body.lowStock.map((row) => row.skuId));
    expect(shown.has(made.get('draft')!) || shown.has(made.get('off_shelf')!)).toBe(false);
  });

  it('should write who changed a threshold, and from what to what, into the product’s trail', async () => {
    const { productId, skuIds, codes } = await createBareProduct(db(), feiyi);
    const skuId = skuIds[0]!;
    const path = stockPath(feiyi, `/${skuId}/threshold`);
    const trail = () =>
      db()
        .select({ action: schema.productActivity.action, comment: schema.productActivity.comment, actorId: schema.productActivity.actorId, teamId: schema.productActivity.teamId })
        .from(schema.productActivity)
        .where(eq(schema.productActivity.productId, productId))
        .orderBy(asc(schema.productActivity.id));
    expect((await send('student-feiyi', 'PUT', path, { lowStockThreshold: 10 })).status).toBe(200);
    expect((await send('admin', 'PUT', path, { lowStockThreshold: 3 })).status).toBe(200);
    // The same value again changes nothing and says nothing.
    expect((await send('student-feiyi', 'PUT', path, { lowStockThreshold: 3 })).status).toBe(200);
    expect(await trail()).toEqual([
      { action: 'threshold_changed', comment: `规格 ${codes[0]} 低库存阈值 5 → 10`, actorId: await userIdOf(db(), 'student-feiyi'), teamId: feiyi },
      { action: 'threshold_changed', comment: `规格 ${codes[0]} 低库存阈值 10 → 3`, actorId: await userIdOf(db(), 'admin'), teamId: feiyi },
    ]);
    // A refused change leaves no trace either.
    expect((await send('student-feiyi', 'PUT', path, { lowStockThreshold: -1 })).status).toBe(400);
    expect((await trail()).length).toBe(2);
  });
});

describe('the ledger views', () => {
  it('should list a team’s movements newest first, filtered by SKU, type and China-time days', async () => {
    const { skuIds } = await createBareProduct(db(), tiantian, { skuCount: 2 });
    const [a, b] = skuIds as [number, number];
    // 23:30 on 31 May and 00:30 on 1 June in China are both 31 May in UTC.
    await at('2024-05-31T15:30:00Z', () => receive('student-tiantian', tiantian, { skuId: a, quantity: 5, unitCostFen: 100 }));
    await at('2024-05-31T16:30:00Z', () => adjust('student-tiantian', tiantian, { skuId: a, quantity: -1, reason: 'damage' }));
    await at('2024-06-02T03:00:00Z', () => receive('student-tiantian', tiantian, { skuId: b, quantity: 7, unitCostFen: 100 }));

    const list = (query: string) => get<StockMovementList>('lead-tiantian', stockPath(tiantian, `/movements?${query}`));
    const ofA = await list(`skuId=${a}`);
    expect(ofA.status).toBe(200);
    expect(ofA.body.items.map((row) => [row.type, row.quantity, row.balanceAfter])).toEqual([
      ['adjust', -1, 4],
      ['receive', 5, 5],
    ]);
    expect(ofA.body.items[0]!.createdAt).toBe('2024-05-31T16:30:00.000Z');

    const day = async (from: string, to: string) =>
      (await list(`from=${from}&to=${to}`)).body.items.filter((row) => skuIds.includes(row.skuId)).map((row) => row.quantity);
    expect(await day('2024-05-31', '2024-05-31')).toEqual([5]);
    expect(await day('2024-06-01', '2024-06-01')).toEqual([-1]);
    expect(await day('2024-06-01', '2024-06-02')).toEqual([7, -1]);
    expect(await day('2024-06-03', '2024-06-30')).toEqual([]);

    const adjustments = await list(`type=adjust&from=2024-05-01&to=2024-06-30`);
    expect(adjustments.body.items.map((row) => row.skuId)).toEqual([a]);
    const paged = await list(`from=2024-05-31&to=2024-06-02&pageSize=2&page=2`);
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items.map((row) => row.quantity)).toEqual([5]);

    for (const query of ['type=gift', 'from=2024-6-1', 'from=2024-06-02&to=2024-06-01', 'from=2024-13-01', 'skuId=0']) {
      const res = await list(query);
      expect(res.status, query).toBe(400);
    }
  });

  it('should export the same filters as a CSV that Excel opens in Chinese, with formulas defused', async () => {
    const { skuIds, codes } = await createBareProduct(db(), tiantian, { title: '-负号开头的商品' });
    const skuId = skuIds[0]!;
    await at('2024-07-01T01:02:03Z', async () => {
      await receive('student-tiantian', tiantian, { skuId, quantity: 6, unitCostFen: 1234, batchNote: '=HYPERLINK("http://evil.example","点我")' });
      await adjust('student-tiantian', tiantian, { skuId, quantity: -2, reason: 'sample', note: '直播间样品, 第"2"场' });
    });
    await at('2024-07-03T01:00:00Z', () => adjust('student-tiantian', tiantian, { skuId, quantity: 1, reason: 'found' }));

    const path = stockPath(tiantian, `/movements.csv?skuId=${skuId}&from=2024-07-01&to=2024-07-01`);
    const response = await fetch(url(path), authed(await tokenOf('teacher')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename=".*\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/^库存流水-天天市集运营一组-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
    expect(rows[0]).toEqual(['时间', '类型', '商品', '规格编码', '规格', '数量', '结存', '原因', '单位成本(元)', '供货方', '盘点单', '操作人', '班次', '备注']);
    expect(rows.slice(1)).toEqual([
      ['2024-07-01 09:02:03', '调整', "'-负号开头的商品", codes[0], '规格:款1', '-2', '4', '样品领用', '', '', '', '李嘉欣', '', '直播间样品, 第"2"场'],
      ['2024-07-01 09:02:03', '入库', "'-负号开头的商品", codes[0], '规格:款1', '6', '6', '', '12.34', expect.any(String), '', '李嘉欣', '', '\'=HYPERLINK("http://evil.example","点我")'],
    ]);
    expect(rows[2]![9]).not.toBe('');
  });

  it('should refuse an export bigger than the limit and suggest narrower dates', async () => {
    const yuecai = await teamIdOf(db(), 'yuecai-meishi');
    const { skuIds } = await createBareProduct(db(), yuecai);
    // Rows written straight into the ledger of a team no other test checks the books of.
    await db().execute(sql`
      insert into stock_movements (sku_id, team_id, type, reason, quantity, balance_after, created_at)
      select ${skuIds[0]}, ${yuecai}, 'adjust', 'found', 1, g, '2024-01-01T00:00:00Z'::timestamptz
      from generate_series(1, ${LEDGER_EXPORT_MAX_ROWS + 1}) as g`);
    const refused = await get('student-yuecai', stockPath(yuecai, '/movements.csv'));
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('请缩小日期范围');
    const narrower = await fetch(url(stockPath(yuecai, '/movements.csv?from=2024-01-02')), authed(await tokenOf('student-yuecai')));
    expect(narrower.status).toBe(200);
  });
});

describe('the team overview', () => {
  it('should show products by status, stock at cost, low stock and recent movements', async () => {
    const res = await get<TeamOverview>('teacher', `/api/console/teams/${tiantian}/overview`);
    expect(res.status).toBe(200);
    expect(res.body.team).toEqual({ id: tiantian, name: '天天市集运营一组' });
    expect(Object.keys(res.body.productsByStatus).sort()).toEqual([...PRODUCT_STATUSES].sort());
    const statuses = await db().select({ status: schema.products.status }).from(schema.products).where(eq(schema.products.teamId, tiantian));
    for (const status of PRODUCT_STATUSES) {
      expect(res.body.productsByStatus[status]).toBe(statuses.filter((row) => row.status === status).length);
    }
    const teamSkus = await db()
      .select({ stock: schema.skus.stockAvailable, cost: schema.skus.unitCostFen, threshold: schema.skus.lowStockThreshold, status: schema.products.status })
      .from(schema.skus)
      .innerJoin(schema.products, eq(schema.products.id, schema.skus.productId))
      .where(eq(schema.products.teamId, tiantian));
    expect(res.body.stockUnits).toBe(teamSkus.reduce((sum, row) => sum + row.stock, 0));
    expect(res.body.stockValueFen).toBe(teamSkus.reduce((sum, row) => sum + row.stock * (row.cost ?? 0), 0));
    expect(res.body.lowStockCount).toBe(teamSkus.filter((row) => row.stock <= row.threshold && watched(row.status)).length);
    expect(res.body.lowStock.length).toBe(Math.min(10, res.body.lowStockCount));
    expect(res.body.lowStock.every((row) => row.low && watched(row.productStatus))).toBe(true);
    const lowStocks = res.body.lowStock.map((row) => row.stockAvailable);
    expect(lowStocks).toEqual([...lowStocks].sort((x, y) => x - y));
    const newest = await get<StockMovementList>('teacher', stockPath(tiantian, '/movements?pageSize=10'));
    expect(res.body.recentMovements).toEqual(newest.body.items);
  });
});

describe('the books always balance', () => {
  const SEED = 20240601;
  it(`should keep stock equal to the ledger after a random sequence of receipts, adjustments and counts (seed ${SEED})`, async () => {
    const zhibo = await teamIdOf(db(), 'zhibo-daihuo');
    const { skuIds } = await createBareProduct(db(), zhibo, { skuCount: 3 });
    const [seededSku] = await db()
      .select({ id: schema.skus.id })
      .from(schema.skus)
      .innerJoin(schema.products, eq(schema.products.id, schema.skus.productId))
      .where(eq(schema.products.teamId, zhibo))
      .orderBy(asc(schema.skus.id))
      .limit(1);
    const pool = [...skuIds, seededSku!.id];
    const model = new Map<number, number>();
    for (const [id, state] of await Promise.all(pool.map(async (id) => [id, await skuState(id)] as const))) model.set(id, state.stock);

    const random = seededRandom(SEED);
    const outcomes = new Map<number, number>();
    const expectStatus = (status: number, expected: number, what: string) => {
      outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
      expect(status, what).toBe(expected);
    };
    type Count = { id: number; skus: number[]; expected: Map<number, number>; counted: Map<number, number> };
    let open: Count | null = null;
    const countsPath = `/api/console/teams/${zhibo}/stock-counts`;

    for (let step = 0; step < 160; step += 1) {
      const skuId = random.pick(pool);
      const stock = model.get(skuId)!;
      const roll = random.next();
      if (roll < 0.35) {
        const quantity = random.int(1, 40);
        const res = await receive('student-zhibo', zhibo, { skuId, quantity, unitCostFen: random.int(0, 5000) });
        expectStatus(res.status, 201, `step ${step}: receive ${quantity}`);
        model.set(skuId, stock + quantity);
      } else if (roll < 0.65) {
        const reason = random.pick(['damage', 'loss', 'sample', 'found'] as const);
        const size = random.int(1, Math.max(1, Math.ceil(stock * 1.3)));
        const quantity = reason === 'found' ? size : -size;
        const res = await adjust('student-zhibo', zhibo, { skuId, quantity, reason });
        const fits = stock + quantity >= 0;
        expectStatus(res.status, fits ? 201 : 409, `step ${step}: ${reason} ${quantity} of ${stock}`);
        if (fits) model.set(skuId, stock + quantity);
      } else if (roll < 0.72) {
        const bad = random.pick([{ quantity: 0 }, { quantity: -1 }, { quantity: 2.5 }, { unitCostFen: 100_000_001 }]);
        const res = await receive('student-zhibo', zhibo, { skuId, quantity: 1, unitCostFen: 1, ...bad });
        expectStatus(res.status, 400, `step ${step}: bad receipt ${JSON.stringify(bad)}`);
      } else if (!open) {
        const chosen = pool.filter(() => random.chance(0.6));
        const skus = chosen.length > 0 ? chosen : [skuId];
        const res = await send<{ id: number }>('teacher-2', 'POST', countsPath, { skuIds: skus });
        expectStatus(res.status, 201, `step ${step}: start count`);
        open = { id: res.body.id, skus, expected: new Map(), counted: new Map() };
      } else if (roll < 0.88) {
        const target = random.chance(0.85) ? random.pick(open.skus) : pool.find((id) => !open!.skus.includes(id));
        if (target === undefined) continue;
        const counted = Math.max(0, model.get(target)! + random.int(-3, 3));
        const lines = [{ skuId: target, countedQuantity: counted }];
        const res = await send('student-zhibo', 'PUT', `${countsPath}/${open.id}/lines`, { lines });
        const inside = open.skus.includes(target);
        expectStatus(res.status, inside ? 200 : 422, `step ${step}: count ${target}`);
        if (inside) {
          open.expected.set(target, model.get(target)!);
          open.counted.set(target, counted);
        }
      } else {
        const action = random.chance(0.8) ? 'approve' : 'cancel';
        const res = await send('teacher-2', 'POST', `${countsPath}/${open.id}/${action}`);
        if (action === 'cancel') {
          expectStatus(res.status, 200, `step ${step}: cancel`);
          open = null;
          continue;
        }
        const complete = open.skus.every((id) => open!.counted.has(id));
        const after = new Map(open.skus.map((id) => [id, model.get(id)! + open!.counted.get(id)! - open!.expected.get(id)!]));
        const fits = complete && [...after.values()].every((value) => value >= 0);
        expectStatus(res.status, !complete ? 422 : fits ? 200 : 409, `step ${step}: approve`);
        if (fits) {
          for (const [id, value] of after) model.set(id, value);
          open = null;
        }
      }
    }

    // The sequence went through every kind of answer, so the test proves what it claims.
    expect([...outcomes.keys()].sort()).toEqual(expect.arrayContaining([200, 201, 400, 409, 422]));
    for (const id of pool) expect((await skuState(id)).stock, `sku ${id}`).toBe(model.get(id));
    expect(await ledgerProblems(db(), zhibo)).toEqual([]);
    const movements = await db()
      .select({ type: schema.stockMovements.type, n: count() })
      .from(schema.stockMovements)
      .where(inArray(schema.stockMovements.skuId, pool))
      .groupBy(schema.stockMovements.type);
    const byType = Object.fromEntries(movements.map((row) => [row.type, row.n]));
    expect(byType).toMatchObject({ receive: expect.any(Number), adjust: expect.any(Number), count: expect.any(Number) });
    expect(byType.receive! + byType.adjust! + byType.count!).toBeGreaterThan(50);
  });

  it('should balance the books of every team after everything this file did', async () => {
    for (const slug of ['tiantian-yunying-1', 'feiyi-wenchuang', 'zhibo-daihuo']) {
      expect(await ledgerProblems(db(), await teamIdOf(db(), slug)), slug).toEqual([]);
    }
  });
});

/** A small RFC 4180 reader, to read the export back the way a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  return rows;
}
