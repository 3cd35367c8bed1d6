import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { schema, type Db } from '@qiaodu/db';
import type { ConsoleImage, ProductInput } from '@qiaodu/shared';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import sharp from 'sharp';
export { pngBomb } from '@qiaodu/server/media/testing/png-bomb';
import type { Answer } from './auth';
import { getJson, type JsonResponse } from './test-app';

const { categories, teamPartners } = schema;

/** A second-level category and a partner the team runs: what a valid product needs. */
export async function productRefs(db: Db, teamId: number): Promise<{ categoryId: number; partnerId: number }> {
  const [category] = await db.select({ id: categories.id }).from(categories).where(isNotNull(categories.parentId)).orderBy(asc(categories.id)).limit(1);
  const [partner] = await db.select({ id: teamPartners.partnerId }).from(teamPartners).where(eq(teamPartners.teamId, teamId)).orderBy(asc(teamPartners.partnerId)).limit(1);
  if (!category || !partner) throw new Error('the seed has no leaf category or no partner for the team');
  return { categoryId: category.id, partnerId: partner.id };
}

let codeSeq = 0;
/** SKU codes no other test (or seed row) uses. */
export function freshCode(prefix = 'PC'): string {
  codeSeq += 1;
  return `${prefix}-${process.pid}-${codeSeq}-${Math.random().toString(36).slice(2, 7)}`;
}

/** A product input with two SKUs (small 1280 fen, large 2680 fen). */
export function productInput(refs: { categoryId: number; partnerId: number }, overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    title: '手作鲤鱼灯笼',
    subtitle: '学生团队监制',
    categoryId: refs.categoryId,
    partnerId: refs.partnerId,
    description: [{ type: 'text', text: '竹篾扎骨，手工裱糊。' }],
    skus: [
      { code: freshCode(), specs: [{ name: '尺寸', value: '小号' }], priceFen: 1280, originalPriceFen: 1580, weightGrams: 200 },
      { code: freshCode(), specs: [{ name: '尺寸', value: '大号' }], priceFen: 2680, originalPriceFen: null, weightGrams: 450 },
    ],
    ...overrides,
  };
}

/** A real JPEG made now, so uploads exercise the real decoder. */
export async function jpeg(width = 800, height = 600, colour = { r: 200, g: 40, b: 40 }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).jpeg({ quality: 85 }).toBuffer();
}


/** Uploads a file as a browser form would (multipart, field `file`). */
export async function uploadImage(
  baseUrl: string,
  token: string,
  path: { teamId: number; productId: number },
  bytes: Buffer,
  options: { filename?: string; type?: string; kind?: string; alt?: string } = {},
): Promise<JsonResponse<Answer<ConsoleImage>>> {
  const form = new FormData();
  if (options.kind !== undefined) form.append('kind', options.kind);
  if (options.alt !== undefined) form.append('alt', options.alt);
  form.append('file', new Blob([bytes], { type: options.type ?? 'image/jpeg' }), options.filename ?? 'photo.jpg');
  return getJson<Answer<ConsoleImage>>(`${baseUrl}/api/console/teams/${path.teamId}/products/${path.productId}/images`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
}

/** Every file under the media folder, relative to it. */
export async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** The product's rows that a refused request must leave alone. */
export async function productSnapshot(db: Db, productId: number): Promise<string> {
  const { productActivity, productImages, products, skuPriceChanges, skus } = schema;
  return JSON.stringify({
    product: await db.select().from(products).where(eq(products.id, productId)),
    skus: await db.select().from(skus).where(eq(skus.productId, productId)).orderBy(asc(skus.id)),
    images: await db.select().from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.id)),
    activity: await db.select().from(productActivity).where(eq(productActivity.productId, productId)).orderBy(asc(productActivity.id)),
    prices: await db.select().from(skuPriceChanges).where(and(eq(skuPriceChanges.productId, productId))).orderBy(asc(skuPriceChanges.id)),
  });
}
