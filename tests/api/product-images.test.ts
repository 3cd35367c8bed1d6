import { schema } from '@qiaodu/db';
import type { ConsoleImage, ConsoleProductDetail, ConsoleProductList, ProductDetail, ProductListResponse } from '@qiaodu/shared';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { teamIdOf } from '../support/inventory';
import {
  filesIn,
  jpeg,
  pngBomb,
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
let refs: { categoryId: number; partnerId: number };

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  refs = await productRefs(db(), tiantian);
});

const productPath = (productId: number, action = '') => `/api/console/teams/${tiantian}/products/${productId}${action}`;

async function createDraft(title = '图片测试商品'): Promise<ConsoleProductDetail> {
  const res = await send<ConsoleProductDetail>('student-tiantian', 'POST', `/api/console/teams/${tiantian}/products`, productInput(refs, { title }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function upload(productId: number, bytes: Buffer, options: Parameters<typeof uploadImage>[4] = {}, persona = 'student-tiantian') {
  return uploadImage(fixture.app.baseUrl, await tokenOf(persona), { teamId: tiantian, productId }, bytes, options);
}

async function uploadOk(productId: number, options: Parameters<typeof uploadImage>[4] = {}, colour = { r: 90, g: 160, b: 60 }): Promise<ConsoleImage> {
  const res = await upload(productId, await jpeg(320, 240, colour), options);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const media = () => filesIn(fixture.app.mediaDir);
const productFiles = async (productId: number) => (await media()).filter((file) => file.startsWith(`products/${productId}/`));
const imageRows = (productId: number) =>
  db()
    .select()
    .from(schema.productImages)
    .where(eq(schema.productImages.productId, productId))
    .orderBy(asc(schema.productImages.kind), asc(schema.productImages.position));

describe('uploading product pictures', () => {
  it('should process a JPEG into three WebP sizes kept under the product', async () => {
    const draft = await createDraft();
    const picture = await uploadOk(draft.id, { alt: '正面照' });
    expect(picture).toMatchObject({ kind: 'gallery', position: 0, alt: '正面照', width: 320, height: 240 });
    const files = await productFiles(draft.id);
    expect(files).toHaveLength(3);
    expect(files.every((file) => file.endsWith('.webp'))).toBe(true);
    for (const url of [picture.url, picture.feedUrl, picture.zoomUrl]) {
      const res = await fetch(`${fixture.app.baseUrl}${url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
    }
    const [row] = await imageRows(draft.id);
    expect(row).toMatchObject({ storageKey: expect.stringMatching(/^products\/\d+\/[0-9a-f]+$/), createdBy: expect.any(Number) });
  });

  it('should take at most nine gallery pictures, even when they arrive at once', async () => {
    const draft = await createDraft();
    for (let i = 0; i < 7; i += 1) await uploadOk(draft.id, {}, { r: 20 * i, g: 80, b: 80 });
    // Three at once for the last two places: exactly two win.
    const racing = await Promise.all([0, 1, 2].map(async (i) => upload(draft.id, await jpeg(200, 200, { r: 250, g: 10 * i, b: 0 }))));
    expect(racing.map((res) => res.status).sort()).toEqual([201, 201, 409]);
    expect(await imageRows(draft.id)).toHaveLength(9);
    expect((await imageRows(draft.id)).map((row) => row.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await productFiles(draft.id)).toHaveLength(27);

    const before = await productSnapshot(db(), draft.id);
    const tenth = await upload(draft.id, await jpeg());
    expect(tenth.status).toBe(409);
    expect(tenth.body.error?.code).toBe('IMAGE_LIMIT_REACHED');
    expect(await productSnapshot(db(), draft.id)).toBe(before);
    expect(await productFiles(draft.id)).toHaveLength(27);

    // Description pictures have their own allowance.
    const inText = await uploadOk(draft.id, { kind: 'description' });
    expect(inText).toMatchObject({ kind: 'description', position: 0 });
  });

  it('should refuse files that are not pictures, empty, bombs or badly described, leaving nothing behind', async () => {
    const draft = await createDraft();
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const cases: [string, Buffer, Parameters<typeof uploadImage>[4], number, string][] = [
      ['a PDF renamed .jpg', pdf, { filename: 'photo.jpg', type: 'image/jpeg' }, 415, 'IMAGE_UNSUPPORTED'],
      ['an empty file', Buffer.alloc(0), { filename: 'empty.jpg' }, 422, 'IMAGE_INVALID'],
      ['a decompression bomb', pngBomb(20_000, 20_000), { filename: 'bomb.png', type: 'image/png' }, 422, 'IMAGE_TOO_MANY_PIXELS'],
      ['a JPEG cut in half', (await jpeg(600, 400)).subarray(0, 600), { filename: 'cut.jpg' }, 422, 'IMAGE_INVALID'],
      ['an unknown kind', await jpeg(), { kind: 'banner' }, 400, 'VALIDATION_FAILED'],
      ['a caption that is too long', await jpeg(), { alt: '长'.repeat(61) }, 400, 'VALIDATION_FAILED'],
    ];
    const before = await productSnapshot(db(), draft.id);
    const filesBefore = await media();
    for (const [label, bytes, options, status, code] of cases) {
      const res = await upload(draft.id, bytes, options);
      expect(res.status, label).toBe(status);
      expect(res.body.error?.code, label).toBe(code);
      expect(await productSnapshot(db(), draft.id), label).toBe(before);
      expect(await media(), label).toEqual(filesBefore);
    }
  });

  it('should hide other teams’ products from a student and refuse pictures during review', async () => {
    const draft = await createDraft();
    const before = await productSnapshot(db(), draft.id);
    const filesBefore = await media();
    const stranger = await upload(draft.id, await jpeg(), {}, 'student-feiyi');
    expect(stranger.status).toBe(404);
    expect(stranger.body.error?.code).toBe('TEAM_NOT_FOUND');
    // Through their own team's path the product is not theirs either.
    const feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
    const ownPath = await uploadImage(fixture.app.baseUrl, await tokenOf('student-feiyi'), { teamId: feiyi, productId: draft.id }, await jpeg());
    expect(ownPath.status).toBe(404);
    expect(ownPath.body.error?.code).toBe('PRODUCT_NOT_FOUND');
    // A teacher reviews pictures, never uploads them.
    expect((await upload(draft.id, await jpeg(), {}, 'teacher')).status).toBe(403);
    expect(await productSnapshot(db(), draft.id)).toBe(before);
    expect(await media()).toEqual(filesBefore);

    await uploadOk(draft.id);
    expect((await send('student-tiantian', 'POST', productPath(draft.id, '/submit'))).status).toBe(200);
    const submittedBefore = await productSnapshot(db(), draft.id);
    const filesBeforeReview = await media();
    const during = await upload(draft.id, await jpeg());
    expect(during.status).toBe(409);
    expect(during.body.error?.code).toBe('INVALID_STATE');
    expect(await productSnapshot(db(), draft.id)).toBe(submittedBefore);
    expect(await media()).toEqual(filesBeforeReview);
  });
});

describe('removing and ordering pictures', () => {
  it('should remove a picture with its files, close the gap and drop it from the description', async () => {
    const draft = await createDraft();
    const [first, second, third] = [await uploadOk(draft.id), await uploadOk(draft.id), await uploadOk(draft.id)];
    const inText = await uploadOk(draft.id, { kind: 'description', alt: '细节' });
    const saved = await send<ConsoleProductDetail>('student-tiantian', 'PUT', productPath(draft.id), {
      ...productInput(refs),
      skus: draft.skus.map((sku) => ({ id: sku.id, code: sku.code, specs: sku.specs, priceFen: sku.priceFen })),
      description: [
        { type: 'text', text: '看细节：' },
        { type: 'image', url: inText.url, alt: '细节' },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // The carousel shows gallery pictures only; the description picture sits in the text.
    const preview = await send<ProductDetail>('student-tiantian', 'GET', productPath(draft.id, '/preview'));
    expect(preview.body.images.map((image) => image.url)).toEqual([first!.url, second!.url, third!.url]);
    expect(preview.body.description[1]).toEqual({ type: 'image', url: inText.url, alt: '细节' });

    const removed = await send('student-tiantian', 'DELETE', productPath(draft.id, `/images/${second!.id}`));
    expect(removed.status).toBe(200);
    const rows = await imageRows(draft.id);
    expect(rows.filter((row) => row.kind === 'gallery').map((row) => [row.id, row.position])).toEqual([
      [first!.id, 0],
      [third!.id, 1],
    ]);
    const files = await productFiles(draft.id);
    expect(files).toHaveLength(9);
    expect(files.some((file) => second!.url.endsWith(file))).toBe(false);

    const text = await send('student-tiantian', 'DELETE', productPath(draft.id, `/images/${inText.id}`));
    expect(text.status).toBe(200);
    const detail = await send<ConsoleProductDetail>('student-tiantian', 'GET', productPath(draft.id));
    expect(detail.body.description).toEqual([{ type: 'text', text: '看细节：' }]);
    expect(detail.body.descriptionImages).toEqual([]);
    expect(detail.body.activity.slice(0, 2).map((entry) => entry.action)).toEqual(['image_removed', 'image_removed']);
    expect(await productFiles(draft.id)).toHaveLength(6);

    const again = await send('student-tiantian', 'DELETE', productPath(draft.id, `/images/${second!.id}`));
    expect(again.status).toBe(404);
    expect(again.body.error?.code).toBe('IMAGE_NOT_FOUND');
  });

  it('should change the cover in the console and the shop when the gallery is reordered', async () => {
    const title = `换封面测试${process.pid}`;
    const draft = await createDraft(title);
    const red = await uploadOk(draft.id, {}, { r: 220, g: 0, b: 0 });
    const blue = await uploadOk(draft.id, {}, { r: 0, g: 0, b: 220 });
    expect((await send('student-tiantian', 'POST', productPath(draft.id, '/submit'))).status).toBe(200);
    expect((await send('teacher', 'POST', productPath(draft.id, '/approve'), {})).status).toBe(200);
    const shopCover = async () =>
      (await getJson<ProductListResponse>(`${fixture.app.baseUrl}/api/products?q=${encodeURIComponent(title)}`)).body.items[0]?.cover?.url;
    expect(await shopCover()).toBe(red.feedUrl);

    // A new cover is new content: on sale it waits for the shelf, off it for a new review.
    const onSale = await send('student-tiantian', 'PUT', productPath(draft.id, '/image-order'), { imageIds: [blue.id, red.id] });
    expect(onSale.status).toBe(409);
    expect(onSale.body.error?.code).toBe('INVALID_STATE');
    expect((await send('student-tiantian', 'POST', productPath(draft.id, '/off-shelf'))).status).toBe(200);
    const reordered = await send<{ images: ConsoleImage[] }>('student-tiantian', 'PUT', productPath(draft.id, '/image-order'), {
      imageIds: [blue.id, red.id],
    });
    expect(reordered.status).toBe(200);
    expect(reordered.body.images.map((image) => [image.id, image.position])).toEqual([
      [blue.id, 0],
      [red.id, 1],
    ]);
    const backInDraft = await send<ConsoleProductDetail>('student-tiantian', 'GET', productPath(draft.id));
    expect(backInDraft.body.status).toBe('draft');
    expect(backInDraft.body.activity.slice(0, 2).map((entry) => entry.action)).toEqual(['edited', 'images_reordered']);
    // Not a permutation of the gallery: refused, nothing moves.
    const unordered = await productSnapshot(db(), draft.id);
    const missing = await send('student-tiantian', 'PUT', productPath(draft.id, '/image-order'), { imageIds: [blue.id] });
    expect(missing.status).toBe(400);
    const twice = await send('student-tiantian', 'PUT', productPath(draft.id, '/image-order'), { imageIds: [blue.id, blue.id] });
    expect(twice.status).toBe(400);
    const foreign = await send('student-tiantian', 'PUT', productPath(draft.id, '/image-order'), { imageIds: [blue.id, red.id, 2_000_000_000] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error?.code).toBe('IMAGE_NOT_FOUND');
    expect(await productSnapshot(db(), draft.id)).toBe(unordered);

    expect((await send('student-tiantian', 'POST', productPath(draft.id, '/submit'))).status).toBe(200);
    expect((await send('teacher', 'POST', productPath(draft.id, '/approve'), {})).status).toBe(200);
    // On PostgreSQL the shop's cache hears of the change a moment after the commit.
    await expect.poll(shopCover).toBe(blue.feedUrl);
    const page = await getJson<ProductDetail>(`${fixture.app.baseUrl}/api/products/${draft.id}`);
    expect(page.body.images.map((image) => image.url)).toEqual([blue.url, red.url]);
    const listed = await send<ConsoleProductList>('student-tiantian', 'GET', `/api/console/teams/${tiantian}/products?q=${encodeURIComponent(title)}`);
    expect(listed.body.items[0]?.cover).toBe(blue.feedUrl);

    // On sale no picture goes, so the shop always keeps its cover.
    const before = await productSnapshot(db(), draft.id);
    const removed = await send('student-tiantian', 'DELETE', productPath(draft.id, `/images/${blue.id}`));
    expect(removed.status).toBe(409);
    expect(await productSnapshot(db(), draft.id)).toBe(before);
    expect(await shopCover()).toBe(blue.feedUrl);
  });

  it('should remove every picture file when a draft is deleted', async () => {
    const draft = await createDraft();
    await uploadOk(draft.id);
    await uploadOk(draft.id, { kind: 'description' });
    expect(await productFiles(draft.id)).toHaveLength(6);
    const deleted = await send('student-tiantian', 'DELETE', productPath(draft.id));
    expect(deleted.status).toBe(200);
    expect(await productFiles(draft.id)).toEqual([]);
    expect(await imageRows(draft.id)).toEqual([]);
  });
});
