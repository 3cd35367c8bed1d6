import { describe, expect, it } from 'vitest';
// The shell is plain CommonJS for the WeChat developer tool, inside a "type": "module" package:
// load its source and run it the way the mini-program runtime does.
import source from '../../miniprogram/utils/payFlow.js?raw';

interface RequestResult {
  statusCode: number;
  data: unknown;
}
type Request = (method: string, path: string, data: unknown) => Promise<RequestResult>;
interface PayResult {
  outcome: 'ok' | 'cancel' | 'fail' | 'demo' | 'error';
  message?: string;
  canRetry?: boolean;
}
interface PaymentOptions {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
  success: () => void;
  fail: (error: { errMsg: string }) => void;
}
interface ModalOptions {
  title: string;
  content: string;
  showCancel: boolean;
  complete: () => void;
}
interface FakeWx {
  requestPayment: (options: PaymentOptions) => void;
  reLaunch: (options: { url: string }) => void;
  showModal: (options: ModalOptions) => void;
}
interface PageState {
  state: string;
  message: string;
  canRetry: boolean;
}
interface PayFlow {
  parseOrderId(raw: unknown): number | null;
  payOrder(orderId: number, deps: { wx: FakeWx; request: Request }): Promise<PayResult>;
  orderPagePath(orderId: number, outcome?: string): string;
  returnToOrder(wx: FakeWx, orderId: number, outcome?: string): void;
  finish(wx: FakeWx, orderId: number, result: PayResult): PageState | null;
}

function loadPayFlow(): PayFlow {
  const module = { exports: {} as unknown };
  new Function('module', 'exports', source)(module, module.exports);
  return module.exports as PayFlow;
}
const payFlow = loadPayFlow();

const PARAMS = {
  timeStamp: '1764400000',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx2911223344',
  signType: 'RSA',
  paySign: 'c2lnbmF0dXJl',
};

/** The server's PaymentStart for order 42 (real merchant unless `simulated`). */
function paymentStart(overrides: Record<string, unknown> = {}) {
  return {
    mode: 'wechat',
    channel: 'miniprogram',
    simulated: false,
    orderId: 42,
    orderNo: 'QD202611290001',
    totalFen: 12_800,
    expiresAt: '2026-11-29T12:30:00.000Z',
    params: { ...PARAMS, appId: 'wx1234567890abcdef' },
    ...overrides,
  };
}

/** A wx whose requestPayment answers as told, recording what it was given. */
function fakeWx(answer: 'success' | 'requestPayment:fail cancel' | 'requestPayment:fail') {
  const payments: Omit<PaymentOptions, 'success' | 'fail'>[] = [];
  const launched: string[] = [];
  const modals: Omit<ModalOptions, 'complete'>[] = [];
  const wx: FakeWx = {
    requestPayment: ({ success, fail, ...params }) => {
      payments.push(params);
      if (answer === 'success') success();
      else fail({ errMsg: answer });
    },
    reLaunch: ({ url }) => launched.push(url),
    // The customer taps the only button at once.
    showModal: ({ complete, ...shown }) => {
      modals.push(shown);
      complete();
    },
  };
  return { wx, payments, launched, modals };
}

function answering(result: RequestResult | Error) {
  const calls: { method: string; path: string; data: unknown }[] = [];
  const request: Request = (method, path, data) => {
    calls.push({ method, path, data });
    return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
  };
  return { request, calls };
}

