import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginThroughPicker, openPhoneIn, SCREENSHOTS, useShopInBrowser } from '../support/shop-in-browser';

/**
 * The reports pages on the demo data (its current term, the demo shifts): 学期汇总 draws its
 * charts with ECharts fetched for that page only, 工时审批 lists the teacher's students, 我的工时
 * shows a student's month, and 设置 checks the 双导师 weights before saving.
 */
const shop = useShopInBrowser();
const loginTo = (page: Page, path: string, persona: string) => loginThroughPicker(shop, page, path, persona);

describe('shift reports in the console', () => {
  it('should load ECharts only on 学期汇总 and draw both team charts there', async () => {
    const { context, page, failures } = await openPhoneIn(shop);
    const echartsRequests: string[] = [];
    page.on('request', (request) => {
      if (/reportEcharts/.test(request.url())) echartsRequests.push(new URL(request.url()).pathname);
    });
    await loginTo(page, '/console/grading/timesheets', 'teacher');
    await page.getByTestId('timesheets-summary').waitFor({ timeout: 20_000 });
    expect(await page.locator('article[data-testid^="report-timesheet-"]').count()).toBeGreaterThan(0);
    expect(echartsRequests).toEqual([]);

    await page.goto(`${shop.app.baseUrl}/console/grading/summary`);
    await page.locator('[data-testid^="report-student-"]').first().waitFor({ timeout: 20_000 });
    // Without a choice in the address the page opens on the current term and the first team.
    expect(await page.locator('[data-testid^="summary-term-"][aria-checked="true"]').count()).toBe(1);
    expect(await page.locator('[data-testid^="summary-team-"][aria-checked="true"]').count()).toBe(1);
    await page.locator('[data-testid="summary-chart-sales"] canvas').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="summary-chart-coverage"] canvas').waitFor({ timeout: 30_000 });
    expect(echartsRequests.length).toBe(1);
    expect(await page.getByTestId('summary-export-xlsx').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-term-summary.png'), fullPage: true });
    expect(failures).toEqual([]);
    await context.close();
  });

  it('should show a student their month and refuse weights that do not sum to 100 in 设置', async () => {
    const student = await openPhoneIn(shop);
    await loginTo(student.page, '/console/shifts/hours', 'student-tiantian');
    await student.page.getByTestId('my-hours-summary').waitFor({ timeout: 20_000 });
    expect(await student.page.getByTestId('my-hours-total').innerText()).toMatch(/^\d+\.\d{2} 小时$/);
    expect(await student.page.getByTestId('my-hours-pay').innerText()).toMatch(/^¥\d+\.\d{2}$/);
    await student.page.screenshot({ path: join(SCREENSHOTS, 'console-my-hours.png'), fullPage: true });
    expect(student.failures).toEqual([]);
    await student.context.close();

    const admin = await openPhoneIn(shop);
    await loginTo(admin.page, '/console/grading/settings', 'admin');
    const teacherWeight = admin.page.getByTestId('settings-teacher-weight').locator('input');
    await teacherWeight.waitFor({ timeout: 20_000 });
    await teacherWeight.fill('50');
    await expect.poll(() => admin.page.getByTestId('settings-mentor-weight').innerText()).toContain('两位导师的权重之和须为 100%，现在是 110%');
    expect(await admin.page.getByTestId('settings-save').isDisabled()).toBe(true);
    await admin.page.getByTestId('settings-mentor-weight').locator('input').fill('50');
    expect(await admin.page.getByTestId('settings-save').isDisabled()).toBe(false);
    await admin.page.getByTestId('settings-save').click();
    await expect.poll(() => admin.page.locator('.van-toast').innerText(), { timeout: 10_000 }).toContain('设置已保存');
    expect(await admin.page.getByTestId('report-terms').isVisible()).toBe(true);
    await admin.page.screenshot({ path: join(SCREENSHOTS, 'console-shift-settings.png'), fullPage: true });
    expect(admin.failures).toEqual([]);
    await admin.context.close();
  });
});
