import { join } from 'node:path';
import type { OrderDetail, ShiftView } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { personaClient } from '../support/auth';
import { teamIdOf } from '../support/inventory';
import { loginThroughPicker, openPhoneIn, SCREENSHOTS } from '../support/shop-in-browser';
import { openShiftStartingSoon, paidOrderOfTeam, placeOf, shipInConsole, shippedShiftOf, toastGone, useShopWithClock } from '../support/shifts-in-browser';

const shop = useShopWithClock();
const client = personaClient(() => shop.app.baseUrl);

const openPhone = () => openPhoneIn(shop);
const loginTo = (page: Page, path: string, persona: string) => loginThroughPicker(shop, page, path, persona);

const TEAM = 'tiantian-yunying-1';
const STUDENT = 'student-tiantian';
const TEACHER = 'teacher';
const PARCEL = { carrier: 'SF', trackingNo: 'SF1402775930311' };
/** The shift starts about this long after setup (sign-up closes at the start); the test then moves the app clock into it. */
const STARTS_IN_MINUTES = 5;
const OVERALL_COMMENT = '当班订单全部按时发出，包装规范，继续保持。';

/** The hub's big button, once it offers `mode` (签到 is 'in', 签退 is 'out'). */
async function pressClockButton(page: Page, mode: 'in' | 'out'): Promise<void> {
  const button = page.getByTestId('shift-clock-button');
  await expect.poll(() => button.getAttribute('data-mode'), { timeout: 20_000 }).toBe(mode);
  expect(await button.innerText()).toBe(mode === 'in' ? '签到' : '签退');
  await button.click();
}

