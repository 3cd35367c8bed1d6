import { schema } from '@qiaodu/db';
import type { ConsoleProductDetail } from '@qiaodu/shared';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { clockedInDirectly, clockedOutDirectly, shiftWithPlace } from '../support/attendance-shifts';
import { personaClient } from '../support/auth';
import { teamIdOf, userIdOf } from '../support/inventory';
import { express, orderClient, pickup, productWithStock } from '../support/orders';
import { jpeg, productInput, productRefs, uploadImage } from '../support/product-console';
import { refundClient } from '../support/refunds';

/**
 * Every staff action stores the shift its actor was clocked into for the team acted on. For each
 * kind of action, three states of the same student: clocked into a shift of the team (the row
 * has that shift), not clocked in (null: outside any shift, still allowed), and clocked into
 * another team's shift while acting for this team (null as well).
 */
const fixture = useSeededApp();
const client = personaClient(() => fixture.app.baseUrl);
const shop = orderClient(() => fixture.app.baseUrl, client);
const refundsApi = refundClient(() => fixture.app.baseUrl, client);
const db = () => fixture.testDb.database.db;
const { send } = client;
const { orderEvents, orderParcels, orders, paymentFlags, productActivity, refunds, stockCounts, stockMovements } = schema;

type State = 'own-team shift' | 'no shift' | 'other team shift';
const STATES: readonly State[] = ['own-team shift', 'no shift', 'other team shift'];

let tiantian: number;
/** Per persona: a place on a tiantian shift and on a feiyi shift, to clock into directly. */
const places = new Map<string, { own: { shiftId: number; assignmentId: number }; other: { shiftId: number; assignmentId: number } }>();

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  for (const persona of ['student-tiantian', 'lead-tiantian', 'teacher']) {
    const own = await shiftWithPlace(db(), { team: 'tiantian-yunying-1', student: persona, now: new Date(), startsInMinutes: -30, durationMinutes: 600 });
    const other = await shiftWithPlace(db(), { team: 'feiyi-wenchuang', post: 'photo_design', student: persona, now: new Date(), startsInMinutes: -30, durationMinutes: 600 });
    places.set(persona, { own, other });
  }
});

/** Runs `act` as `persona` in each state (clocked in and out directly) and answers the shift id each recorded. */
async function shiftsRecorded(persona: string, act: () => Promise<number | null>): Promise<Record<State, number | null>> {
  const result = {} as Record<State, number | null>;
  for (const state of STATES) {
    const mine = places.get(persona)!;
    const target = state === 'own-team shift' ? mine.own : state === 'other team shift' ? mine.other : null;
    if (target) await clockedInDirectly(db(), target.assignmentId, new Date());
    result[state] = await act();
    if (target) await clockedOutDirectly(db(), target.assignmentId, new Date());
  }
  return result;
}

/** What every action must show: the own team's shift, else null. */
function expectAttributed(recorded: Record<State, number | null>, persona: string): void {
  expect(recorded).toEqual({ 'own-team shift': places.get(persona)!.own.shiftId, 'no shift': null, 'other team shift': null });
}

const lastMovement = async (type: 'receive' | 'adjust' | 'count') => {
  const [row] = await db()
    .select({ shiftId: stockMovements.shiftId })
    .from(stockMovements)
    .where(and(eq(stockMovements.teamId, tiantian), eq(stockMovements.type, type)))
    .orderBy(desc(stockMovements.id))
    .limit(1);
  return row!.shiftId;
};

const lastActivity = async (productId: number, action: string) => {
  const [row] = await db()
    .select({ shiftId: productActivity.shiftId })
    .from(productActivity)
    .where(and(eq(productActivity.productId, productId), eq(productActivity.action, action as never)))
    .orderBy(desc(productActivity.id))
    .limit(1);
  return row!.shiftId;
};

