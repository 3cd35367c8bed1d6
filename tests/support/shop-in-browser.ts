import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { useSeededApp, type AppFixture } from './app-fixture';
import { launchChromium } from './browser';
import { ROOT } from './processes';

export const STOREFRONT_DIST = join(ROOT, 'storefront', 'dist');
export const SCREENSHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');

/**
 * The built shop on a seeded app and one Chromium for a browser-test file, started before its
 * tests and closed after them.
 */
export function useShopInBrowser(): AppFixture & { readonly browser: Browser } {
  if (!existsSync(join(STOREFRONT_DIST, 'index.html'))) throw new Error('storefront/dist is missing: run `pnpm build` first');
  const fixture = useSeededApp({ storefrontDist: STOREFRONT_DIST });
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
