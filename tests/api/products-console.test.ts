import { schema } from '@qiaodu/db';
import type {
  ApprovalQueue,
  ConsoleProductDetail,
  ConsoleProductList,
  ProductDetail,
  ProductInput,
  ProductListResponse,
} from '@qiaodu/shared';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { teamIdOf } from '../support/inventory';
import {
  freshCode,
  jpeg,
  productInput,
  productRefs,
  productSnapshot,
  uploadImage,
} from '../support/product-console';
import { getJson } from '../support/test-app';

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const { send, tokenOf } = personaClient(() => fixture.app.baseUrl);

let tiantian: number;
let feiyi: number;
let refs: { categoryId: number; partnerId: number };

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
  refs = await productRefs(db(), tiantian);
});

const productsPath = (teamId: number) => `/api/console/teams/${teamId}/products`;
const productPath = (teamId: number, productId: number, action = '') => `${productsPath(teamId)}/${productId}${action}`;

/** Turns a detail back into the input that would save it unchanged. */
function inputOf(detail: ConsoleProductDetail): ProductInput {
  return {
    title: detail.title,
    subtitle: detail.subtitle,
    categoryId: detail.categoryId,
    partnerId: detail.partnerId,
    description: detail.description,
    heritage: detail.heritage,
    skus: detail.skus.map((sku) => ({
      id: sku.id,
      code: sku.code,
      specs: sku.specs,
      priceFen: sku.priceFen,
      originalPriceFen: sku.originalPriceFen,
      weightGrams: sku.weightGrams,
    })),
  };
}