describe('attribution of staff actions to shifts', () => {
  it('should attribute stock receipts and adjustments', async () => {
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 50 });
    const skuId = skuIds[0]!;
    expectAttributed(
      await shiftsRecorded('student-tiantian', async () => {
        const res = await send('student-tiantian', 'POST', `/api/console/teams/${tiantian}/stock/receipts`, { skuId, quantity: 2, unitCostFen: 300 });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return lastMovement('receive');
      }),
      'student-tiantian',
    );
    expectAttributed(
      await shiftsRecorded('student-tiantian', async () => {
        const res = await send('student-tiantian', 'POST', `/api/console/teams/${tiantian}/stock/adjustments`, { skuId, quantity: -1, reason: 'damage' });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        return lastMovement('adjust');
      }),
      'student-tiantian',
    );
  });

  it('should attribute a stock count: opening it and approving its variance', async () => {
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 10 });
    const skuId = skuIds[0]!;
    const recorded = await shiftsRecorded('lead-tiantian', async () => {
      const started = await send<{ id: number }>('lead-tiantian', 'POST', `/api/console/teams/${tiantian}/stock-counts`, { skuIds: [skuId] });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const countId = started.body.id;
      const [stock] = await db().select({ n: schema.skus.stockAvailable }).from(schema.skus).where(eq(schema.skus.id, skuId));
      const lines = await send('lead-tiantian', 'PUT', `/api/console/teams/${tiantian}/stock-counts/${countId}/lines`, { lines: [{ skuId, countedQuantity: stock!.n - 1 }] });
      expect(lines.status, JSON.stringify(lines.body)).toBe(200);
      expect((await send('lead-tiantian', 'POST', `/api/console/teams/${tiantian}/stock-counts/${countId}/approve`)).status).toBe(200);
      const [count] = await db().select({ shiftId: stockCounts.shiftId }).from(stockCounts).where(eq(stockCounts.id, countId));
      expect(await lastMovement('count')).toBe(count!.shiftId);
      return count!.shiftId;
    });
    expectAttributed(recorded, 'lead-tiantian');
  });

  it('should attribute product creation, picture uploads and submission for review', async () => {
    const refs = await productRefs(db(), tiantian);
    const picture = await jpeg();
    const token = await client.tokenOf('student-tiantian');
    const recorded = await shiftsRecorded('student-tiantian', async () => {
      const created = await send<ConsoleProductDetail>('student-tiantian', 'POST', `/api/console/teams/${tiantian}/products`, productInput(refs));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const productId = created.body.id;
      const upload = await uploadImage(fixture.app.baseUrl, token, { teamId: tiantian, productId }, picture);
      expect(upload.status, JSON.stringify(upload.body)).toBe(201);
      const submitted = await send('student-tiantian', 'POST', `/api/console/teams/${tiantian}/products/${productId}/submit`);
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      const shiftIds = await Promise.all([lastActivity(productId, 'created'), lastActivity(productId, 'image_added'), lastActivity(productId, 'submitted')]);
      expect(new Set(shiftIds).size).toBe(1);
      return shiftIds[0]!;
    });
    expectAttributed(recorded, 'student-tiantian');
  });

  it('should attribute shipping (parcel and timeline) and pickup verification', async () => {
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 50, priceFen: 1500 });
    const addressId = await shop.addressOf('customer');
    expectAttributed(
      await shiftsRecorded('student-tiantian', async () => {
        const order = await shop.placePaid('customer', { items: [{ skuId: skuIds[0]!, quantity: 1 }], delivery: express(addressId) });
        const shipped = await send('student-tiantian', 'POST', `/api/console/teams/${tiantian}/orders/${order.id}/ship`, { carrier: 'SF', trackingNo: `SF${order.id}000001` });
        expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
        const [parcel] = await db().select().from(orderParcels).where(eq(orderParcels.orderId, order.id));
        const [event] = await db()
          .select({ shiftId: orderEvents.shiftId })
          .from(orderEvents)
          .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.action, 'parcel_shipped')));
        expect(event!.shiftId).toBe(parcel!.shippedShiftId);
        return parcel!.shippedShiftId;
      }),
      'student-tiantian',
    );
    expectAttributed(
      await shiftsRecorded('student-tiantian', async () => {
        const order = await shop.placePaid('customer', { items: [{ skuId: skuIds[0]!, quantity: 1 }], delivery: pickup });
        expect((await send('student-tiantian', 'POST', `/api/console/teams/${tiantian}/orders/${order.id}/ready`)).status).toBe(200);
        const [row] = await db().select({ code: orders.pickupCode }).from(orders).where(eq(orders.id, order.id));
        const verified = await send('student-tiantian', 'POST', `/api/console/teams/${tiantian}/pickups/verify`, { code: row!.code });
        expect(verified.status, JSON.stringify(verified.body)).toBe(200);
        const [parcel] = await db().select().from(orderParcels).where(eq(orderParcels.orderId, order.id));
        expect(parcel!.readyShiftId).toBe(parcel!.pickedUpShiftId);
        return parcel!.pickedUpShiftId;
      }),
      'student-tiantian',
    );
  });

  it('should attribute refund decisions', async () => {
    const { skuIds } = await productWithStock(db(), tiantian, { stock: 50, priceFen: 1500 });
    expectAttributed(
      await shiftsRecorded('student-tiantian', async () => {
        const order = await shop.placePaid('customer', { items: [{ skuId: skuIds[0]!, quantity: 1 }], delivery: pickup });
        const refund = await refundsApi.requestOk('customer', order.id, { reason: '不想要了' });
        const decided = await refundsApi.reject('student-tiantian', tiantian, refund.id, { comment: '商品已备好，请到自提点领取' });
        expect(decided.status, JSON.stringify(decided.body)).toBe(200);
        const [row] = await db().select({ shiftId: refunds.decidedShiftId }).from(refunds).where(eq(refunds.id, refund.id));
        return row!.shiftId;
      }),
      'student-tiantian',
    );
  });

  it("should attribute a payment flag's resolution to whatever shift the resolver is in", async () => {
    const teacherId = await userIdOf(db(), 'teacher');
    const [order] = await db().select({ id: orders.id }).from(orders).limit(1);
    const recorded = await shiftsRecorded('teacher', async () => {
      const [flag] = await db()
        .insert(paymentFlags)
        .values({ kind: 'amount_mismatch', orderId: order!.id, transactionId: `T${Math.random().toString(36).slice(2)}`, amountFen: 1 })
        .returning({ id: paymentFlags.id });
      const resolved = await send('teacher', 'POST', `/api/console/payment-flags/${flag!.id}/resolve`, { note: '已与顾客核对，差额已退回' });
      expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
      const [row] = await db().select({ shiftId: paymentFlags.resolvedShiftId, by: paymentFlags.resolvedBy }).from(paymentFlags).where(eq(paymentFlags.id, flag!.id));
      expect(row!.by).toBe(teacherId);
      return row!.shiftId;
    });
    // Not a team's business: any shift the resolver is clocked into counts, so the other team's too.
    expect(recorded).toEqual({ 'own-team shift': places.get('teacher')!.own.shiftId, 'no shift': null, 'other team shift': places.get('teacher')!.other.shiftId });
  });
});