describe('a student works a shift and ships an order in it; the teacher grades that shift from its evidence; the student sees the grade', () => {
  let shift: ShiftView;
  let order: OrderDetail;
  let assignmentId = 0;

  it('should set up an open warehouse shift starting soon and a paid order to ship (through the API)', async () => {
    order = await paidOrderOfTeam(shop, client, 'customer', TEAM);
    expect(order.status).toBe('paid');
    shift = await openShiftStartingSoon(shop, client, { planner: TEACHER, team: TEAM, post: 'warehouse', now: shop.clock.now(), startsInMinutes: STARTS_IN_MINUTES });
  });

  it('should let the student sign up on 我的班次, clock in, ship the order and clock out', async () => {
    const { db } = shop.testDb.database;
    const { context, page, failures } = await openPhone();

    // 我的班次 → 可报名: the open shift with its free place, and 报名.
    await loginTo(page, '/console/shifts/mine', STUDENT);
    await page.getByTestId('my-minutes').waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: '可报名' }).click();
    const open = page.getByTestId('open-shift').filter({ hasText: shift.note });
    await open.waitFor({ timeout: 20_000 });
    expect(await open.innerText()).toContain('仓管发货');
    expect(await open.innerText()).toContain('0/1 人');
    await page.screenshot({ path: join(SCREENSHOTS, 'shifts-open-to-sign-up.png'), fullPage: true });
    await open.getByTestId('open-shift-signup').click();
    await expect.poll(async () => (await placeOf(db, shift.id, STUDENT))?.status, { timeout: 20_000 }).toBe('scheduled');
    assignmentId = (await placeOf(db, shift.id, STUDENT))!.id;
    await toastGone(page);

    // The shift is under way: a minute past its start, inside the 5-minute grace.
    shop.clock.advance(Date.parse(shift.startsAt) + 60_000 - shop.clock.now().getTime());

    // 签到 on the hub: the place is clocked in on the server's clock, on time.
    await page.goto(`${shop.app.baseUrl}/console/shifts`);
    await pressClockButton(page, 'in');
    await expect.poll(async () => (await placeOf(db, shift.id, STUDENT))?.status, { timeout: 20_000 }).toBe('clocked_in');
    expect((await placeOf(db, shift.id, STUDENT))?.late).toBe(false);
    await expect.poll(() => page.getByTestId('shift-clock-button').getAttribute('data-mode'), { timeout: 20_000 }).toBe('out');
    await toastGone(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'shifts-clocked-in.png'), fullPage: true });

    // 发货 through the team's order queue: the parcel is attributed to this shift.
    await shipInConsole(page, shop.app.baseUrl, { orderNo: order.orderNo, ...PARCEL }, 'shifts-ship-in-shift');
    const teamId = await teamIdOf(db, TEAM);
    expect(await shippedShiftOf(db, order.id, teamId)).toBe(shift.id);

    // 签退 ten minutes later: the place is completed.
    shop.clock.advance(10 * 60_000);
    await page.goto(`${shop.app.baseUrl}/console/shifts`);
    await pressClockButton(page, 'out');
    await expect.poll(async () => (await placeOf(db, shift.id, STUDENT))?.status, { timeout: 20_000 }).toBe('completed');
    await toastGone(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'shifts-clocked-out.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  });

  it('should let the teacher find the shift in the grading queue, see the shipment in its evidence, grade it with the rubric and publish', async () => {
    expect(assignmentId).toBeGreaterThan(0);
    const { context, page, failures } = await openPhone();

    await loginTo(page, '/console/grading', TEACHER);
    const item = page.locator(`[data-testid="grading-queue-item"][data-assignment-id="${assignmentId}"]`);
    await item.waitFor({ timeout: 20_000 });
    const itemText = await item.innerText();
    expect(itemText).toContain('李嘉欣');
    expect(itemText).toContain('待评');
    await page.screenshot({ path: join(SCREENSHOTS, 'grading-queue.png'), fullPage: true });
    await item.click();
    await page.waitForURL(new RegExp(`/console/grading/shifts/${assignmentId}$`), { timeout: 20_000 });

    // The evidence beside the form: the parcel shipped in this shift.
    const evidence = page.getByTestId('grading-evidence');
    await evidence.waitFor({ timeout: 20_000 });
    const shipped = evidence.getByTestId('evidence-parcelsShipped');
    expect(await shipped.innerText()).toContain('发货包裹');
    expect(await shipped.locator('strong').innerText()).toMatch(/^1(\D|$)/);

    // A level per criterion, the best one, and an overall comment.
    const criteria = page.getByTestId('rubric-criterion');
    await expect.poll(() => criteria.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    for (const criterion of await criteria.all()) {
      const best = criterion.getByTestId('rubric-level').first();
      expect(await best.getAttribute('data-points')).toBe('4');
      await best.click();
    }
    await page.getByTestId('grading-overall-comment').locator('textarea').fill(OVERALL_COMMENT);
    await page.screenshot({ path: join(SCREENSHOTS, 'grading-form.png'), fullPage: true });

    const saved = page.waitForResponse((response) => /\/evaluation$/.test(new URL(response.url()).pathname) && response.request().method() === 'PUT');
    await page.getByTestId('grading-save').click();
    expect((await saved).status()).toBe(200);
    await toastGone(page);

    const published = page.waitForResponse((response) => /\/evaluation\/publish$/.test(new URL(response.url()).pathname));
    await page.getByTestId('grading-publish').click();
    expect((await published).status()).toBe(200);
    await toastGone(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'grading-published.png'), fullPage: true });

    expect(failures).toEqual([]);
    await context.close();
  });

  it('should show the student the published grade with the teacher’s comment on 我的成绩', async () => {
    expect(assignmentId).toBeGreaterThan(0);
    const { context, page, failures } = await openPhone();
    await loginTo(page, '/console/shifts/grades', STUDENT);
    const grade = page.locator(`[data-testid="my-grade"][data-assignment-id="${assignmentId}"]`);
    await grade.waitFor({ timeout: 20_000 });
    expect(await grade.innerText()).toContain('仓管发货');
    // Every criterion at its best level: full marks, from the teacher's side only (天天市集 has no
    // enterprise mentor), so the grade is that side's, marked partial.
    const teacherSide = grade.getByTestId('grading-evaluation-teacher');
    const feedback = await teacherSide.innerText();
    expect(feedback).toContain('刘慧敏');
    expect(feedback).toContain('100.00 分');
    expect(feedback).toContain(`总评：${OVERALL_COMMENT}`);
    expect(await grade.getByTestId('my-grade-final').innerText()).toBe('100.00 分（部分）');
    expect(await grade.getByTestId('grading-evaluation-mentor').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'shifts-my-grade.png'), fullPage: true });
    expect(failures).toEqual([]);
    await context.close();
  });
});
