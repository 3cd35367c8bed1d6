/**
 * The web-view talks to its mini-program only through WeChat's JS-SDK (`wx.miniProgram`). It is
 * loaded on demand, from WeChat's own host, only inside the mini-program and only when a page
 * needs it, so it costs the first screen nothing.
 */
const JSSDK_URL = 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js';
const LOAD_TIMEOUT_MS = 8_000;

interface MiniProgramCallbacks {
  success?: () => void;
  fail?: (error: unknown) => void;
}

export interface MiniProgramApi {
  reLaunch(options: { url: string } & MiniProgramCallbacks): void;
  navigateTo(options: { url: string } & MiniProgramCallbacks): void;
}

declare global {
  interface Window {
    wx?: { miniProgram?: MiniProgramApi };
  }
}

let loading: Promise<MiniProgramApi> | null = null;

export function loadMiniProgramApi(): Promise<MiniProgramApi> {
  loading ??= new Promise<MiniProgramApi>((resolve, reject) => {
    const ready = window.wx?.miniProgram;
    if (ready) return resolve(ready);
    const script = document.createElement('script');
    const timer = window.setTimeout(() => fail(), LOAD_TIMEOUT_MS);
    const fail = () => {
      window.clearTimeout(timer);
      script.remove();
      loading = null;
      reject(new Error('微信 JS-SDK 加载失败'));
    };
    script.src = JSSDK_URL;
    script.async = true;
    script.onload = () => {
      window.clearTimeout(timer);
      const api = window.wx?.miniProgram;
      if (api) resolve(api);
      else fail();
    };
    script.onerror = fail;
    document.head.appendChild(script);
  });
  return loading;
}

/** The shell's login page (storefront/miniprogram/pages/login) logs in and reopens `redirect`. */
export const MINIPROGRAM_LOGIN_PAGE = '/pages/login/index';

/** Hands login to the mini-program: it restarts on its login page, which reopens the shop. */
export async function reLaunchMiniProgramLogin(redirect: string): Promise<void> {
  const api = await loadMiniProgramApi();
  await new Promise<void>((resolve, reject) => {
    api.reLaunch({
      url: `${MINIPROGRAM_LOGIN_PAGE}?redirect=${encodeURIComponent(redirect)}`,
      success: () => resolve(),
      fail: () => reject(new Error('无法打开小程序登录页')),
    });
  });
}