describe('mini-program pay flow', () => {
  it('should ask the API for the parameters and pass exactly them to wx.requestPayment', async () => {
    const { wx, payments } = fakeWx('success');
    const { request, calls } = answering({ statusCode: 200, data: paymentStart() });
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toEqual({ outcome: 'ok' });
    expect(calls).toEqual([{ method: 'POST', path: '/api/orders/42/pay', data: { channel: 'miniprogram' } }]);
    expect(payments).toEqual([PARAMS]);
  });

  it('should tell a cancel from a failure', async () => {
    const cancelled = fakeWx('requestPayment:fail cancel');
    const failed = fakeWx('requestPayment:fail');
    const { request } = answering({ statusCode: 200, data: paymentStart() });
    await expect(payFlow.payOrder(42, { wx: cancelled.wx, request })).resolves.toEqual({ outcome: 'cancel' });
    await expect(payFlow.payOrder(42, { wx: failed.wx, request })).resolves.toEqual({ outcome: 'fail' });
  });

  it.each(['ok', 'cancel', 'fail'] as const)('should return to the order page saying %s, for the server to confirm', (outcome) => {
    const { wx, launched } = fakeWx('success');
    expect(payFlow.finish(wx, 42, { outcome })).toBeNull();
    expect(launched).toEqual([`/pages/index/index?path=${encodeURIComponent(`/me/orders/42?payResult=${outcome}`)}`]);
  });

  it('should not open WeChat Pay for a simulated trade, and say so before returning', async () => {
    const { wx, payments, modals, launched } = fakeWx('success');
    const { request } = answering({ statusCode: 200, data: paymentStart({ simulated: true }) });
    const result = await payFlow.payOrder(42, { wx, request });
    expect(result).toMatchObject({ outcome: 'demo', message: expect.stringContaining('演示模式') });
    expect(payments).toHaveLength(0);

    expect(payFlow.finish(wx, 42, result)).toMatchObject({ state: 'demo', canRetry: false });
    expect(modals).toEqual([expect.objectContaining({ title: '演示模式', showCancel: false })]);
    expect(launched).toEqual(['/pages/index/index?path=%2Fme%2Forders%2F42']);
  });

  it('should explain a closed order in Chinese and not offer to retry', async () => {
    const { wx, payments, launched } = fakeWx('success');
    const { request } = answering({
      statusCode: 409,
      data: { error: { code: 'INVALID_STATE', message: '当前状态不允许此操作' } },
    });
    const result = await payFlow.payOrder(42, { wx, request });
    expect(result).toEqual({
      outcome: 'error',
      message: '订单已支付、已取消或已超时，请返回订单查看',
      canRetry: false,
    });
    expect(payments).toHaveLength(0);
    expect(payFlow.finish(wx, 42, result)).toEqual({ state: 'failed', message: '订单已支付、已取消或已超时，请返回订单查看', canRetry: false });
    expect(launched).toHaveLength(0);
  });

  it("should show the server's own message for other errors", async () => {
    const { wx } = fakeWx('success');
    const { request } = answering({
      statusCode: 409,
      data: { error: { code: 'WECHAT_IDENTITY_REQUIRED', message: '请先用微信登录后再支付' } },
    });
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toEqual({
      outcome: 'error',
      message: '请先用微信登录后再支付',
      canRetry: false,
    });
  });

  it('should offer a retry when WeChat Pay is busy', async () => {
    const { wx } = fakeWx('success');
    const { request } = answering({
      statusCode: 503,
      data: { error: { code: 'PAYMENT_PROVIDER_UNAVAILABLE', message: '微信支付暂时不可用，请稍后再试' } },
    });
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toEqual({
      outcome: 'error',
      message: '微信支付暂时不可用，请稍后再试',
      canRetry: true,
    });
  });

  it('should say the login expired when the server still refuses it after logging in again', async () => {
    const { wx, payments } = fakeWx('success');
    const bare = answering({ statusCode: 401, data: '' });
    await expect(payFlow.payOrder(42, { wx, request: bare.request })).resolves.toEqual({
      outcome: 'error',
      message: '登录已失效，请返回重试',
      canRetry: true,
    });
    const coded = answering({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } });
    await expect(payFlow.payOrder(42, { wx, request: coded.request })).resolves.toMatchObject({ outcome: 'error', message: '请先登录' });
    expect(payments).toHaveLength(0);
  });

  it('should offer a retry when the network is down', async () => {
    const { wx } = fakeWx('success');
    const { request } = answering(new Error('request:fail timeout'));
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toEqual({
      outcome: 'error',
      message: '网络不通，请检查网络后重试',
      canRetry: true,
    });
  });

  it.each([
    ['incomplete parameters', paymentStart({ params: { ...PARAMS, paySign: '' } })],
    ['no parameters', paymentStart({ params: undefined })],
    ['an unknown mode', paymentStart({ mode: 'demo' })],
    ['no word on simulation', paymentStart({ simulated: undefined })],
    ['a non-JSON body', '<html>502 Bad Gateway</html>'],
    ['an empty body', null],
  ])('should refuse %s rather than call WeChat with them', async (_name, data) => {
    const { wx, payments } = fakeWx('success');
    const { request } = answering({ statusCode: 200, data });
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toEqual({
      outcome: 'error',
      message: '支付没有发起成功，请稍后重试',
      canRetry: true,
    });
    expect(payments).toHaveLength(0);
  });

  it('should reopen the web-view on the order page', () => {
    const { wx, launched } = fakeWx('success');
    payFlow.returnToOrder(wx, 42);
    expect(launched).toEqual(['/pages/index/index?path=%2Fme%2Forders%2F42']);
  });

  it('should accept only positive integer order ids', () => {
    expect(payFlow.parseOrderId('42')).toBe(42);
    for (const raw of [undefined, '', '0', '-1', '4.2', '42/../x', '1e3']) expect(payFlow.parseOrderId(raw)).toBeNull();
  });
});
