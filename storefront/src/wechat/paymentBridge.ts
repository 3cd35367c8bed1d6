/**
 * Handing a payment over to WeChat from the storefront.
 *
 * A web-view page cannot pay: inside the mini-program it navigates to the shell's native pay
 * page, which calls `wx.requestPayment`. In the WeChat browser the page calls
 * `WeixinJSBridge.invoke('getBrandWCPayRequest', …)` itself. With no merchant configured the
 * server runs in demo mode and the shop shows its own 模拟支付 sheet; anywhere else paying is
 * impossible and the customer is told to open the shop in WeChat.
 *
 * The client's answer is never the truth: a callback can say "ok" for a payment that WeChat
 * later reports as failed, or "fail" after the money moved (network, app killed). Whatever the
 * callback says, the caller MUST re-read the order's payment state from the server
 * (`GET /api/orders/:id/payment`, or the order itself) before telling the customer anything
 * definite. Every result here carries `mustConfirmWithServer: true` to make that explicit.
 * `orders/usePayment.ts` chooses the route and does that re-read for the order pages.
 */
import { detectWeChatEnv, type EnvProbe } from './env';
import { loadMiniProgramApi, type MiniProgramApi } from './miniProgramBridge';

export type PaymentRoute = 'miniprogram' | 'jsapi' | 'demo' | 'unsupported';

/** Shown when the shop is opened outside WeChat and the server is not in demo mode. */
export const OPEN_IN_WECHAT_MESSAGE = '请在微信中打开商城完成支付';

export interface PaymentEnv extends EnvProbe {
  /** The server said it runs the built-in simulator (no merchant configured). */
  demoMode: boolean;
}

/** Demo mode wins everywhere: without a merchant neither WeChat route can succeed. */
export function choosePaymentRoute(env: PaymentEnv): PaymentRoute {
  if (env.demoMode) return 'demo';
  const where = detectWeChatEnv(env);
  if (where === 'miniprogram') return 'miniprogram';
  if (where === 'wechat') return 'jsapi';
  return 'unsupported';
}

/**
 * What the client side saw. 'handed_off': the native pay page took over (the mini-program
 * reopens the order page when done). Never final: see the module comment.
 */
export interface PaymentHandOff {
  clientSays: 'ok' | 'cancel' | 'fail' | 'handed_off';
  mustConfirmWithServer: true;
}

/** The shell's native pay page (storefront/miniprogram/pages/pay). */
export const MINIPROGRAM_PAY_PAGE = '/pages/pay/index';

export interface MiniProgramPayDeps {
  loadApi: () => Promise<MiniProgramApi>;
}

export function miniProgramPayUrl(orderId: number): string {
  return `${MINIPROGRAM_PAY_PAGE}?orderId=${encodeURIComponent(String(orderId))}`;
}

export async function payInMiniProgram(
  orderId: number,
  deps: MiniProgramPayDeps = { loadApi: loadMiniProgramApi },
): Promise<PaymentHandOff> {
  const api = await deps.loadApi();
  await new Promise<void>((resolve, reject) => {
    api.navigateTo({
      url: miniProgramPayUrl(orderId),
      success: () => resolve(),
      fail: () => reject(new Error('无法打开小程序支付页，请稍后重试')),
    });
  });
  return { clientSays: 'handed_off', mustConfirmWithServer: true };
}

/** The parameters the server signs for a JSAPI payment (`paySign` covers the first four lines). */
export interface BrandWCPayRequest {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

interface BrandWCPayResponse {
  err_msg?: string;
}

export interface WeixinJSBridgeApi {
  invoke(name: 'getBrandWCPayRequest', args: BrandWCPayRequest, callback: (res: BrandWCPayResponse) => void): void;
}

/** The parts of `window` used here, so tests pass a small fake. */
export interface WeChatBrowserHost {
  WeixinJSBridge?: WeixinJSBridgeApi;
  document: Pick<Document, 'addEventListener' | 'removeEventListener'>;
}

declare global {
  interface Window {
    WeixinJSBridge?: WeixinJSBridgeApi;
  }
}

export interface WeChatBrowserPayDeps {
  host: WeChatBrowserHost;
  /** How long to wait for WeixinJSBridgeReady before giving up. */
  readyTimeoutMs: number;
}

const BRIDGE_READY_TIMEOUT_MS = 10_000;

/** WeixinJSBridge is injected after the page starts; it announces itself with WeixinJSBridgeReady. */
function whenBridgeReady(host: WeChatBrowserHost, timeoutMs: number): Promise<WeixinJSBridgeApi> {
  const ready = host.WeixinJSBridge;
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      host.document.removeEventListener('WeixinJSBridgeReady', onReady);
      const bridge = host.WeixinJSBridge;
      if (bridge) resolve(bridge);
      else reject(new Error('微信支付暂时不可用，请稍后重试'));
    };
    const timer = setTimeout(() => {
      host.document.removeEventListener('WeixinJSBridgeReady', onReady);
      reject(new Error('微信支付暂时不可用，请稍后重试'));
    }, timeoutMs);
    host.document.addEventListener('WeixinJSBridgeReady', onReady);
  });
}

/** `get_brand_wcpay_request:ok` / `:cancel` / `:fail…`; anything unrecognised counts as a failure. */
export function clientOutcome(errMsg: string | undefined): 'ok' | 'cancel' | 'fail' {
  if (errMsg === 'get_brand_wcpay_request:ok') return 'ok';
  if (errMsg === 'get_brand_wcpay_request:cancel') return 'cancel';
  return 'fail';
}

export async function payInWeChatBrowser(
  params: BrandWCPayRequest,
  deps: WeChatBrowserPayDeps = { host: window, readyTimeoutMs: BRIDGE_READY_TIMEOUT_MS },
): Promise<PaymentHandOff> {
  const bridge = await whenBridgeReady(deps.host, deps.readyTimeoutMs);
  // Only the documented fields go to WeChat, whatever else the server's answer carries.
  const { appId, timeStamp, nonceStr, signType, paySign } = params;
  const request: BrandWCPayRequest = { appId, timeStamp, nonceStr, package: params.package, signType, paySign };
  const clientSays = await new Promise<'ok' | 'cancel' | 'fail'>((resolve) => {
    bridge.invoke('getBrandWCPayRequest', request, (res) => resolve(clientOutcome(res?.err_msg)));
  });
  return { clientSays, mustConfirmWithServer: true };
}
