import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatFen } from '@qiaodu/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { useSeededApp, type AppFixture } from './app-fixture';
import { launchChromium, newWeChatPhoneContext } from './browser';
import { ROOT } from './processes';
import type { StartOptions } from './test-app';

export const STOREFRONT_DIST = join(ROOT, 'storefront', 'dist');
export const SCREENSHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');

/**
 * The built shop on a seeded app and one Chromium for a browser-test file, started before its
 * tests and closed after them. `options` go to the app (a clock the test moves).
 */
export function useShopInBrowser(options: Omit<StartOptions, 'storefrontDist'> = {}): AppFixture & { readonly browser: Browser } {
  if (!existsSync(join(STOREFRONT_DIST, 'index.html'))) throw new Error('storefront/dist is missing: run `pnpm build` first');
  const fixture = useSeededApp({ ...options, storefrontDist: STOREFRONT_DIST });
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get app() {
      return fixture.app;
    },
    get testDb() {
      return fixture.testDb;
    },
    get browser() {
      if (!browser) throw new Error('Chromium starts in beforeAll');
      return browser;
    },
  };
}

/** A phone inside the mini-program web-view, collecting page errors and 5xx answers to fail on. */
export async function openPhoneIn(shop: { readonly browser: Browser }): Promise<{ context: BrowserContext; page: Page; failures: string[] }> {
  const context = await newWeChatPhoneContext(shop.browser);
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 500) failures.push(`${response.status()} ${response.url()}`);
  });
  return { context, page, failures };
}

/** Logs in as a demo persona through the login page's picker and lands on `path`. */
export async function loginThroughPicker(shop: AppFixture, page: Page, path: string, persona: string): Promise<void> {
  await page.goto(`${shop.app.baseUrl}/login?redirect=${encodeURIComponent(path)}`);
  const card = page.getByTestId(`persona-${persona}`);
  await card.waitFor({ timeout: 20_000 });
  await card.click();
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 20_000 });
}

/** A product to buy by its name: the option values to pick for its SKU, and the price the picker shows then. */
export interface ProductToBuy {
  name: string;
  choose: readonly string[];
  priceFen: number;
}

/** Opens a product from the search results and puts the chosen SKU in the cart through the picker. */
export async function addToCartThroughPicker(shop: AppFixture, page: Page, product: ProductToBuy): Promise<void> {
  await page.goto(`${shop.app.baseUrl}/search?q=${encodeURIComponent(product.name)}`);
  const card = page.getByTestId('product-card').filter({ hasText: product.name });
  await card.first().waitFor({ timeout: 20_000 });
  await card.first().click();
  await page.waitForURL(/\/products\/\d+$/);
  await page.getByTestId('add-to-cart').click();
  const picker = page.getByTestId('sku-picker');
  await picker.waitFor({ timeout: 10_000 });
  for (const value of product.choose) await picker.getByRole('radio', { name: value, exact: true }).click();
  await expect.poll(() => picker.innerText()).toContain(formatFen(product.priceFen));
  const [answer] = await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/api/cart') && response.request().method() === 'POST'),
    picker.getByTestId('sku-confirm').click(),
  ]);
  expect(answer.status()).toBeLessThan(300);
  await picker.waitFor({ state: 'hidden', timeout: 10_000 });
}
