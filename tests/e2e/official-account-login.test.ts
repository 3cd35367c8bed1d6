import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, WECHAT_MINIPROGRAM_UA } from '../support/browser';
import { STOREFRONT_DIST } from '../support/shop-in-browser';
import { startApp, type RunningApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startWeChatSimulator, type WeChatSimulator } from '../support/wechat-simulator';

/** The WeChat browser (a 公众号 link), not the mini-program web-view. */
const WECHAT_BROWSER_UA = WECHAT_MINIPROGRAM_UA.replace(/ miniProgram\/\S+/, '');
const OFFICIAL_ACCOUNT = { appId: 'wx00000000000000aa', secret: 'official-account-secret' };

let testDb: TestDatabase;
let sim: WeChatSimulator;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  testDb = await createTestDatabase();
  sim = await startWeChatSimulator({
    miniProgram: { appId: 'wx00000000000000bb', secret: 'mini-program-secret' },
    officialAccount: OFFICIAL_ACCOUNT,
  });
  app = await startApp(testDb.database, {
    storefrontDist: STOREFRONT_DIST,
    overrides: { wechat: { apiBase: sim.url, miniProgram: null, officialAccount: OFFICIAL_ACCOUNT } },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sim?.close();
  await testDb?.dispose();
});

describe('logging in inside the WeChat browser', () => {
  it('should go through the 公众号 authorisation once and land logged in, with no code left in the address', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, userAgent: WECHAT_BROWSER_UA, locale: 'zh-CN' });
    const page = await context.newPage();
    let authorisations = 0;
    // WeChat's authorisation page, played here: it sends the visitor back with a code and the state.
    await page.route('https://open.weixin.qq.com/**', async (route) => {
      authorisations += 1;
      const asked = new URL(route.request().url());
      const back = new URL(asked.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', sim.issueOfficialAccountCode({ openid: 'o-wechat-browser-1' }));
      back.searchParams.set('state', asked.searchParams.get('state') ?? '');
      await route.fulfill({ status: 302, headers: { location: back.toString() } });
    });

    await page.goto(`${app.baseUrl}/login?redirect=%2Fme`);
    await page.getByTestId('me-name').waitFor({ timeout: 20_000 });
    // Before the fix the page bounced back to WeChat again and again.
    await page.waitForTimeout(1_500);
    expect(authorisations).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/me');
    expect(page.url()).not.toMatch(/[?&](code|state)=/);
    await context.close();
  });
});