async function createDraft(overrides: Partial<ProductInput> = {}, persona = 'student-tiantian'): Promise<ConsoleProductDetail> {
  const res = await send<ConsoleProductDetail>(persona, 'POST', productsPath(tiantian), productInput(refs, overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function addPicture(productId: number, colour = { r: 30, g: 120, b: 200 }) {
  const res = await uploadImage(fixture.app.baseUrl, await tokenOf('student-tiantian'), { teamId: tiantian, productId }, await jpeg(640, 480, colour));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

function addPictureAnswer(productId: number) {
  return (async () => uploadImage(fixture.app.baseUrl, await tokenOf('student-tiantian'), { teamId: tiantian, productId }, await jpeg(320, 240)))();
}

/** A draft with a picture, submitted for review. */
async function createSubmitted(overrides: Partial<ProductInput> = {}): Promise<ConsoleProductDetail> {
  const draft = await createDraft(overrides);
  await addPicture(draft.id);
  const res = await send<ConsoleProductDetail>('student-tiantian', 'POST', productPath(tiantian, draft.id, '/submit'));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function createOnSale(overrides: Partial<ProductInput> = {}): Promise<ConsoleProductDetail> {
  const submitted = await createSubmitted(overrides);
  const res = await send<ConsoleProductDetail>('teacher', 'POST', productPath(tiantian, submitted.id, '/approve'), { comment: '' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const shop = (query: string) => getJson<ProductListResponse>(`${fixture.app.baseUrl}/api/products${query}`);
const shopProduct = (id: number) => getJson<ProductDetail>(`${fixture.app.baseUrl}/api/products/${id}`);

describe('the listing workflow', () => {
  it('should take a product from a student’s draft through the teacher’s approval into the shop and back', async () => {
    const title = `流程测试鲤鱼灯${process.pid}`;
    const created = await send<ConsoleProductDetail>('student-tiantian', 'POST', productsPath(tiantian), productInput(refs, { title }));
    expect(created.status).toBe(201);
    const draft = created.body;
    expect(draft).toMatchObject({ status: 'draft', title, team: { id: tiantian }, publishedAt: null, submittedAt: null, lastReview: null });
    expect(draft.skus.map((sku) => [sku.priceFen, sku.stockAvailable, sku.weightGrams])).toEqual([
      [1280, 0, 200],
      [2680, 0, 450],
    ]);
    expect(draft.activity).toMatchObject([{ action: 'created', actor: { name: '李嘉欣' } }]);
    expect(draft.can).toEqual({ edit: true, submit: true, withdraw: false, review: false, takeOffShelf: false, relist: false, delete: true });
    // No stock without the ledger: the new SKUs have no ledger rows and no stock.
    const ledger = await db()
      .select({ n: count() })
      .from(schema.stockMovements)
      .where(eq(schema.stockMovements.skuId, draft.skus[0]!.id));
    expect(ledger[0]!.n).toBe(0);

    // Nothing to show yet: the teacher would review an empty carousel.
    const early = await send('student-tiantian', 'POST', productPath(tiantian, draft.id, '/submit'));
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'PRODUCT_INCOMPLETE', message: expect.stringContaining('主图') });

    const picture = await addPicture(draft.id);
    expect(picture).toMatchObject({ kind: 'gallery', position: 0, width: 640, height: 480 });
    expect(picture.feedUrl).toMatch(/^\/media\/uploads\/products\/\d+\/[0-9a-f]+-feed\.webp$/);

    const submitted = await send<ConsoleProductDetail>('student-tiantian', 'POST', productPath(tiantian, draft.id, '/submit'));
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });
    expect(submitted.body.can).toMatchObject({ edit: false, withdraw: true, submit: false, delete: false });

    // The teacher sees it waiting, and sees it as the customer will.
    const queue = await send<ApprovalQueue>('teacher', 'GET', '/api/console/approvals');
    expect(queue.status).toBe(200);
    expect(queue.body.items.find((item) => item.id === draft.id)).toMatchObject({
      team: { id: tiantian, name: '天天市集运营一组' },
      submittedBy: { name: '李嘉欣' },
      cover: picture.feedUrl,
      status: 'submitted',
    });
    const otherTeacher = await send<ApprovalQueue>('teacher-2', 'GET', '/api/console/approvals');
    expect(otherTeacher.body.items.map((item) => item.id)).not.toContain(draft.id);
    const preview = await send<ProductDetail>('teacher', 'GET', productPath(tiantian, draft.id, '/preview'));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: draft.id, title, status: 'submitted', priceFen: 1280, soldOut: true, images: [{ url: picture.url }] });
    const detailAsTeacher = await send<ConsoleProductDetail>('teacher', 'GET', productPath(tiantian, draft.id));
    expect(detailAsTeacher.body.can).toMatchObject({ review: true, edit: false, submit: false });

    // A student cannot approve (not even their own); a teacher of other teams is not told it exists.
    const byStudent = await send('student-tiantian', 'POST', productPath(tiantian, draft.id, '/approve'), {});
    expect(byStudent.status).toBe(403);
    expect(byStudent.body.error?.code).toBe('FORBIDDEN');
    const byStranger = await send('teacher-2', 'POST', productPath(tiantian, draft.id, '/approve'), {});
    expect(byStranger.status).toBe(404);

    const approved = await send<ConsoleProductDetail>('teacher', 'POST', productPath(tiantian, draft.id, '/approve'), { comment: '图片清晰，可以上架' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'on_sale',
      publishedAt: expect.any(String),
      lastReview: { decision: 'approved', comment: '图片清晰，可以上架', reviewer: { name: '刘慧敏' } },
    });
    const publishedAt = approved.body.publishedAt;

    // In the shop at once (the catalog cache is emptied by the database's notification), sold out but listed.
    const listed = await shop(`?q=${encodeURIComponent(title)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ id: draft.id, soldOut: true, priceFen: 1280, cover: { url: picture.feedUrl } });
    const cover = await fetch(`${fixture.app.baseUrl}${listed.body.items[0]!.cover!.url}`);
    expect(cover.status).toBe(200);
    expect(cover.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await cover.arrayBuffer())).metadata()).width).toBeLessThanOrEqual(480);
    const page = await shopProduct(draft.id);
    expect(page.status).toBe(200);
    expect(page.body.images).toEqual([{ url: picture.url, alt: title }]);

    // A price change on sale is live at once and kept in the history.
    const input = inputOf(approved.body);
    input.skus[0]!.priceFen = 990;
    const repriced = await send<ConsoleProductDetail>('student-tiantian', 'PUT', productPath(tiantian, draft.id), input);
    expect(repriced.status, JSON.stringify(repriced.body)).toBe(200);
    expect(repriced.body.status).toBe('on_sale');
    expect(repriced.body.priceHistory).toMatchObject([
      { skuId: draft.skus[0]!.id, fromFen: 1280, toFen: 990, fromOriginalFen: 1580, toOriginalFen: 1580, actor: { name: '李嘉欣' } },
    ]);
    expect(repriced.body.activity[0]).toMatchObject({ action: 'price_changed', comment: expect.stringContaining('¥12.80 → ¥9.90') });
    expect(repriced.body.activity.map((entry) => entry.action)).not.toContain('edited');
    // On PostgreSQL the cache hears of the change a moment after the commit.
    await expect.poll(async () => (await shopProduct(draft.id)).body.priceFen).toBe(990);
    await expect.poll(async () => (await shop(`?q=${encodeURIComponent(title)}`)).body.items[0]?.priceFen).toBe(990);

    const off = await send<ConsoleProductDetail>('student-tiantian', 'POST', productPath(tiantian, draft.id, '/off-shelf'));
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ status: 'off_shelf', can: { relist: true, takeOffShelf: false } });
    await expect.poll(async () => (await shop(`?q=${encodeURIComponent(title)}`)).body.items).toHaveLength(0);
    await expect.poll(async () => (await shopProduct(draft.id)).status).toBe(404);

    const relisted = await send<ConsoleProductDetail>('student-tiantian', 'POST', productPath(tiantian, draft.id, '/relist'));
    expect(relisted.status).toBe(200);
    // The first publication stays: relisting is not new to the shop.
    expect(relisted.body).toMatchObject({ status: 'on_sale', publishedAt });
    await expect.poll(async () => (await shop(`?q=${encodeURIComponent(title)}`)).body.items.map((item) => item.id)).toEqual([draft.id]);
    expect(relisted.body.activity.map((entry) => entry.action)).toEqual([
      'relisted',
      'taken_off_shelf',
      'price_changed',
      'approved',
      'submitted',
      'image_added',
      'created',
    ]);
  });

  it('should send a rejected product back to draft with the teacher’s comment', async () => {
    const submitted = await createSubmitted();
    const noReason = await send('teacher', 'POST', productPath(tiantian, submitted.id, '/reject'), {});
    expect(noReason.status).toBe(400);
    const rejected = await send<ConsoleProductDetail>('teacher', 'POST', productPath(tiantian, submitted.id, '/reject'), {
      comment: '缺少尺寸说明',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'draft',
      submittedAt: null,
      publishedAt: null,
      lastReview: { decision: 'rejected', comment: '缺少尺寸说明', reviewer: { name: '刘慧敏' } },
    });
    // Reached a teacher: kept as evidence, not deletable.
    const asStudent = await send<ConsoleProductDetail>('student-tiantian', 'GET', productPath(tiantian, submitted.id));
    expect(asStudent.body.can).toMatchObject({ edit: true, submit: true, delete: false });
    expect(rejected.body.can).toMatchObject({ edit: false, review: false });
    const listed = await send<ConsoleProductList>('student-tiantian', 'GET', `${productsPath(tiantian)}?status=draft&pageSize=100`);
    expect(listed.body.items.find((item) => item.id === submitted.id)?.lastReview).toMatchObject({ decision: 'rejected', comment: '缺少尺寸说明' });
    const queue = await send<ApprovalQueue>('teacher', 'GET', '/api/console/approvals');
    expect(queue.body.items.map((item) => item.id)).not.toContain(submitted.id);
  });

  it('should let a student withdraw a submission to edit it again', async () => {
    const submitted = await createSubmitted();
    const withdrawn = await send<ConsoleProductDetail>('student-tiantian', 'POST', productPath(tiantian, submitted.id, '/withdraw'));
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'draft', submittedAt: null, lastReview: null });
    const edited = await send<ConsoleProductDetail>('student-tiantian', 'PUT', productPath(tiantian, submitted.id), {
      ...inputOf(withdrawn.body),
      title: '改过的名称',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.activity[0]).toMatchObject({ action: 'edited' });
  });

  it('should let only one of two reviewers acting at once decide', async () => {
    const submitted = await createSubmitted();
    const [approve, reject] = await Promise.all([
      send('teacher', 'POST', productPath(tiantian, submitted.id, '/approve'), {}),
      send('admin', 'POST', productPath(tiantian, submitted.id, '/reject'), { comment: '再改改' }),
    ]);
    expect([approve.status, reject.status].sort()).toEqual([200, 409]);
    const reviews = await db()
      .select({ action: schema.productActivity.action })
      .from(schema.productActivity)
      .where(eq(schema.productActivity.productId, submitted.id));
    expect(reviews.filter((row) => row.action === 'approved' || row.action === 'rejected')).toHaveLength(1);
  });
});

describe('refused changes', () => {
  /** Makes the call and proves the product's rows are exactly as they were. */
  async function expectUnchanged(productId: number, call: () => Promise<{ status: number; body: unknown }>, status: number, code?: string) {
    const before = await productSnapshot(db(), productId);
    const res = await call();
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (code) expect((res.body as { error?: { code: string } }).error?.code).toBe(code);
    expect(await productSnapshot(db(), productId)).toBe(before);
    return res;
  }

  it('should refuse prices over ¥1,000,000, fractional fen and negative prices', async () => {
    const draft = await createDraft();
    for (const priceFen of [100_000_001, 12.5, -1]) {
      const input = inputOf(draft);
      input.skus[0]!.priceFen = priceFen;
      await expectUnchanged(draft.id, () => send('student-tiantian', 'PUT', productPath(tiantian, draft.id), input), 400, 'VALIDATION_FAILED');
    }
    const tooDear = await send('student-tiantian', 'POST', productsPath(tiantian), productInput(refs, {
      skus: [{ code: freshCode(), priceFen: 100_000_001 }],
    }));
    expect(tooDear.status).toBe(400);
    expect(JSON.stringify(tooDear.body)).toContain('¥1,000,000');
  });

  it('should hide another team’s products from a student', async () => {
    const draft = await createDraft();
    const input = { ...inputOf(draft), title: '别的组改的' };
    // Through the other team's path the policy hides the team itself…
    await expectUnchanged(draft.id, () => send('student-feiyi', 'PUT', productPath(tiantian, draft.id), input), 404, 'TEAM_NOT_FOUND');
    // …and through their own team's path the product is simply not theirs.
    await expectUnchanged(draft.id, () => send('student-feiyi', 'PUT', productPath(feiyi, draft.id), input), 404, 'PRODUCT_NOT_FOUND');
    await expectUnchanged(draft.id, () => send('student-feiyi', 'POST', productPath(feiyi, draft.id, '/submit')), 404, 'PRODUCT_NOT_FOUND');
    await expectUnchanged(draft.id, () => send('student-feiyi', 'DELETE', productPath(feiyi, draft.id)), 404, 'PRODUCT_NOT_FOUND');
    expect((await send('student-feiyi', 'GET', productPath(feiyi, draft.id))).status).toBe(404);
    expect((await send('student-feiyi', 'GET', productPath(feiyi, draft.id, '/preview'))).status).toBe(404);
  });

  it('should refuse edits while the product is under review', async () => {
    const submitted = await createSubmitted();
    const input = { ...inputOf(submitted), title: '审核中偷偷改' };
    const res = await expectUnchanged(submitted.id, () => send('student-tiantian', 'PUT', productPath(tiantian, submitted.id), input), 409, 'INVALID_STATE');
    expect(JSON.stringify(res.body)).toContain('撤回');
  });

  it('should refuse transitions the workflow does not have', async () => {
    const draft = await createDraft();
    await expectUnchanged(draft.id, () => send('teacher', 'POST', productPath(tiantian, draft.id, '/approve'), {}), 409, 'INVALID_STATE');
    await expectUnchanged(draft.id, () => send('teacher', 'POST', productPath(tiantian, draft.id, '/reject'), { comment: '不行' }), 409, 'INVALID_STATE');
    await expectUnchanged(draft.id, () => send('student-tiantian', 'POST', productPath(tiantian, draft.id, '/relist')), 409, 'INVALID_STATE');
    await expectUnchanged(draft.id, () => send('student-tiantian', 'POST', productPath(tiantian, draft.id, '/withdraw')), 409, 'INVALID_STATE');
    await expectUnchanged(draft.id, () => send('student-tiantian', 'POST', productPath(tiantian, draft.id, '/off-shelf')), 409, 'INVALID_STATE');
    const onSale = await createOnSale();
    await expectUnchanged(onSale.id, () => send('student-tiantian', 'POST', productPath(tiantian, onSale.id, '/submit')), 409, 'INVALID_STATE');
    await expectUnchanged(onSale.id, () => send('teacher', 'POST', productPath(tiantian, onSale.id, '/approve'), {}), 409, 'INVALID_STATE');
    await expectUnchanged(onSale.id, () => send('student-tiantian', 'DELETE', productPath(tiantian, onSale.id)), 409, 'INVALID_STATE');
  });

  it('should refuse SKU codes used twice in a product or already used by another product', async () => {
    const draft = await createDraft();
    const twice = inputOf(draft);
    twice.skus[1]!.code = twice.skus[0]!.code.toLowerCase();
    await expectUnchanged(draft.id, () => send('student-tiantian', 'PUT', productPath(tiantian, draft.id), twice), 400, 'VALIDATION_FAILED');

    const [seeded] = await db().select({ code: schema.skus.code }).from(schema.skus).orderBy(asc(schema.skus.id)).limit(1);
    const taken = inputOf(draft);
    taken.skus[1]!.code = seeded!.code;
    const res = await expectUnchanged(draft.id, () => send('student-tiantian', 'PUT', productPath(tiantian, draft.id), taken), 409, 'SKU_CODE_TAKEN');
    expect(JSON.stringify(res.body)).toContain(seeded!.code);
    // Codes are one code whatever their case.
    taken.skus[1]!.code = seeded!.code.toLowerCase();
    expect(seeded!.code.toLowerCase()).not.toBe(seeded!.code);
    const lower = await expectUnchanged(draft.id, () => send('student-tiantian', 'PUT', productPath(tiantian, draft.id), taken), 409, 'SKU_CODE_TAKEN');
    expect(JSON.stringify(lower.body)).toContain(seeded!.code);

    const productsBefore = await db().select({ n: count() }).from(schema.products);
    const createTaken = await send('student-feiyi', 'POST', productsPath(feiyi), productInput(await productRefs(db(), feiyi), {
      skus: [{ code: draft.skus[0]!.code, priceFen: 100 }],
    }));
    expect(createTaken.status).toBe(409);
    expect(createTaken.body.error?.code).toBe('SKU_CODE_TAKEN');
    expect(await db().select({ n: count() }).from(schema.products)).toEqual(productsBefore);
  });

  it('should give a SKU code to only one of two products created at once, whatever its case', async () => {
    const code = freshCode('RACE');
    const answers = await Promise.all(
      [code, code.toLowerCase(), code].map((spelt) => send('student-tiantian', 'POST', productsPath(tiantian), productInput(refs, { skus: [{ code: spelt, priceFen: 500 }] }))),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409]);
    expect(answers.filter((res) => res.status === 409).every((res) => res.body.error?.code === 'SKU_CODE_TAKEN')).toBe(true);
    expect(await db().select({ n: count() }).from(schema.skus).where(sql`upper(${schema.skus.code}) = ${code.toUpperCase()}`)).toEqual([{ n: 1 }]);
  });

  it('should swap SKU codes within a product without tripping over itself', async () => {
    const draft = await createDraft();
    const swapped = inputOf(draft);
    [swapped.skus[0]!.code, swapped.skus[1]!.code] = [swapped.skus[1]!.code, swapped.skus[0]!.code];
    const res = await send<ConsoleProductDetail>('student-tiantian', 'PUT', productPath(tiantian, draft.id), swapped);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.skus.map((sku) => [sku.id, sku.code])).toEqual([
      [draft.skus[0]!.id, draft.skus[1]!.code],
      [draft.skus[1]!.id, draft.skus[0]!.code],
    ]);
  });

  it('should refuse a SKU id of another product, an unknown or parent category, a partner the team does not run and outside pictures', async () => {
    const draft = await createDraft();
    const other = await createDraft();
    const otherBefore = await productSnapshot(db(), other.id);
    const stolen = inputOf(draft);
    stolen.skus[0]!.id = other.skus[0]!.id;
    await expectUnchanged(draft.id, () => send('student-tiantian', 'PUT', productPath(tiantian, draft.id), stolen), 404, 'SKU_NOT_FOUND');
    expect(await productSnapshot(db(), other.id)).toBe(otherBefore);

    const [root] = await db().select({ id: schema.categories.id }).from(schema.categories).where(isNull(schema.categories.parentId)).limit(1);
    for (const categoryId of [root!.id, 2_000_000_000]) {
      await expectUnchanged(
        draft.id,
        () => send('student-tiantian', 'PUT', productPath(tiantian, draft.id), { ...inputOf(draft), categoryId }),
        422,
        'CATEGORY_NOT_FOUND',
      );
    }
    const notOurs = (await productRefs(db(), feiyi)).partnerId;
    const [linked] = await db()
      .select({ n: count() })
      .from(schema.teamPartners)
      .where(and(eq(schema.teamPartners.teamId, tiantian), eq(schema.teamPartners.partnerId, notOurs)));
    expect(linked!.n).toBe(0);
    await expectUnchanged(
      draft.id,
      () => send('student-tiantian', 'PUT', productPath(tiantian, draft.id), { ...inputOf(draft), partnerId: notOurs }),
      422,
      'PARTNER_NOT_LINKED',
    );
    const outside = { ...inputOf(draft), description: [{ type: 'image' as const, url: '/media/seed/logo-shenggong-liyu.svg', alt: '' }] };
    const res = await expectUnchanged(draft.id, () => send('student-tiantian', 'PUT', productPath(tiantian, draft.id), outside), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.body)).toContain('body.description.0.url');
  });

  it('should keep SKUs that have stock history and edit seeded products', async () => {
    const [seeded] = await db()
      .select({ id: schema.products.id })
      .from(schema.products)
      .where(and(eq(schema.products.teamId, tiantian), eq(schema.products.status, 'on_sale')))
      .orderBy(asc(schema.products.id))
      .limit(1);
    const detail = await send<ConsoleProductDetail>('student-tiantian', 'GET', productPath(tiantian, seeded!.id));
    expect(detail.status).toBe(200);
    // Saving a seeded product as it is changes nothing, however its description was written.
    const unchanged = await expectUnchanged(seeded!.id, () => send('student-tiantian', 'PUT', productPath(tiantian, seeded!.id), inputOf(detail.body)), 200);
    expect((unchanged.body as ConsoleProductDetail).activity).toEqual(detail.body.activity);

    const withStock = detail.body.skus.find((sku) => sku.stockAvailable > 0)!;
    const input = inputOf(detail.body);
    input.skus = input.skus.filter((sku) => sku.id !== withStock.id);
    if (input.skus.length === 0) input.skus = [{ code: freshCode(), priceFen: 100 }];
    // On sale a SKU cannot go at all; off the shelf one with a ledger still cannot.
    await expectUnchanged(seeded!.id, () => send('student-tiantian', 'PUT', productPath(tiantian, seeded!.id), input), 409, 'INVALID_STATE');
    expect((await send('student-tiantian', 'POST', productPath(tiantian, seeded!.id, '/off-shelf'))).status).toBe(200);
    const res = await expectUnchanged(seeded!.id, () => send('student-tiantian', 'PUT', productPath(tiantian, seeded!.id), input), 409, 'SKU_HAS_HISTORY');
    expect(JSON.stringify(res.body)).toContain(withStock.code);
    // Nothing changed since the approval: back on sale without a new review.
    const relisted = await send<ConsoleProductDetail>('student-tiantian', 'POST', productPath(tiantian, seeded!.id, '/relist'));
    expect(relisted.status, JSON.stringify(relisted.body)).toBe(200);
    expect(relisted.body.status).toBe('on_sale');
  });

  it('should keep a SKU whose price history the delete would erase', async () => {
    const draft = await createDraft();
    const repriced = inputOf(draft);
    repriced.skus[1]!.priceFen = 2480;
    expect((await send('student-tiantian', 'PUT', productPath(tiantian, draft.id), repriced)).status).toBe(200);
    const detail = (await send<ConsoleProductDetail>('student-tiantian', 'GET', productPath(tiantian, draft.id))).body;
    const withoutIt = inputOf(detail);
    withoutIt.skus = [withoutIt.skus[0]!];
    const res = await expectUnchanged(draft.id, () => send('student-tiantian', 'PUT', productPath(tiantian, draft.id), withoutIt), 409, 'SKU_HAS_HISTORY');
    expect(JSON.stringify(res.body)).toContain(draft.skus[1]!.code);
    // The SKU without price history may go.
    const other = inputOf(detail);
    other.skus = [other.skus[1]!];
    expect((await send('student-tiantian', 'PUT', productPath(tiantian, draft.id), other)).status).toBe(200);
  });

  it('should delete a fresh draft but keep anything a teacher has seen', async () => {
    const draft = await createDraft();
    const deleted = await send('student-tiantian', 'DELETE', productPath(tiantian, draft.id));
    expect(deleted.status).toBe(200);
    expect(await db().select().from(schema.products).where(eq(schema.products.id, draft.id))).toEqual([]);
    expect(await db().select().from(schema.skus).where(eq(schema.skus.productId, draft.id))).toEqual([]);

    const submitted = await createSubmitted();
    await send('student-tiantian', 'POST', productPath(tiantian, submitted.id, '/withdraw'));
    await expectUnchanged(submitted.id, () => send('student-tiantian', 'DELETE', productPath(tiantian, submitted.id)), 409, 'PRODUCT_HAS_HISTORY');
    const teacherDelete = await send('teacher', 'DELETE', productPath(tiantian, submitted.id));
    expect(teacherDelete.status).toBe(403);
  });
});

describe('the review rule: teachers approve what customers see', () => {
  async function expectRefused(productId: number, call: () => Promise<{ status: number; body: unknown }>, message: string) {
    const before = await productSnapshot(db(), productId);
    const res = await call();
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect((res.body as { error?: { code: string; message: string } }).error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining(message) });
    expect(await productSnapshot(db(), productId)).toBe(before);
  }

  it('should let an on-sale product change only prices and weights', async () => {
    const onSale = await createOnSale();
    const put = (input: ProductInput) => () => send('student-tiantian', 'PUT', productPath(tiantian, onSale.id), input);
    const refusals: ProductInput[] = [
      { ...inputOf(onSale), title: '上架后偷偷改名' },
      { ...inputOf(onSale), subtitle: '新副标题' },
      { ...inputOf(onSale), description: [{ type: 'text', text: '换了描述' }] },
      { ...inputOf(onSale), heritage: { level: 'city', craft: '扎作', inheritor: '黎师傅', region: '广州', story: '百年扎作技艺。' } },
      { ...inputOf(onSale), skus: [...inputOf(onSale).skus, { code: freshCode(), specs: [{ name: '尺寸', value: '中号' }], priceFen: 100 }] },
      { ...inputOf(onSale), skus: [inputOf(onSale).skus[0]!] },
      { ...inputOf(onSale), skus: inputOf(onSale).skus.map((sku, i) => (i === 0 ? { ...sku, code: freshCode() } : sku)) },
      { ...inputOf(onSale), skus: inputOf(onSale).skus.map((sku, i) => (i === 0 ? { ...sku, specs: [{ name: '尺寸', value: '特大号' }] } : sku)) },
    ];
    for (const input of refusals) await expectRefused(onSale.id, put(input), '在售商品只能修改价格和重量');

    const live = inputOf(onSale);
    live.skus[0] = { ...live.skus[0]!, priceFen: 1180, weightGrams: 260 };
    const res = await send<ConsoleProductDetail>('student-tiantian', 'PUT', productPath(tiantian, onSale.id), live);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'on_sale', skus: [{ priceFen: 1180, weightGrams: 260 }, {}] });
    expect(res.body.priceHistory).toMatchObject([{ fromFen: 1280, toFen: 1180 }]);
    await expect.poll(async () => (await shopProduct(onSale.id)).body.priceFen).toBe(1180);

    // Pictures are content too.
    const picture = onSale.images[0]!;
    await expectRefused(onSale.id, () => addPictureAnswer(onSale.id), '在售商品不能修改图片');
    await expectRefused(onSale.id, () => send('student-tiantian', 'DELETE', productPath(tiantian, onSale.id, `/images/${picture.id}`)), '在售商品不能修改图片');
    await expectRefused(onSale.id, () => send('student-tiantian', 'PUT', productPath(tiantian, onSale.id, '/image-order'), { imageIds: [picture.id] }), '在售商品不能修改图片');
  });

  it('should send an off-shelf product whose content changed back to review, and relist one whose prices changed', async () => {
    const onSale = await createOnSale();
    await send('student-tiantian', 'POST', productPath(tiantian, onSale.id, '/off-shelf'));
    const repriced = inputOf(onSale);
    repriced.skus[1]!.priceFen = 2580;
    const priced = await send<ConsoleProductDetail>('student-tiantian', 'PUT', productPath(tiantian, onSale.id), repriced);
    expect(priced.body).toMatchObject({ status: 'off_shelf', can: { relist: true } });

    const renamed = await send<ConsoleProductDetail>('student-tiantian', 'PUT', productPath(tiantian, onSale.id), { ...repriced, title: '下架后改的名字' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ status: 'draft', submittedAt: null, can: { submit: true, relist: false } });
    expect(renamed.body.activity[0]).toMatchObject({ action: 'edited', comment: '内容已修改，需重新提交审核', actor: { name: '李嘉欣' } });
    const relist = await send('student-tiantian', 'POST', productPath(tiantian, onSale.id, '/relist'));
    expect(relist.status).toBe(409);
    await expect.poll(async () => (await shopProduct(onSale.id)).status).toBe(404);

    // The teacher sees the new content before it sells again.
    expect((await send('student-tiantian', 'POST', productPath(tiantian, onSale.id, '/submit'))).status).toBe(200);
    const approved = await send<ConsoleProductDetail>('teacher', 'POST', productPath(tiantian, onSale.id, '/approve'), {});
    expect(approved.body.status).toBe('on_sale');
    await expect.poll(async () => (await shopProduct(onSale.id)).body.title).toBe('下架后改的名字');
  });

  it('should send an off-shelf product back to review after a picture change and never sell it without a cover', async () => {
    const onSale = await createOnSale();
    await send('student-tiantian', 'POST', productPath(tiantian, onSale.id, '/off-shelf'));
    const removed = await send('student-tiantian', 'DELETE', productPath(tiantian, onSale.id, `/images/${onSale.images[0]!.id}`));
    expect(removed.status).toBe(200);
    const detail = (await send<ConsoleProductDetail>('student-tiantian', 'GET', productPath(tiantian, onSale.id))).body;
    expect(detail).toMatchObject({ status: 'draft', images: [] });
    expect(detail.activity.slice(0, 2).map((entry) => [entry.action, entry.comment])).toEqual([
      ['edited', '内容已修改，需重新提交审核'],
      ['image_removed', '主图'],
    ]);
    const relist = await send('student-tiantian', 'POST', productPath(tiantian, onSale.id, '/relist'));
    expect(relist.status).toBe(409);
    const submit = await send('student-tiantian', 'POST', productPath(tiantian, onSale.id, '/submit'));
    expect(submit.status).toBe(422);
    expect(submit.body.error?.code).toBe('PRODUCT_INCOMPLETE');

    // A product taken off the shelf before this rule may have lost its cover while staying off_shelf.
    const legacy = await createOnSale();
    await send('student-tiantian', 'POST', productPath(tiantian, legacy.id, '/off-shelf'));
    await db().delete(schema.productImages).where(eq(schema.productImages.productId, legacy.id));
    const refused = await send('student-tiantian', 'POST', productPath(tiantian, legacy.id, '/relist'));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'PRODUCT_INCOMPLETE', message: '重新上架前请补充：至少一张主图' });
    expect((await send<ConsoleProductDetail>('student-tiantian', 'GET', productPath(tiantian, legacy.id))).body.status).toBe('off_shelf');

    // And a teacher cannot approve a submission that lost its pictures.
    const submitted = await createSubmitted();
    await db().delete(schema.productImages).where(eq(schema.productImages.productId, submitted.id));
    const approve = await send('teacher', 'POST', productPath(tiantian, submitted.id, '/approve'), {});
    expect(approve.status).toBe(422);
    expect(approve.body.error?.code).toBe('PRODUCT_INCOMPLETE');
  });
});

describe('team product list', () => {
  it('should filter by status and title, count every status and show covers and low stock', async () => {
    const title = `列表测试${process.pid}`;
    const onSale = await createOnSale({ title: `${title}在售` });
    await createDraft({ title: `${title}草稿` });
    const all = await send<ConsoleProductList>('student-tiantian', 'GET', `${productsPath(tiantian)}?q=${encodeURIComponent(title)}`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    expect(Object.keys(all.body.statusCounts).sort()).toEqual(['draft', 'off_shelf', 'on_sale', 'submitted']);
    const counted = await db()
      .select({ status: schema.products.status, n: count() })
      .from(schema.products)
      .where(eq(schema.products.teamId, tiantian))
      .groupBy(schema.products.status);
    for (const status of ['draft', 'off_shelf', 'on_sale', 'submitted'] as const) {
      expect(all.body.statusCounts[status]).toBe(counted.find((row) => row.status === status)?.n ?? 0);
    }
    const onSaleOnly = await send<ConsoleProductList>('student-tiantian', 'GET', `${productsPath(tiantian)}?status=on_sale&q=${encodeURIComponent(title)}`);
    expect(onSaleOnly.body.items.map((item) => item.id)).toEqual([onSale.id]);
    expect(onSaleOnly.body.items[0]).toMatchObject({
      cover: onSale.images[0]!.feedUrl,
      skuCount: 2,
      // New SKUs have no stock, at or below the default threshold.
      lowStockSkuCount: 2,
      lastReview: { decision: 'approved' },
    });

    // The teacher sees the team's list too; a student of another team does not.
    expect((await send('teacher', 'GET', productsPath(tiantian))).status).toBe(200);
    expect((await send('student-feiyi', 'GET', productsPath(tiantian))).status).toBe(404);
    expect((await send('student-tiantian', 'GET', `${productsPath(tiantian)}?status=sold`)).status).toBe(400);
  });
});

describe('the shop', () => {
  it('should keep an on-sale product without stock listed as sold out', async () => {
    const onSale = await createOnSale({ title: `售罄测试${process.pid}` });
    const listed = await shop(`?q=${encodeURIComponent(`售罄测试${process.pid}`)}`);
    expect(listed.body.items).toMatchObject([{ id: onSale.id, soldOut: true }]);
    const page = await shopProduct(onSale.id);
    expect(page.body).toMatchObject({ soldOut: true, skus: [{ soldOut: true }, { soldOut: true }] });
  });
});
