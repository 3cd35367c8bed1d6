import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newWeChatPhoneContext } from '../support/browser';
import { SCREENSHOTS, useShopInBrowser } from '../support/shop-in-browser';

const shop = useShopInBrowser();

describe('browsing the shop on a phone inside WeChat', () => {
  it('should search 鲤鱼 from the home page and show the product with its price and heritage story', async () => {
    const context = await newWeChatPhoneContext(shop.browser);
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(shop.app.baseUrl + '/');
    await expect.poll(() => page.getByTestId('product-card').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'home.png') });

    await page.getByTestId('home-search').click();
    const input = page.locator('input[type="search"]').first();
    await input.fill('鲤鱼');
    await input.press('Enter');
    await expect.poll(() => page.url()).toContain('q=');
    const cards = page.getByTestId('product-card');
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const firstTitle = await cards.first().innerText();
    expect(firstTitle).toContain('鲤鱼');
    await page.screenshot({ path: join(SCREENSHOTS, 'search.png') });

    await cards.first().click();
    await page.waitForURL(/\/products\/\d+/);
    const price = page.getByTestId('product-price');
    await price.waitFor({ timeout: 20_000 });
    expect(await price.innerText()).toMatch(/¥\s?\d+\.\d{2}/);
    const story = page.getByTestId('heritage-story');
    await story.scrollIntoViewIfNeeded();
    expect((await story.innerText()).length).toBeGreaterThan(10);
    await page.screenshot({ path: join(SCREENSHOTS, 'product.png'), fullPage: true });

    // Choosing a SKU: every spec dimension gets a value, then the picker names the choice.
    await page.getByRole('button', { name: '立即购买' }).click();
    const picker = page.getByTestId('sku-picker');
    await picker.waitFor({ timeout: 10_000 });
    for (const group of await picker.getByRole('radiogroup').all()) {
      await group.locator('[role="radio"]:not([disabled])').first().click();
    }
    await expect.poll(() => picker.innerText()).toContain('已选');
    expect(await picker.innerText()).toMatch(/¥\s?\d+\.\d{2}/);
    await page.screenshot({ path: join(SCREENSHOTS, 'sku-picker.png') });

    expect(failures).toEqual([]);
    await context.close();
  });
});
