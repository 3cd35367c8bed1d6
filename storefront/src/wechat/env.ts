/** Where the storefront runs: the mini-program's web-view, the WeChat browser, or anything else. */
export type WeChatEnv = 'miniprogram' | 'wechat' | 'browser';

export interface EnvProbe {
  userAgent: string;
  /** Set by WeChat inside a mini-program web-view, possibly only after WeixinJSBridgeReady. */
  wxjsEnvironment?: unknown;
}

export function detectWeChatEnv({ userAgent, wxjsEnvironment }: EnvProbe): WeChatEnv {
  if (wxjsEnvironment === 'miniprogram' || /miniProgram/i.test(userAgent)) return 'miniprogram';
  if (/MicroMessenger/i.test(userAgent)) return 'wechat';
  return 'browser';
}

declare global {
  interface Window {
    __wxjs_environment?: string;
  }
}

export function probeWindow(): EnvProbe {
  if (typeof window === 'undefined') return { userAgent: '' };
  return { userAgent: window.navigator.userAgent, wxjsEnvironment: window.__wxjs_environment };
}
