import { dbConfigFromEnv, type DbConfig } from '@qiaodu/db';
import type { Level } from 'pino';
import { DEFAULT_LOGIN_RATE_LIMIT_PER_MINUTE } from './auth/rate-limit';
import { ConfigError } from './config-error';
import { PRICE_FEN_MAX } from '@qiaodu/shared';
import { DEFAULT_ORDER_SETTINGS, type OrderSettings } from './orders/settings';
import { isDemoMode, wechatConfigFromEnv, type WeChatConfig } from './wechat/config';
import { wechatPayConfigFromEnv, type WeChatPayConfig } from './wechatpay/config';

export interface ServerConfig {
  port: number;
  host: string;
  db: DbConfig;
  logLevel: Level | 'silent';
  /** Seed the demo catalog when the database has none. */
  demoSeed: boolean;
  /** Cache catalog reads in process (invalidated by database notifications). */
  catalogCache: boolean;
  /** Cache who each bearer token belongs to in process (invalidated by database notifications). */
  sessionCache: boolean;
  /** Trust X-Forwarded-* from a load balancer in front. */
  trustProxy: boolean;
  /** How many proxies of ours append to X-Forwarded-For; only their entries are believed. */
  proxyHops: number;
  /** The built storefront to serve from this port; null serves the API only. */
  storefrontDist: string | null;
  wechat: WeChatConfig;
  /**
   * The merchant's WeChat Pay (WECHATPAY_*, PUBLIC_BASE_URL); null without one: a demo shop pays
   * through the built-in simulator, a shop with WeChat login cannot take payment.
   */
  wechatPay: WeChatPayConfig | null;
  /** Browser origins allowed to call the API cross-origin (CORS); empty: same origin only. */
  corsOrigins: string[];
  /** Login attempts per client address per minute, across all API processes. */
  loginRateLimitPerMinute: number;
  /** Pay timeout, auto-completion, shipping fees and the refund threshold (README lists them). */
  orders: OrderSettings;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
}

/** STOREFRONT_DIST=none serves the API only (the dev server serves the pages then). */
function storefrontDistFrom(value: string | undefined, fallback: string | null): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return fallback;
  return trimmed === 'none' ? null : trimmed;
}

export { ConfigError };

/** CORS_ORIGINS=https://a.example,https://b.example — exact origins, no wildcards. */
function corsOriginsFrom(value: string | undefined): string[] {
  const origins = (value ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) throw new ConfigError(`CORS_ORIGINS 中的 ${origin} 不是形如 https://shop.example.cn 的来源`);
  }
  return origins;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^[0-9]+$/.test(raw) || value < min || value > max) throw new ConfigError(`${name} 必须是 ${min}–${max} 的整数，当前为 ${raw}`);
  return value;
}

function orderSettingsFrom(env: NodeJS.ProcessEnv): OrderSettings {
  const d = DEFAULT_ORDER_SETTINGS;
  return {
    payTimeoutMinutes: wholeNumber(env, 'ORDER_PAY_TIMEOUT_MINUTES', d.payTimeoutMinutes, 1, 24 * 60),
    autoCompleteDays: wholeNumber(env, 'ORDER_AUTO_COMPLETE_DAYS', d.autoCompleteDays, 1, 60),
    shipping: {
      freeAboveFen: wholeNumber(env, 'SHIPPING_FREE_ABOVE_FEN', d.shipping.freeAboveFen, 0, PRICE_FEN_MAX),
      flatFeeFen: wholeNumber(env, 'SHIPPING_FLAT_FEE_FEN', d.shipping.flatFeeFen, 0, 100_000),
    },
    refundTeacherAboveFen: wholeNumber(env, 'REFUND_TEACHER_APPROVAL_ABOVE_FEN', d.refundTeacherAboveFen, 0, PRICE_FEN_MAX),
    jobIntervalSeconds: wholeNumber(env, 'ORDER_JOB_INTERVAL_SECONDS', d.jobIntervalSeconds, 1, 3600),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} 必须是正整数，当前为 ${raw}`);
  return value;
}

export function loadServerConfig(env: NodeJS.ProcessEnv, defaults: { storefrontDist: string | null }): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT 必须是 0–65535 的整数，当前为 ${env.PORT}`);
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as ServerConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL 必须是 ${LOG_LEVELS.join('/')} 之一`);
  }
  const wechat = wechatConfigFromEnv(env);
  if (env.NODE_ENV === 'production' && isDemoMode(wechat)) {
    throw new ConfigError('NODE_ENV=production 时必须配置微信登录（WECHAT_APPID/WECHAT_SECRET 或 WECHAT_MP_APPID/WECHAT_MP_SECRET）：演示模式任何人都能以管理员登录');
  }
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    db: dbConfigFromEnv(env),
    logLevel,
    demoSeed: flag(env.DEMO_SEED, true),
    catalogCache: flag(env.CATALOG_CACHE, true),
    sessionCache: flag(env.SESSION_CACHE, true),
    trustProxy: flag(env.TRUST_PROXY, false),
    proxyHops: positiveInteger(env, 'PROXY_HOPS', 1),
    storefrontDist: storefrontDistFrom(env.STOREFRONT_DIST, defaults.storefrontDist),
    wechat,
    wechatPay: wechatPayConfigFromEnv(env),
    corsOrigins: corsOriginsFrom(env.CORS_ORIGINS),
    loginRateLimitPerMinute: positiveInteger(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', DEFAULT_LOGIN_RATE_LIMIT_PER_MINUTE),
    orders: orderSettingsFrom(env),
  };
}
