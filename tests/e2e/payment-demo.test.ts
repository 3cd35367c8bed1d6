import { join } from 'node:path';
import { schema } from '@qiaodu/db';
import { formatFen } from '@qiaodu/shared';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addToCartThroughPicker, loginThroughPicker, openPhoneIn, SCREENSHOTS, useShopInBrowser } from '../support/shop-in-browser';

/*
 * A demo shop (no merchant configured) in Chromium as a phone: the customer buys through the
 * built-in WeChat Pay simulator's 模拟支付 sheet. A failed payment first (the order still waits for
 * payment), then a real one; what the page shows comes from the server, which learned it from the
 * simulator's signed TRANSACTION.SUCCESS notification.
 */

const shop = useShopInBrowser();
const { orders, paymentNotifications } = schema;

const PRODUCT = { name: '敬记 食品级PP保鲜盒 三件套', choose: ['湖蓝盖'], priceFen: 2990 };

describe('paying in a demo shop through the 模拟支付 sheet', () => {
  it('should say it is a simulation, keep the order unpaid after 模拟支付失败, and show it paid (待发货) after paying again', async () => {
    const db = shop.testDb.database.db;
    const { context, page, failures } = await openPhoneIn(shop);
    await loginThroughPicker(shop, page, '/', 'customer');

    await addToCartThroughPicker(shop, page, PRODUCT);
    await page.goto(`${shop.app.baseUrl}/cart`);
    const line = page.getByTestId('cart-line').filter({ hasText: PRODUCT.name });
    await line.first().waitFor({ timeout: 20_000 });
    await page.getByTestId('cart-submit').locator('.van-submit-bar__button').click();
    await page.waitForURL(/\/checkout\?/);
    await page.getByTestId('delivery-express').click();
    await expect.poll(() => page.getByTestId('checkout-address').innerText(), { timeout: 20_000 }).toContain('陈晓琳');

    // The checkout says payment is simulated before anything is submitted.
    const demoNotice = page.getByTestId('checkout-demo-payment');
    await demoNotice.waitFor({ timeout: 20_000 });
    expect(await demoNotice.innerText()).toContain('演示模式');
    expect(await demoNotice.innerText()).toContain('模拟微信支付');

    const submit = page.getByTestId('submit-order');
    await expect.poll(() => submit.isEnabled(), { timeout: 20_000 }).toBe(true);
    await submit.click();
    await page.waitForURL(/\/me\/orders\/\d+/, { timeout: 20_000 });
    const orderId = Number(/\/me\/orders\/(\d+)/.exec(page.url())?.[1]);
    expect(orderId).toBeGreaterThan(0);

    // 提交订单 starts the payment: the server made a JSAPI prepay at its simulator, the sheet opens.
    const sheet = page.getByTestId('simulated-pay-sheet');
    await sheet.waitFor({ timeout: 20_000 });
    const orderNo = await page.getByTestId('order-no').innerText();
    expect(await sheet.getByTestId('simulated-pay-order-no').innerText()).toBe(orderNo);
    const notice = await sheet.getByTestId('simulated-pay-notice').innerText();
    expect(notice).toContain('演示模式');
    expect(notice).toContain('模拟');
    // The sheet asks for the server's total of the order.
    const [row] = await db.select({ totalFen: orders.totalFen }).from(orders).where(eq(orders.id, orderId));
    expect(await sheet.getByTestId('simulated-pay-confirm').innerText()).toContain(`确认支付 ${formatFen(row!.totalFen)}`);
    expect((await sheet.getByTestId('simulated-pay-amount').innerText()).replace(/\s/g, '')).toBe(formatFen(row!.totalFen));
    await page.screenshot({ path: join(SCREENSHOTS, 'payment-demo-sheet.png') });

    // 模拟支付失败: WeChat sends nothing for a failed payment; the server's query says PAYERROR.
    await sheet.getByTestId('simulated-pay-fail').click();
    const result = page.getByTestId('payment-result');
    await expect.poll(() => result.getAttribute('data-phase'), { timeout: 20_000 }).toBe('failed');
    expect(await result.getByTestId('payment-result-message').innerText()).toBe('支付失败，请重新支付');
    const status = page.getByTestId('order-status');
    expect(await status.getAttribute('data-status')).toBe('pending_payment');
    const [afterFail] = await db.select({ status: orders.status, paidAt: orders.paidAt }).from(orders).where(eq(orders.id, orderId));
    expect(afterFail).toEqual({ status: 'pending_payment', paidAt: null });
    await page.screenshot({ path: join(SCREENSHOTS, 'payment-demo-failed.png') });

    // 重新支付: a new sheet for the same order, and this time the customer confirms.
    await result.getByTestId('payment-retry').click();
    await sheet.waitFor({ timeout: 20_000 });
    expect(await sheet.getByTestId('simulated-pay-order-no').innerText()).toBe(orderNo);
    await sheet.getByTestId('simulated-pay-confirm').click();

    await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('paid');
    expect(await status.innerText()).toBe('等待发货');
    await sheet.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.getByTestId('pay-order').waitFor({ state: 'detached', timeout: 10_000 });
    // Reloaded from the server, not from the page's memory of the tap.
    await page.reload();
    await expect.poll(() => page.getByTestId('order-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('paid');
    expect(await page.getByTestId('parcel-status').allInnerTexts()).toEqual(['待发货']);
    await page.screenshot({ path: join(SCREENSHOTS, 'payment-demo-paid.png'), fullPage: true });

    // The order was paid by the simulator's notification through the real intake, exactly once.
    const [paid] = await db.select().from(orders).where(eq(orders.id, orderId));
    expect(paid!.status).toBe('paid');
    expect(paid!.paymentChannel).toBe('jsapi');
    expect(paid!.transactionId).toMatch(/^4200\d{24}$/);
    const applied = await db
      .select({ source: paymentNotifications.source, eventType: paymentNotifications.eventType })
      .from(paymentNotifications)
      .where(and(eq(paymentNotifications.orderId, orderId), eq(paymentNotifications.outcome, 'applied'), eq(paymentNotifications.transactionId, paid!.transactionId!)));
    expect(applied).toEqual([{ source: 'notification', eventType: 'TRANSACTION.SUCCESS' }]);

    expect(failures).toEqual([]);
    await context.close();
  });
});
