import { ConfigError } from '../config-error';

export interface WeChatAppCredentials {
  appId: string;
  secret: string;
}

/**
 * WeChat apps the shop logs people in with. No mini-program configured means demo mode:
 * demo personas log in instead, and WeChat is never called.
 */
export interface WeChatConfig {
  /** https://api.weixin.qq.com, or a local simulator in tests. */
  apiBase: string;
  miniProgram: WeChatAppCredentials | null;
  /** The 公众号 whose snsapi_base OAuth logs people in inside the WeChat browser. */
  officialAccount: WeChatAppCredentials | null;
}

export const DEMO_WECHAT_CONFIG: WeChatConfig = {
  apiBase: 'https://api.weixin.qq.com',
  miniProgram: null,
  officialAccount: null,
};

function credentials(env: NodeJS.ProcessEnv, appIdName: string, secretName: string): WeChatAppCredentials | null {
  const appId = env[appIdName]?.trim();
  const secret = env[secretName]?.trim();
  if (!appId && !secret) return null;
  if (!appId || !secret) throw new ConfigError(`${appIdName} 和 ${secretName} 必须同时设置`);
  if (!/^wx[0-9a-f]{16}$/.test(appId)) throw new ConfigError(`${appIdName} 应为 wx 开头的 18 位 AppID`);
  return { appId, secret };
}

export function wechatConfigFromEnv(env: NodeJS.ProcessEnv): WeChatConfig {
  const apiBase = (env.WECHAT_API_BASE?.trim() || DEMO_WECHAT_CONFIG.apiBase).replace(/\/+$/, '');
  try {
    new URL(apiBase);
  } catch {
    throw new ConfigError(`WECHAT_API_BASE 不是有效的网址：${apiBase}`);
  }
  return {
    apiBase,
    miniProgram: credentials(env, 'WECHAT_APPID', 'WECHAT_SECRET'),
    officialAccount: credentials(env, 'WECHAT_MP_APPID', 'WECHAT_MP_SECRET'),
  };
}

/**
 * Demo mode: no WeChat app at all, so demo personas (an admin among them) log in instead.
 * Any WeChat app configured means a real shop, where that door must not exist.
 */
export function isDemoMode(config: WeChatConfig): boolean {
  return config.miniProgram === null && config.officialAccount === null;
}
