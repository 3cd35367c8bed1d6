import type { PaymentStart, PaymentState } from '@qiaodu/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import type { EffectScope } from 'vue';
import { IOS_SAFARI, JSAPI_PARAMS as PARAMS } from '../testing/wechat';
import type { MiniProgramApi } from '../wechat/miniProgramBridge';
import { OPEN_IN_WECHAT_MESSAGE } from '../wechat/paymentBridge';
import type { BrandWCPayRequest } from '../wechat/paymentBridge';
import { createPaymentModeLoader } from './paymentMode';
import type { PaymentMode } from './paymentMode';
import { usePayment } from './usePayment';
import type { PaymentOptions } from './usePayment';

const WECHAT = `${IOS_SAFARI.replace(' Safari/604.1', '')} MicroMessenger/8.0.44(0x18002c2d) NetType/WIFI Language/zh_CN`;
const MINIPROGRAM = `${WECHAT} miniProgram/wx1234567890abcdef`;

const ORDER = { id: 42, orderNo: 'QD202611290042', totalFen: 12_800 };
function paymentStart(simulated: boolean): PaymentStart {
  return {
    mode: 'wechat',
    channel: 'jsapi',
    simulated,
    orderId: ORDER.id,
    orderNo: ORDER.orderNo,
    totalFen: ORDER.totalFen,
    expiresAt: '2026-11-29T12:30:00.000Z',
    params: { ...PARAMS, signType: 'RSA' },
  };
}

type Reading = 'unpaid' | 'paid' | 'payerror' | 'closed';
function paymentState(reading: Reading): PaymentState {
  return {
    orderId: ORDER.id,
    orderNo: ORDER.orderNo,
    status: reading === 'paid' ? 'paid' : reading === 'closed' ? 'cancelled' : 'pending_payment',
    paid: reading === 'paid',
    paidAt: reading === 'paid' ? '2026-11-29T12:01:00.000Z' : null,
    totalFen: ORDER.totalFen,
    paidFen: reading === 'paid' ? ORDER.totalFen : 0,
    channel: 'jsapi',
    tradeState: reading === 'paid' ? 'SUCCESS' : reading === 'payerror' ? 'PAYERROR' : reading === 'closed' ? 'CLOSED' : 'NOTPAY',
    message: { unpaid: '等待支付', paid: '支付成功', payerror: '支付失败，请重新支付', closed: '订单已关闭' }[reading],
    simulated: false,
    payable: reading === 'unpaid' || reading === 'payerror',
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/**
 * The API at the fetch boundary: the shop's payment mode, POST …/pay (or a refusal), the
 * simulator, and GET …/payment answering `readings` in turn (the last one repeats).
 */
function fakeApi(setup: { mode: PaymentMode; simulated?: boolean; payRefusal?: [number, string, string]; readings?: Reading[] }) {
  const calls: string[] = [];
  const readings = [...(setup.readings ?? ['unpaid'])];
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? init.body : '';
    calls.push(`${method} ${url}${body ? ` ${body}` : ''}`);
    if (url === '/api/auth/options') {
      return json(200, { demo: setup.mode === 'simulator', miniProgram: true, officialAccountAppId: null, payment: setup.mode });
    }
    if (url === '/api/orders/42/pay') {
      if (setup.payRefusal) {
        const [status, code, message] = setup.payRefusal;
        return json(status, { error: { code, message } });
      }
      return json(200, paymentStart(setup.simulated ?? false));
    }
    if (url === '/api/pay/simulator/orders/42') return json(200, paymentState(body.includes('"pay"') ? 'paid' : 'payerror'));
    if (url === '/api/orders/42/payment') return json(200, paymentState(readings.length > 1 ? readings.shift()! : readings[0]!));
    return json(404, { error: { code: 'NOT_FOUND', message: '接口不存在' } });
  });
  vi.stubGlobal('fetch', fetch);
  return { calls };
}

/** WeChat's side: the web-view's wx.miniProgram and the browser's WeixinJSBridge. */
const miniProgram = { opened: [] as string[] };
const miniProgramApi: MiniProgramApi = {
  reLaunch: () => undefined,
  navigateTo: ({ url, success }) => {
    miniProgram.opened.push(url);
    success?.();
  },
};

