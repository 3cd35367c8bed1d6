import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginThroughPicker, openPhoneIn, SCREENSHOTS, useShopInBrowser } from '../support/shop-in-browser';

const shop = useShopInBrowser();

let workDir = '';
let photo = '';
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'qiaodu-e2e-photo-'));
  photo = join(workDir, '鲤鱼纹帆布袋.jpg');
  // A real photo-sized JPEG made now: the server must decode and re-encode it, not copy it.
  await sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 199, g: 55, b: 47 } } })
    .composite([{ input: Buffer.from('<svg width="600" height="450"><circle cx="300" cy="225" r="200" fill="#f5c542"/></svg>'), left: 300, top: 225 }])
    .jpeg({ quality: 85 })
    .toFile(photo);
});
afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const openPhone = () => openPhoneIn(shop);

const loginTo = (page: Page, path: string, persona: string) => loginThroughPicker(shop, page, path, persona);

const fieldInput = (page: Page, testid: string) => page.getByTestId(testid).locator('input');

describe('a student team lists a product, the teacher approves it, the team receives stock', () => {
  const title = `鲤鱼纹帆布袋 ${Date.now() % 100_000}`;
  const codes = [`BAG-S-${Date.now() % 100_000}`, `BAG-L-${Date.now() % 100_000}`];
  let productPath = '';

  it('should let a student create a product with a picture and two SKUs and submit it', async () => {
    const { context, page, failures } = await openPhone();
    await loginTo(page, '/console/products', 'student-tiantian');
    await page.waitForURL(/\/console\/teams\/\d+\/products$/, { timeout: 20_000 });
    expect(await page.getByTestId('console-nav-products').getAttribute('class')).toContain('is-active');

    await page.getByTestId('product-create').click();
    await page.waitForURL(/\/products\/new$/);
    await fieldInput(page, 'product-title').fill(title);
    await fieldInput(page, 'product-subtitle').fill('学生设计的鲤鱼纹样，结实耐用');
    await page.getByTestId('category-field').click();
    await page.getByTestId('category-option').first().click();
    // The team's first partner is chosen for a new product.
    await expect.poll(() => page.locator('[data-testid^="product-partner-"][aria-checked="true"]').count(), { timeout: 20_000 }).toBe(1);

    await page.getByTestId('spec-name-add').click();
    await fieldInput(page, 'spec-name-0').fill('尺寸');
    await fieldInput(page, 'sku-0-spec-0').fill('小号');
    await fieldInput(page, 'sku-0-code').fill(codes[0]!);
    await fieldInput(page, 'sku-0-price').fill('39.9');
    await fieldInput(page, 'sku-0-weight').fill('200');
    await page.getByTestId('sku-add').click();
    await fieldInput(page, 'sku-1-spec-0').fill('大号');
    await fieldInput(page, 'sku-1-code').fill(codes[1]!);
    await fieldInput(page, 'sku-1-price').fill('59.90');
    await fieldInput(page, 'sku-1-original-price').fill('69');

    // Choosing the first picture saves the new product as a draft, then uploads into it.
    await page.getByTestId('image-input').setInputFiles(photo);
    await page.waitForURL(/\/console\/teams\/\d+\/products\/\d+$/, { timeout: 20_000 });
    productPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('product-image').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('image-pending').count()).toBe(0);
    expect(await page.getByTestId('product-image').first().innerText()).toContain('封面');
    expect(await page.getByTestId('product-status').first().innerText()).toBe('草稿');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-product-edit.png'), fullPage: true });

    await page.getByTestId('product-submit').click();
    await expect.poll(() => page.getByTestId('product-status').first().innerText(), { timeout: 20_000 }).toBe('待审核');
    // Under review the product is frozen: no upload tile, no save.
    expect(await page.getByTestId('image-add').count()).toBe(0);
    expect(await page.getByTestId('product-save').count()).toBe(0);
    expect(await page.getByTestId('product-withdraw').count()).toBe(1);

    expect(failures).toEqual([]);
    await context.close();
  });

  it("should let the team's supervising teacher approve it from the queue after seeing the customer's view", async () => {
    expect(productPath).not.toBe('');
    const { context, page, failures } = await openPhone();
    await loginTo(page, '/console/approvals', 'teacher');
    const item = page.getByTestId('approval-item').filter({ hasText: title });
    await item.waitFor({ timeout: 20_000 });
    expect(await item.innerText()).toContain('天天市集运营一组');
    await item.click();

    const preview = page.getByTestId('product-customer-preview');
    await preview.waitFor({ timeout: 20_000 });
    expect(await preview.innerText()).toContain(title);
    expect(await preview.innerText()).toContain('¥39.90-¥59.90');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-approval.png'), fullPage: true });

    await page.getByTestId('approval-approve').click();
    await page.getByTestId('approval-comment').locator('textarea').fill('图片清晰，规格齐全');
    await page.getByTestId('approval-confirm').click();
    await page.waitForURL(/\/console\/approvals$/, { timeout: 20_000 });
    await expect.poll(() => page.getByTestId('approval-item').filter({ hasText: title }).count(), { timeout: 20_000 }).toBe(0);

    expect(failures).toEqual([]);
    await context.close();
  });

  it('should show the approved product in the shop with its processed picture', async () => {
    const productId = /\/products\/(\d+)$/.exec(productPath)?.[1];
    expect(productId).toBeDefined();
    const { context, page, failures } = await openPhone();

    await page.goto(`${shop.app.baseUrl}/search?q=${encodeURIComponent(title)}`);
    const card = page.getByTestId('product-card').filter({ hasText: title });
    await card.waitFor({ timeout: 20_000 });
    await card.click();
    await page.waitForURL(new RegExp(`/products/${productId}$`));
    await page.getByTestId('product-price').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('product-price').innerText()).toContain('39.90');

    const image = page.locator('.catalog-image-gallery__image').first();
    await image.waitFor({ timeout: 20_000 });
    expect(await image.getAttribute('src')).toMatch(/^\/media\/uploads\/.+\.webp$/);
    await expect
      .poll(() => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);
    // Nothing received yet: listed, but sold out.
    expect(await page.locator('.product-page__notice').innerText()).toContain('已售罄');
    await page.screenshot({ path: join(SCREENSHOTS, 'shop-new-product.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  });

  it('should let the student receive 20 units of one SKU and see stock 20', async () => {
    const { context, page, failures } = await openPhone();
    await loginTo(page, '/console/stock', 'student-tiantian');
    await page.waitForURL(/\/console\/teams\/\d+\/stock$/, { timeout: 20_000 });
    await page.getByTestId('stock-nav-receive').click();
    await page.waitForURL(/\/stock\/receive$/);

    await page.getByTestId('receive-sku').click();
    await page.getByTestId('sku-picker-search').locator('input').fill(codes[1]!);
    const option = page.getByTestId('sku-option').filter({ hasText: codes[1]! });
    await option.waitFor({ timeout: 20_000 });
    await option.click();
    await fieldInput(page, 'receive-quantity').fill('20');
    await fieldInput(page, 'receive-cost').fill('25.5');
    await page.getByTestId('receive-note').locator('textarea').fill('天天市集 第 1 批');
    await page.getByTestId('receive-save').click();
    await expect.poll(() => page.getByTestId('receive-result-stock').innerText(), { timeout: 20_000 }).toBe('20');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-receive.png'), fullPage: true });

    await page.getByTestId('receive-to-stock').click();
    await page.waitForURL(/\/stock$/);
    await page.locator('.van-search input').fill(codes[1]!);
    const row = page.getByTestId('stock-row').filter({ hasText: codes[1]! });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getByTestId('stock-available').innerText()).toBe('20');

    // The SKU's ledger says where the 20 came from and who received them.
    await row.click();
    const ledger = page.getByTestId('stock-ledger');
    await ledger.getByTestId('stock-movement').first().waitFor({ timeout: 20_000 });
    const movement = await ledger.getByTestId('stock-movement').first().innerText();
    expect(movement).toContain('入库');
    expect(movement).toContain('+20');
    expect(movement).toContain('李嘉欣');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-stock-ledger.png') });

    expect(failures).toEqual([]);
    await context.close();
  });

  it('should let the team lead count that SKU, approve the variance and keep the accuracy', async () => {
    const { context, page, failures } = await openPhone();
    await loginTo(page, '/console/stock', 'lead-tiantian');
    await page.waitForURL(/\/console\/teams\/\d+\/stock$/, { timeout: 20_000 });
    await page.getByTestId('stock-nav-counts').click();
    await page.getByTestId('count-start').click();
    const form = page.getByTestId('count-start-form');
    await form.getByTestId('count-scope-some').click();
    await form.getByTestId('count-sku-search').locator('input').fill(codes[1]!);
    const skuCell = form.getByTestId('count-sku-option').filter({ hasText: codes[1]! });
    await skuCell.waitFor({ timeout: 20_000 });
    await skuCell.click();
    await expect.poll(() => form.innerText()).toContain('已选 1 个');
    await page.getByTestId('count-start-save').click();
    await page.waitForURL(/\/stock\/counts\/\d+$/, { timeout: 20_000 });

    // Two bags are missing from the shelf.
    await page.getByTestId('count-input').fill('18');
    await page.getByTestId('count-save').click();
    await expect.poll(() => page.getByTestId('count-line').innerText(), { timeout: 20_000 }).toContain('差异 -2');
    await page.getByTestId('count-approve').click();
    const dialog = page.locator('.van-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.innerText()).toContain('-2');
    await dialog.locator('.van-dialog__confirm').click();
    await expect.poll(() => page.getByTestId('count-accuracy').innerText(), { timeout: 20_000 }).toContain('0.0%');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-stock-count.png'), fullPage: true });

    await page.getByTestId('stock-nav-stock').click();
    await page.locator('.van-search input').fill(codes[1]!);
    const row = page.getByTestId('stock-row').filter({ hasText: codes[1]! });
    await expect.poll(() => row.getByTestId('stock-available').innerText(), { timeout: 20_000 }).toBe('18');

    expect(failures).toEqual([]);
    await context.close();
  });

  it("should show the supervising teacher the team's overview with the latest ledger rows", async () => {
    const { context, page, failures } = await openPhone();
    await loginTo(page, '/console/teams', 'teacher');
    await page.getByTestId('console-team-name').filter({ hasText: '天天市集运营一组' }).first().click();
    const overview = page.getByTestId('team-overview');
    await overview.getByTestId('overview-stock-value').waitFor({ timeout: 20_000 });
    const text = await overview.innerText();
    expect(text).toContain('在售');
    expect(text).toContain('盘点');
    expect(text).toContain(title);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-team-overview.png'), fullPage: true });

    // The whole ledger, filtered to receipts, exports as a CSV file.
    await page.getByTestId('team-stock-link').click();
    await page.getByTestId('stock-nav-movements').click();
    await page.getByTestId('movement-type-receive').click();
    await expect.poll(() => page.getByTestId('stock-movement').first().innerText(), { timeout: 20_000 }).toContain('入库');
    // The mini-program's web-view saves no files: the page says so and offers its own link instead.
    await page.getByTestId('movements-export').click();
    await expect.poll(() => page.getByTestId('movements-export-elsewhere').innerText(), { timeout: 20_000 }).toContain('小程序内无法下载文件');
    const link = new URL(await page.getByTestId('movements-export-url').innerText());
    expect(link.pathname).toBe(new URL(page.url()).pathname);
    expect(failures).toEqual([]);
    await context.close();

    // In a computer's browser the same page downloads the CSV under the name the server gives
    // (Content-Disposition filename*: team name and China date in it).
    const desktop = await shop.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    const computer = await desktop.newPage();
    await loginTo(computer, link.pathname, 'teacher');
    await computer.getByTestId('movement-type-receive').click();
    await expect.poll(() => computer.getByTestId('stock-movement').first().innerText(), { timeout: 20_000 }).toContain('入库');
    const [download] = await Promise.all([computer.waitForEvent('download', { timeout: 20_000 }), computer.getByTestId('movements-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^库存流水-天天市集运营一组-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const bagRows = csv.split(/\r?\n/).filter((line) => line.includes(codes[1]!));
    expect(bagRows).toHaveLength(1);
    expect(bagRows[0]).toContain('入库');
    await desktop.close();
  });

  it('should let the student change only prices on sale, keep unsaved prices when taking it off the shelf, and send new content back to review', async () => {
    const { context, page, failures } = await openPhone();
    await loginTo(page, productPath, 'student-tiantian');
    await page.getByTestId('product-prices-only').waitFor({ timeout: 20_000 });
    // What the teacher approved stays as approved: no upload, no new SKU, the name read-only.
    expect(await page.getByTestId('image-add').count()).toBe(0);
    expect(await page.getByTestId('sku-add').count()).toBe(0);
    expect(await fieldInput(page, 'product-title').getAttribute('readonly')).not.toBeNull();
    expect(await fieldInput(page, 'sku-0-code').getAttribute('readonly')).not.toBeNull();

    // A new price typed but not saved goes live before the product leaves the shelf.
    await fieldInput(page, 'sku-0-price').fill('35');
    await page.getByTestId('product-off-shelf').click();
    await page.locator('.van-dialog .van-dialog__confirm').click();
    await expect.poll(() => page.getByTestId('product-status').first().innerText(), { timeout: 20_000 }).toBe('已下架');
    await page.reload();
    await page.getByTestId('product-relist').waitFor({ timeout: 20_000 });
    expect(await fieldInput(page, 'sku-0-price').inputValue()).toBe('35.00');

    // Off the shelf a new name costs a new review, and the editor says so before saving.
    await fieldInput(page, 'product-title').fill(`${title} 新款`);
    await page.getByTestId('product-save').click();
    const dialog = page.locator('.van-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    expect(await dialog.innerText()).toContain('重新提交审核');
    await dialog.locator('.van-dialog__confirm').click();
    await expect.poll(() => page.getByTestId('product-status').first().innerText(), { timeout: 20_000 }).toBe('草稿');
    expect(await page.getByTestId('product-relist').count()).toBe(0);
    expect(await page.getByTestId('product-submit').count()).toBe(1);

    expect(failures).toEqual([]);
    await context.close();
  });
});
