import { join } from 'node:path';
import { schema, type Db } from '@qiaodu/db';
import { addDays, atLocal, localDateOf, ROUTES, type OrderDetail, type ShiftView } from '@qiaodu/shared';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AppFixture } from './app-fixture';
import type { personaClient } from './auth';
import { teamIdOf } from './inventory';
import { express, onSaleSku, orderClient } from './orders';
import { manualClock } from './clock';
import { SCREENSHOTS, useShopInBrowser } from './shop-in-browser';

const MINUTE_MS = 60_000;

/** A path of the contract with its parameters filled in. */
export function pathOf(route: { path: string }, params: Record<string, number | string>): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${route.path}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * The built shop on a seeded app whose clock the test moves (the browser test needs a shift that
 * covers "now", and the planning API only takes shifts that start in the future), with Chromium.
 * The clock starts at the real time, so the seed's shifts (dated from the real time) and the
 * WeChat Pay simulator agree with it.
 */
export function useShopWithClock(): ReturnType<typeof useShopInBrowser> & { readonly clock: ReturnType<typeof manualClock> } {
  const clock = manualClock();
  const shop = useShopInBrowser({ overrides: { clock: clock.now } });
  return Object.assign(shop, { clock });
}

/**
 * A one-off shift open for sign-up, starting `startsInMinutes` after the app clock's now (or
 * just after local midnight when that is closer than half an hour) and running two hours (never
 * past the local midnight of its day), one place. Made through the
 * planning API as `planner` (the supervising teacher or the team lead); it joins its week, which
 * the demo seed has published.
 */
export async function openShiftStartingSoon(
  shop: AppFixture,
  client: ReturnType<typeof personaClient>,
  options: { planner: string; team: string; post: string; now: Date; startsInMinutes: number },
): Promise<ShiftView> {
  const soon = new Date(options.now.getTime() + options.startsInMinutes * MINUTE_MS);
  // Shifts end by local midnight: too close to it, the shift starts just after midnight instead.
  const nextMidnight = atLocal(addDays(localDateOf(soon), 1), 0);
  const startsAt = nextMidnight.getTime() - soon.getTime() < 30 * MINUTE_MS ? new Date(nextMidnight.getTime() + MINUTE_MS) : soon;
  const midnight = atLocal(addDays(localDateOf(startsAt), 1), 0);
  const endsAt = new Date(Math.min(startsAt.getTime() + 120 * MINUTE_MS, midnight.getTime()));
  const teamId = await teamIdOf(shop.testDb.database.db, options.team);
  const answer = await client.send<ShiftView>(options.planner, ROUTES.createOneOffShift.method.toUpperCase(), pathOf(ROUTES.createOneOffShift, { teamId }), {
    post: options.post,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    capacity: 1,
    openForSignup: true,
    note: '临时加班：当班发货',
  });
  if (answer.status !== 201 && answer.status !== 200) throw new Error(`create a one-off shift: ${answer.status} ${JSON.stringify(answer.body)}`);
  expect(answer.body).toMatchObject({ status: 'published', openForSignup: true, capacity: 1, held: 0 });
  return answer.body;
}

/** A paid express order of one of the team's products, bought by `customer` through the API. */
export async function paidOrderOfTeam(shop: AppFixture, client: ReturnType<typeof personaClient>, customer: string, team: string): Promise<OrderDetail> {
  const orders = orderClient(() => shop.app.baseUrl, client);
  const sku = await onSaleSku(shop.testDb.database.db, team);
  const order = await orders.placeOk(customer, { items: [{ skuId: sku.skuId, quantity: 1 }], delivery: express(await orders.addressOf(customer)) });
  return orders.payOk(customer, order.id);
}

/** The student's place on a shift, read from the database. */
export async function placeOf(db: Db, shiftId: number, persona: string) {
  const [row] = await db
    .select({ id: schema.shiftAssignments.id, status: schema.shiftAssignments.status, late: schema.shiftAssignments.late, clockInAt: schema.shiftAssignments.clockInAt, clockOutAt: schema.shiftAssignments.clockOutAt })
    .from(schema.shiftAssignments)
    .innerJoin(schema.users, eq(schema.users.id, schema.shiftAssignments.studentId))
    .where(and(eq(schema.shiftAssignments.shiftId, shiftId), eq(schema.users.persona, persona)));
  return row ?? null;
}

/** The shift the team's parcel of an order was shipped in (attribution), or null. */
export async function shippedShiftOf(db: Db, orderId: number, teamId: number): Promise<number | null | undefined> {
  const [row] = await db
    .select({ shiftId: schema.orderParcels.shippedShiftId })
    .from(schema.orderParcels)
    .where(and(eq(schema.orderParcels.orderId, orderId), eq(schema.orderParcels.teamId, teamId)));
  return row?.shiftId;
}

/** Ships the team's parcel of an order in the console, as order-fulfilment.test.ts does: 待发货 card → 发货 dialog. */
export async function shipInConsole(page: Page, baseUrl: string, order: { orderNo: string; carrier: string; trackingNo: string }, screenshot: string): Promise<void> {
  await page.goto(`${baseUrl}/console/orders`);
  await page.waitForURL(/\/console\/teams\/\d+\/orders/, { timeout: 20_000 });
  const card = page.locator(`[data-testid="team-order-card"][data-order-no="${order.orderNo}"]`);
  await card.waitFor({ timeout: 20_000 });
  await card.getByTestId('ship-button').click();
  const dialog = page.getByTestId('ship-dialog');
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.getByTestId('carrier-picker').getByTestId(`carrier-${order.carrier}`).click();
  await dialog.getByTestId('tracking-input').locator('input').fill(order.trackingNo);
  await page.screenshot({ path: join(SCREENSHOTS, `${screenshot}.png`) });
  await dialog.getByTestId('ship-submit').click();
  await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(0);
}

/** A screenshot without the last action's toast over the page. */
export async function toastGone(page: Page): Promise<void> {
  await page.locator('.van-toast').waitFor({ state: 'hidden', timeout: 10_000 });
}
