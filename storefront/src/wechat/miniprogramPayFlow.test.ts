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
interface FakeWx {
  requestPayment: (options: PaymentOptions) => void;
  reLaunch: (options: { url: string }) => void;
}
interface PayFlow {
  parseOrderId(raw: unknown): number | null;
  payOrder(orderId: number, deps: { wx: FakeWx; request: Request }): Promise<PayResult>;
  orderPagePath(orderId: number): string;
  returnToOrder(wx: FakeWx, orderId: number): void;
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

/** A wx whose requestPayment answers as told, recording what it was given. */
function fakeWx(answer: 'success' | 'requestPayment:fail cancel' | 'requestPayment:fail') {
  const payments: Omit<PaymentOptions, 'success' | 'fail'>[] = [];
  const launched: string[] = [];
  const wx: FakeWx = {
    requestPayment: ({ success, fail, ...params }) => {
      payments.push(params);
      if (answer === 'success') success();
      else fail({ errMsg: answer });
    },
    reLaunch: ({ url }) => launched.push(url),
  };
  return { wx, payments, launched };
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
    const { request, calls } = answering({ statusCode: 200, data: { mode: 'wechat', params: { ...PARAMS, appId: 'wx1' } } });
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toEqual({ outcome: 'ok' });
    expect(calls).toEqual([{ method: 'POST', path: '/api/orders/42/pay', data: { channel: 'miniprogram' } }]);
    expect(payments).toEqual([PARAMS]);
  });

  it('should tell a cancel from a failure', async () => {
    const cancelled = fakeWx('requestPayment:fail cancel');
    const failed = fakeWx('requestPayment:fail');
    const { request } = answering({ statusCode: 200, data: { mode: 'wechat', params: PARAMS } });
    await expect(payFlow.payOrder(42, { wx: cancelled.wx, request })).resolves.toEqual({ outcome: 'cancel' });
    await expect(payFlow.payOrder(42, { wx: failed.wx, request })).resolves.toEqual({ outcome: 'fail' });
  });

  it('should not open WeChat Pay when the server ran the demo payment', async () => {
    const { wx, payments } = fakeWx('success');
    const { request } = answering({ statusCode: 200, data: { mode: 'demo', order: { id: 42 } } });
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toEqual({ outcome: 'demo' });
    expect(payments).toHaveLength(0);
  });

  it('should explain a closed order in Chinese and not offer to retry', async () => {
    const { wx, payments } = fakeWx('success');
    const { request } = answering({
      statusCode: 409,
      data: { error: { code: 'INVALID_STATE', message: '当前状态不允许此操作' } },
    });
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toEqual({
      outcome: 'error',
      message: '订单已支付、已取消或已超时，请返回订单查看',
      canRetry: false,
    });
    expect(payments).toHaveLength(0);
  });

  it("should show the server's own message for other errors", async () => {
    const { wx } = fakeWx('success');
    const { request } = answering({
      statusCode: 409,
      data: { error: { code: 'PAYMENT_UNAVAILABLE', message: '当前未开放此支付方式' } },
    });
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toMatchObject({
      outcome: 'error',
      message: '当前未开放此支付方式',
    });
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

  it('should refuse incomplete parameters rather than call WeChat with them', async () => {
    const { wx, payments } = fakeWx('success');
    const { request } = answering({ statusCode: 200, data: { mode: 'wechat', params: { ...PARAMS, paySign: '' } } });
    await expect(payFlow.payOrder(42, { wx, request })).resolves.toMatchObject({ outcome: 'error', canRetry: true });
    expect(payments).toHaveLength(0);
  });

  it('should reopen the web-view on the order page', () => {
    const { wx, launched } = fakeWx('success');
    payFlow.returnToOrder(wx, 42);
    expect(launched).toEqual(['/pages/webview/index?path=%2Fme%2Forders%2F42']);
  });

  it('should accept only positive integer order ids', () => {
    expect(payFlow.parseOrderId('42')).toBe(42);
    for (const raw of [undefined, '', '0', '-1', '4.2', '42/../x', '1e3']) expect(payFlow.parseOrderId(raw)).toBeNull();
  });
});
