import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { onSaleSku, orderClient, pickup } from '../support/orders';
import { startApp, type RunningApp } from '../support/test-app';

/**
 * The demo payment marks an order paid without money: a shop with a real WeChat app must not
 * offer it (until WeChat Pay is configured, paying is refused, never faked).
 */
const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const demoShop = orderClient(() => fixture.app.baseUrl, personaClient(() => fixture.app.baseUrl));

let realShop: RunningApp;
beforeAll(async () => {
  // Same database, so a demo session works there; WeChat itself is never called by paying.
  realShop = await startApp(fixture.testDb.database, {
    overrides: { wechat: { apiBase: 'http://127.0.0.1:9', miniProgram: { appId: 'wx0123456789abcdef', secret: 'not-used-by-this-test' }, officialAccount: null } },
  });
});
afterAll(async () => {
  await realShop?.stop();
});

describe('paying an order', () => {
  it('should refuse the demo payment in a shop with a WeChat app, and leave the order unpaid', async () => {
    const sku = await onSaleSku(db(), 'tiantian-yunying-1');
    const order = await demoShop.placeOk('customer', { items: [{ skuId: sku.skuId, quantity: 1 }], delivery: pickup });
    // The token comes from the demo shop's login; the real shop accepts it (same sessions table).
    const token = await personaClient(() => fixture.app.baseUrl).tokenOf('customer');
    const refused = await fetch(`${realShop.baseUrl}/api/orders/${order.id}/pay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'demo' }),
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('PAYMENT_UNAVAILABLE');
    expect((await demoShop.getOk('customer', order.id)).status).toBe('pending_payment');

    const paid = await demoShop.payOk('customer', order.id);
    expect(paid.status).toBe('paid');
  });
});
