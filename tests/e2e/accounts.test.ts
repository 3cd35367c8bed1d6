import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openPhoneIn, SCREENSHOTS, useShopInBrowser } from '../support/shop-in-browser';

const shop = useShopInBrowser();

const openPhone = () => openPhoneIn(shop);

/** Vant's picker: clicking an option scrolls its column to it, even when it is out of view. */
async function pickInColumn(page: Page, column: number, text: string): Promise<void> {
  const option = page.locator('.van-picker-column').nth(column).locator('.van-picker-column__item', { hasText: text }).first();
  await option.waitFor({ state: 'attached', timeout: 10_000 });
  await option.dispatchEvent('click');
  await expect.poll(() => option.getAttribute('class')).toContain('van-picker-column__item--selected');
}

async function loginAs(page: Page, persona: string): Promise<void> {
  const card = page.getByTestId(`persona-${persona}`);
  await card.waitFor({ timeout: 20_000 });
  await card.click();
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 20_000 });
}

/** The session the page keeps in localStorage (read through Playwright: these tests have no DOM types). */
async function storedSession(context: BrowserContext): Promise<string | null> {
  const { origins } = await context.storageState();
  return origins.flatMap((origin) => origin.localStorage).find((item) => item.name === 'qiaodu:session')?.value ?? null;
}

async function postJson<T>(path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(shop.app.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status, `${path} answered ${response.status}`).toBe(200);
  return (await response.json()) as T;
}

describe('accounts on a phone inside WeChat', () => {
  it('should log the demo customer in through the persona picker and keep a new address', async () => {
    const { context, page, failures } = await openPhone();

    await page.goto(shop.app.baseUrl + '/me');
    await page.getByTestId('me-login').click();
    await page.waitForURL(/\/login\?redirect=(?:%2F|\/)me$/);
    await page.getByTestId('persona-customer').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'login.png'), fullPage: true });
    await loginAs(page, 'customer');
    expect(new URL(page.url()).pathname).toBe('/me');
    await page.getByTestId('me-name').waitFor({ timeout: 20_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'me.png'), fullPage: true });

    await page.getByTestId('me-addresses').click();
    await page.waitForURL(/\/me\/addresses$/);
    const countBefore = await page.getByTestId('address-count').innerText();
    await page.getByTestId('address-add').click();
    await page.waitForURL(/\/me\/addresses\/new$/);

    await page.getByPlaceholder('姓名').fill('陈晓敏');
    await page.getByPlaceholder('电话').fill('13800138000');
    await page.getByPlaceholder('选择省 / 市 / 区').click();
    await page.locator('.van-picker').waitFor({ timeout: 10_000 });
    await pickInColumn(page, 0, '广东省');
    await pickInColumn(page, 1, '江门市');
    await pickInColumn(page, 2, '蓬江区');
    await page.screenshot({ path: join(SCREENSHOTS, 'area-picker.png') });
    await page.locator('.van-picker__confirm').click();
    await page.locator('.van-picker').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByPlaceholder('选择省 / 市 / 区').inputValue()).toContain('江门市');
    await page.getByPlaceholder('详细地址').fill('江门一职 天天市集 1 号铺');
    await page.screenshot({ path: join(SCREENSHOTS, 'address-edit.png'), fullPage: true });
    await page.getByRole('button', { name: '保存' }).click();

    await page.waitForURL(/\/me\/addresses$/, { timeout: 20_000 });
    const list = page.getByTestId('address-list');
    await list.waitFor({ timeout: 20_000 });
    await expect.poll(() => list.innerText()).toContain('陈晓敏');
    const listed = await list.innerText();
    expect(listed).toContain('广东省江门市蓬江区');
    expect(listed).toContain('江门一职 天天市集 1 号铺');
    expect(await page.getByTestId('address-count').innerText()).not.toBe(countBefore);
    expect(await page.getByTestId('address-count').innerText()).toMatch(/\/20$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'addresses.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  });

  it("should open the console for a student and show the student's team", async () => {
    const { context, page, failures } = await openPhone();

    await page.goto(shop.app.baseUrl + '/console');
    await page.waitForURL(/\/login\?redirect=(?:%2F|\/)console$/, { timeout: 20_000 });
    await loginAs(page, 'student-tiantian');
    expect(new URL(page.url()).pathname).toBe('/console');
    const teamName = page.getByTestId('console-team-name').first();
    await teamName.waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('console-team-name').allInnerTexts()).toContain('天天市集运营一组');
    // Every section of a student's console is built: 班次 opens the shift hub.
    for (const section of ['shifts', 'products']) {
      expect(await page.getByTestId(`console-nav-${section}`).innerText()).not.toContain('即将开放');
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'console.png'), fullPage: true });

    await page.getByTestId('console-team-card').filter({ hasText: '天天市集运营一组' }).click();
    await page.waitForURL(/\/console\/teams\/\d+$/);
    await page.getByTestId('team-member').first().waitFor({ timeout: 20_000 });
    // A student sees teammates' phones masked, as the server decides.
    for (const text of await page.getByTestId('team-member').allInnerTexts()) expect(text).not.toMatch(/1[3-9]\d{9}/);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-team.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  });

  it('should show an admin the people and partners they manage', async () => {
    const { context, page, failures } = await openPhone();

    await page.goto(shop.app.baseUrl + '/login?redirect=%2Fconsole%2Fpeople');
    await loginAs(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/console/people');
    await page.getByTestId('person-cell').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('person-cell').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-people.png'), fullPage: true });

    await page.getByTestId('console-nav-partners').click();
    await page.waitForURL(/\/console\/partners$/);
    await page.getByTestId('console-partner').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('partner-create').click();
    await page.getByTestId('partner-kind-heritage').click();
    await page.getByTestId('partner-form-save').click();
    // Heritage partners need provenance: the form says what is missing next to the fields.
    await expect.poll(() => page.getByTestId('partner-form').innerText()).toContain('非遗传承人需要选择非遗级别');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-partner-form.png') });

    expect(failures).toEqual([]);
    await context.close();
  });

  it('should log in with a web-view ticket and take the ticket out of the address bar', async () => {
    const login = await postJson<{ token: string }>('/api/auth/demo-login', { persona: 'customer-2' });
    const { ticket } = await postJson<{ ticket: string }>('/api/auth/tickets', {}, login.token);
    const { context, page, failures } = await openPhone();

    await page.goto(`${shop.app.baseUrl}/?from=share&ticket=${encodeURIComponent(ticket)}#top`);
    await page.getByTestId('product-card').first().waitFor({ timeout: 20_000 });
    const address = new URL(page.url());
    expect(address.searchParams.has('ticket')).toBe(false);
    expect(address.searchParams.get('from')).toBe('share');
    expect(address.hash).toBe('#top');
    await expect.poll(() => storedSession(context), { timeout: 20_000 }).not.toBeNull();

    await page.locator('.van-tabbar-item', { hasText: '我的' }).click();
    await page.waitForURL(/\/me$/);
    await page.getByTestId('me-name').waitFor({ timeout: 20_000 });
    expect(await storedSession(context)).not.toContain(ticket);

    expect(failures).toEqual([]);
    await context.close();
  });
});
