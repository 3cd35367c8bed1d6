import { describe, expect, it } from 'vitest';
import { ANDROID_MINIPROGRAM, ANDROID_WECHAT, IOS_SAFARI, JSAPI_PARAMS as PARAMS } from '../testing/wechat';
import type { MiniProgramApi } from './miniProgramBridge';
import {
  choosePaymentRoute,
  payInMiniProgram,
  payInWeChatBrowser,
  type BrandWCPayRequest,
  type WeChatBrowserHost,
  type WeixinJSBridgeApi,
} from './paymentBridge';

describe('choosePaymentRoute', () => {
  it('should hand off to the native pay page inside the mini-program web-view', () => {
    expect(choosePaymentRoute({ userAgent: ANDROID_MINIPROGRAM, demoMode: false })).toBe('miniprogram');
    expect(choosePaymentRoute({ userAgent: ANDROID_WECHAT, wxjsEnvironment: 'miniprogram', demoMode: false })).toBe('miniprogram');
  });

  it('should pay with JSAPI in the WeChat browser', () => {
    expect(choosePaymentRoute({ userAgent: ANDROID_WECHAT, demoMode: false })).toBe('jsapi');
  });

  it('should use the simulator everywhere when the server is in demo mode', () => {
    expect(choosePaymentRoute({ userAgent: ANDROID_MINIPROGRAM, demoMode: true })).toBe('demo');
    expect(choosePaymentRoute({ userAgent: IOS_SAFARI, demoMode: true })).toBe('demo');
  });

  it('should refuse outside WeChat', () => {
    expect(choosePaymentRoute({ userAgent: IOS_SAFARI, demoMode: false })).toBe('unsupported');
  });
});

function fakeMiniProgram(result: 'success' | 'fail') {
  const urls: string[] = [];
  const api: MiniProgramApi = {
    reLaunch: () => undefined,
    navigateTo: (options) => {
      urls.push(options.url);
      if (result === 'success') options.success?.();
      else options.fail?.(new Error('navigateTo:fail'));
    },
  };
  return { urls, deps: { loadApi: () => Promise.resolve(api) } };
}

describe('payInMiniProgram', () => {
  it('should open the native pay page with the order id and ask the caller to confirm with the server', async () => {
    const { urls, deps } = fakeMiniProgram('success');
    await expect(payInMiniProgram(42, deps)).resolves.toEqual({ clientSays: 'handed_off', mustConfirmWithServer: true });
    expect(urls).toEqual(['/pages/pay/index?orderId=42']);
  });

  it('should fail with a Chinese message when the page cannot be opened', async () => {
    const { deps } = fakeMiniProgram('fail');
    await expect(payInMiniProgram(42, deps)).rejects.toThrow('无法打开小程序支付页');
  });
});

/** A document that only keeps listeners, and a bridge that answers with `errMsg`. */
function fakeBrowser(errMsg: string | undefined, bridgeFromStart: boolean) {
  const listeners = new Map<string, () => void>();
  const calls: { name: string; args: BrandWCPayRequest }[] = [];
  const bridge: WeixinJSBridgeApi = {
    invoke: (name, args, callback) => {
      calls.push({ name, args });
      callback(errMsg === undefined ? {} : { err_msg: errMsg });
    },
  };
  const document = {
    addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
    removeEventListener: (type: string) => listeners.delete(type),
  } as unknown as WeChatBrowserHost['document'];
  const host: WeChatBrowserHost = { document, ...(bridgeFromStart ? { WeixinJSBridge: bridge } : {}) };
  const announce = () => {
    host.WeixinJSBridge = bridge;
    listeners.get('WeixinJSBridgeReady')?.();
  };
  return { host, calls, listeners, announce };
}

describe('payInWeChatBrowser', () => {
  it.each([
    ['get_brand_wcpay_request:ok', 'ok'],
    ['get_brand_wcpay_request:cancel', 'cancel'],
    ['get_brand_wcpay_request:fail', 'fail'],
    ['get_brand_wcpay_request:fail_no_permission', 'fail'],
    [undefined, 'fail'],
  ] as const)('should report %s as %s, never as final', async (errMsg, clientSays) => {
    const { host } = fakeBrowser(errMsg, true);
    await expect(payInWeChatBrowser(PARAMS, { host, readyTimeoutMs: 1_000 })).resolves.toEqual({
      clientSays,
      mustConfirmWithServer: true,
    });
  });

  it('should send exactly the signed parameters to getBrandWCPayRequest', async () => {
    const { host, calls } = fakeBrowser('get_brand_wcpay_request:ok', true);
    await payInWeChatBrowser({ ...PARAMS, extra: 'x' } as BrandWCPayRequest, { host, readyTimeoutMs: 1_000 });
    expect(calls).toEqual([{ name: 'getBrandWCPayRequest', args: PARAMS }]);
  });

  it('should wait for WeixinJSBridgeReady when the bridge is not there yet', async () => {
    const { host, calls, listeners, announce } = fakeBrowser('get_brand_wcpay_request:ok', false);
    const paying = payInWeChatBrowser(PARAMS, { host, readyTimeoutMs: 1_000 });
    expect(calls).toHaveLength(0);
    announce();
    await expect(paying).resolves.toEqual({ clientSays: 'ok', mustConfirmWithServer: true });
    expect(calls).toHaveLength(1);
    expect(listeners.size).toBe(0);
  });

  it('should give up with a Chinese message when the bridge never comes', async () => {
    const { host, listeners } = fakeBrowser('get_brand_wcpay_request:ok', false);
    await expect(payInWeChatBrowser(PARAMS, { host, readyTimeoutMs: 10 })).rejects.toThrow('微信支付暂时不可用');
    expect(listeners.size).toBe(0);
  });
});
