import type { AuthOptions, PaymentState } from '@qiaodu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { onSaleSku, orderClient, pickup } from '../support/orders';
import { getJson, startApp, type RunningApp } from '../support/test-app';

/**
 * How a shop pays follows from its configuration: a demo shop (no WeChat app, no merchant) runs
 * the built-in WeChat Pay simulator; a shop with a WeChat login but no merchant cannot take
 * money at all, and says so instead of faking a payment.
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
  it('should refuse payment in a shop with a WeChat login but no merchant, and leave the order unpaid', async () => {
    const sku = await onSaleSku(db(), 'tiantian-yunying-1');
    const order = await demoShop.placeOk('customer', { items: [{ skuId: sku.skuId, quantity: 1 }], delivery: pickup });
    // The token comes from the demo shop's login; the real shop accepts it (same sessions table).
    const token = await personaClient(() => fixture.app.baseUrl).tokenOf('customer');
    const asCustomer = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      getJson<{ error?: { code: string; message: string } } & Partial<PaymentState>>(`${realShop.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const options = await getJson<AuthOptions>(`${realShop.baseUrl}/api/auth/options`);
    expect(options.body.payment).toBe('unavailable');
    for (const channel of ['jsapi', 'miniprogram']) {
      const refused = await asCustomer('POST', `/api/orders/${order.id}/pay`, { channel });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'PAYMENT_UNAVAILABLE', message: expect.stringMatching(/微信支付/) });
    }
    // The 模拟支付 sheet exists only in a demo shop.
    const simulated = await asCustomer('POST', `/api/pay/simulator/orders/${order.id}`, { outcome: 'pay' });
    expect([simulated.status, simulated.body.error?.code]).toEqual([409, 'PAYMENT_UNAVAILABLE']);
    const state = await asCustomer('GET', `/api/orders/${order.id}/payment`);
    expect(state.body).toMatchObject({ status: 'pending_payment', paid: false, simulated: false, payable: true, tradeState: null, message: '等待支付' });
    expect((await demoShop.getOk('customer', order.id)).status).toBe('pending_payment');

    // The demo shop pays the same order through its simulator.
    expect((await getJson<AuthOptions>(`${fixture.app.baseUrl}/api/auth/options`)).body.payment).toBe('simulator');
    const paid = await demoShop.payOk('customer', order.id);
    expect(paid.status).toBe('paid');
  });

  it('should refuse the old instant demo payment as a channel', async () => {
    const sku = await onSaleSku(db(), 'tiantian-yunying-1');
    const order = await demoShop.placeOk('customer', { items: [{ skuId: sku.skuId, quantity: 1 }], delivery: pickup });
    const refused = await demoShop.pay('customer', order.id, 'demo' as never);
    expect([refused.status, refused.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await demoShop.getOk('customer', order.id)).status).toBe('pending_payment');
  });
});