function fakeWindow(userAgent: string, bridgeAnswer = 'get_brand_wcpay_request:ok') {
  const invoked: BrandWCPayRequest[] = [];
  vi.stubGlobal('window', {
    navigator: { userAgent },
    wx: { miniProgram: miniProgramApi },
    WeixinJSBridge: {
      invoke: (_name: string, args: BrandWCPayRequest, callback: (res: { err_msg: string }) => void) => {
        invoked.push(args);
        callback({ err_msg: bridgeAnswer });
      },
    },
    document: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
  return { invoked };
}

let scope: EffectScope | undefined;
afterEach(() => {
  scope?.stop();
  vi.unstubAllGlobals();
  miniProgram.opened = [];
});

function setup(options: PaymentOptions = {}) {
  const moved: number[] = [];
  const notes: string[] = [];
  scope = effectScope();
  const payment = scope.run(() =>
    usePayment(
      { moved: (id) => moved.push(id), notify: (message) => notes.push(message) },
      // A fresh read of the shop's mode per test, and no real waiting between re-reads.
      { loadMode: createPaymentModeLoader(), pollDelaysMs: [0, 0, 0], ...options },
    ),
  )!;
  return { payment, moved, notes };
}

describe('usePayment in demo mode', () => {
  it('should open the 模拟支付 sheet, pay at the simulator, and believe only the re-read payment state', async () => {
    fakeWindow(IOS_SAFARI);
    const { calls } = fakeApi({ mode: 'simulator', simulated: true, readings: ['unpaid', 'unpaid', 'paid'] });
    const { payment, moved, notes } = setup();

    await payment.start(ORDER);
    expect(payment.phase.value).toBe('simulating');
    expect(payment.simulation.value).toMatchObject({ orderNo: ORDER.orderNo, totalFen: ORDER.totalFen });
    expect(calls).toEqual(['GET /api/auth/options', 'POST /api/orders/42/pay {"channel":"jsapi"}']);

    await payment.simulate('pay');
    expect(calls.slice(2)).toEqual([
      'POST /api/pay/simulator/orders/42 {"outcome":"pay"}',
      // Still unpaid twice (the notification on its way), then paid: the polling stops there.
      'GET /api/orders/42/payment',
      'GET /api/orders/42/payment',
      'GET /api/orders/42/payment',
    ]);
    expect(payment.phase.value).toBe('paid');
    expect(payment.simulation.value).toBeNull();
    expect(notes).toEqual(['支付成功']);
    expect(moved).toEqual([42]);
  });

  it('should use the simulator inside the mini-program too, without its pay page', async () => {
    fakeWindow(MINIPROGRAM);
    const { calls } = fakeApi({ mode: 'simulator', simulated: true });
    const { payment } = setup();
    await payment.start(ORDER);
    expect(payment.phase.value).toBe('simulating');
    expect(miniProgram.opened).toEqual([]);
    expect(calls).toContain('POST /api/orders/42/pay {"channel":"jsapi"}');
  });

  it('should stop at the first reading after a simulated failure and offer to pay again', async () => {
    fakeWindow(IOS_SAFARI);
    const { calls } = fakeApi({ mode: 'simulator', simulated: true, readings: ['payerror'] });
    const { payment, moved, notes } = setup();
    await payment.start(ORDER);
    await payment.simulate('fail');
    expect(calls.slice(2)).toEqual(['POST /api/pay/simulator/orders/42 {"outcome":"fail"}', 'GET /api/orders/42/payment']);
    expect(payment.phase.value).toBe('failed');
    expect(payment.message.value).toBe('支付失败，请重新支付');
    expect(notes).toEqual([]);
    expect(moved).toEqual([]);

    await payment.retry();
    expect(payment.phase.value).toBe('simulating');
    expect(calls.at(-1)).toBe('POST /api/orders/42/pay {"channel":"jsapi"}');
  });

  it('should send nothing when the sheet is cancelled', async () => {
    fakeWindow(IOS_SAFARI);
    const { calls } = fakeApi({ mode: 'simulator', simulated: true });
    const { payment, notes } = setup();
    await payment.start(ORDER);
    payment.cancelSimulation();
    expect(payment.phase.value).toBe('idle');
    expect(payment.simulation.value).toBeNull();
    expect(calls).toHaveLength(2);
    expect(notes).toEqual([]);
  });
});

describe('usePayment in the WeChat browser', () => {
  it('should hand exactly the signed parameters to getBrandWCPayRequest and re-read until paid', async () => {
    const { invoked } = fakeWindow(WECHAT);
    const { calls } = fakeApi({ mode: 'wechat', readings: ['unpaid', 'paid'] });
    const { payment, moved, notes } = setup();
    await payment.start(ORDER);
    expect(invoked).toEqual([PARAMS]);
    expect(calls).toEqual([
      'GET /api/auth/options',
      'POST /api/orders/42/pay {"channel":"jsapi"}',
      'GET /api/orders/42/payment',
      'GET /api/orders/42/payment',
    ]);
    expect(payment.phase.value).toBe('paid');
    expect(notes).toEqual(['支付成功']);
    expect(moved).toEqual([42]);
  });

  it('should say 等待支付结果 when WeChat said ok but the server still does not know, and 刷新 asks again', async () => {
    fakeWindow(WECHAT);
    const { calls } = fakeApi({ mode: 'wechat', readings: ['unpaid', 'unpaid', 'unpaid', 'unpaid', 'paid'] });
    const { payment, notes } = setup();
    await payment.start(ORDER);
    // One read, then one per poll delay, and no more.
    expect(calls.filter((call) => call === 'GET /api/orders/42/payment')).toHaveLength(4);
    expect(payment.phase.value).toBe('pending');
    expect(payment.message.value).toBe('等待支付结果…');
    expect(notes).toEqual([]);

    await payment.refresh();
    expect(calls.filter((call) => call === 'GET /api/orders/42/payment')).toHaveLength(5);
    expect(payment.phase.value).toBe('paid');
    expect(notes).toEqual(['支付成功']);
  });

  it('should read once after a cancel and leave the order waiting for payment', async () => {
    fakeWindow(WECHAT, 'get_brand_wcpay_request:cancel');
    const { calls } = fakeApi({ mode: 'wechat', readings: ['unpaid', 'paid'] });
    const { payment, notes } = setup();
    await payment.start(ORDER);
    expect(calls.filter((call) => call === 'GET /api/orders/42/payment')).toHaveLength(1);
    expect(payment.phase.value).toBe('idle');
    expect(notes).toEqual(['已取消支付']);
  });

  it("should believe the server's paid over the client's fail", async () => {
    fakeWindow(WECHAT, 'get_brand_wcpay_request:fail');
    fakeApi({ mode: 'wechat', readings: ['paid'] });
    const { payment, notes } = setup();
    await payment.start(ORDER);
    expect(payment.phase.value).toBe('paid');
    expect(notes).toEqual(['支付成功']);
  });

  it('should show the Chinese message of a refusal, and reload an order that moved on', async () => {
    fakeWindow(WECHAT);
    fakeApi({ mode: 'wechat', payRefusal: [503, 'PAYMENT_PROVIDER_UNAVAILABLE', '微信支付暂时不可用，请稍后再试'] });
    const busy = setup();
    await busy.payment.start(ORDER);
    expect(busy.notes).toEqual(['微信支付暂时不可用，请稍后再试']);
    expect(busy.moved).toEqual([]);
    expect(busy.payment.phase.value).toBe('idle');
    scope?.stop();

    fakeApi({ mode: 'wechat', payRefusal: [409, 'INVALID_STATE', '当前状态不允许此操作'] });
    const stale = setup();
    await stale.payment.start(ORDER);
    expect(stale.notes).toEqual(['当前状态不允许此操作']);
    expect(stale.moved).toEqual([42]);
  });
});

describe('usePayment in the mini-program', () => {
  it("should open the shell's pay page, and ask the server when the order page is shown again", async () => {
    fakeWindow(MINIPROGRAM);
    const document = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    vi.stubGlobal('document', document);
    const { calls } = fakeApi({ mode: 'wechat', readings: ['paid'] });
    const { payment, notes, moved } = setup();

    await payment.start(ORDER);
    expect(miniProgram.opened).toEqual(['/pages/pay/index?orderId=42']);
    // The native page prepays with its own session: the web-view does not.
    expect(calls).toEqual(['GET /api/auth/options']);
    expect(payment.phase.value).toBe('idle');

    document.visibilityState = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(notes).toEqual(['支付成功']));
    expect(calls.at(-1)).toBe('GET /api/orders/42/payment');
    expect(moved).toEqual([42]);
  });
});

describe('usePayment elsewhere', () => {
  it('should only ask to open the shop in WeChat', async () => {
    fakeWindow(IOS_SAFARI);
    const { calls } = fakeApi({ mode: 'wechat' });
    const { payment } = setup();
    await payment.start(ORDER);
    expect(payment.notice.value).toEqual({ title: '请在微信中打开', message: OPEN_IN_WECHAT_MESSAGE });
    expect(payment.phase.value).toBe('idle');
    expect(calls).toEqual(['GET /api/auth/options']);
  });

  it('should not try to pay when the shop takes no payments', async () => {
    fakeWindow(WECHAT);
    const { calls } = fakeApi({ mode: 'unavailable' });
    const { payment } = setup();
    await payment.start(ORDER);
    expect(payment.notice.value?.message).toContain('暂未开通微信支付');
    expect(calls).toEqual(['GET /api/auth/options']);
  });
});

describe('usePayment when the order page opens', () => {
  it('should stay quiet about an order that simply waits for payment', async () => {
    fakeApi({ mode: 'wechat', readings: ['unpaid'] });
    const { payment, notes, moved } = setup();
    await payment.check(ORDER);
    expect(payment.phase.value).toBe('idle');
    expect(notes).toEqual([]);
    expect(moved).toEqual([]);
  });

  it('should reload an order the server found paid or closed meanwhile', async () => {
    fakeApi({ mode: 'wechat', readings: ['closed'] });
    const closed = setup();
    await closed.payment.check(ORDER);
    expect(closed.moved).toEqual([42]);
    expect(closed.payment.phase.value).toBe('idle');
    scope?.stop();

    fakeApi({ mode: 'wechat', readings: ['paid'] });
    const paid = setup();
    await paid.payment.check(ORDER);
    expect(paid.notes).toEqual(['支付成功']);
    expect(paid.moved).toEqual([42]);
  });

  it("should wait for the server after the pay page's ok", async () => {
    const { calls } = fakeApi({ mode: 'wechat', readings: ['unpaid', 'unpaid', 'paid'] });
    const { payment, notes } = setup();
    await payment.check(ORDER, 'ok');
    expect(calls.filter((call) => call === 'GET /api/orders/42/payment')).toHaveLength(3);
    expect(notes).toEqual(['支付成功']);
  });
});
