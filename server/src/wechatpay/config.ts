import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config-error';

/** Real WeChat Pay; tests and the simulator point WECHATPAY_API_BASE elsewhere. */
export const DEFAULT_WECHATPAY_API_BASE = 'https://api.mch.weixin.qq.com';

/**
 * How WeChat's notifications and responses are verified. Public-key mode is what WeChat gives new
 * merchants (a fixed key with id PUB_KEY_ID_…); older merchants verify with platform certificates,
 * fetched from /v3/certificates at run time (so there is no key to load here).
 */
export type WeChatPayVerification =
  | { mode: 'public_key'; publicKeyId: string; publicKey: KeyObject }
  | { mode: 'platform_certificate' };

export interface WeChatPayConfig {
  mchid: string;
  /** The mini-program's AppID (payer openids for wx.requestPayment belong to it). */
  appId: string;
  /** The official account's AppID, for getBrandWCPayRequest in the WeChat browser; optional. */
  mpAppId: string | null;
  /** Merchant API certificate serial, upper-case hex as WeChat prints it. */
  merchantSerial: string;
  privateKey: KeyObject;
  /** The same key as PEM bytes: wechatpay-node-v3 signs with a Buffer, not a KeyObject. */
  privateKeyPem: Buffer;
  /** The merchant certificate when given; wechatpay-node-v3's constructor insists on one. */
  merchantCertificatePem: Buffer | null;
  /** 32 characters, the AES-256-GCM key of notifications and /v3/certificates. */
  apiV3Key: string;
  verification: WeChatPayVerification;
  /** Without a trailing slash. */
  apiBase: string;
  notifyUrl: string;
  refundNotifyUrl: string;
}

/**
 * The settings that only mean something for a real merchant: any of them without the rest is a
 * half-done setup, which must refuse to start rather than silently fall back to the simulator.
 * WECHATPAY_API_BASE and PUBLIC_BASE_URL are not among them: they have other uses and a default.
 */
const MERCHANT_SETTINGS = [
  'WECHATPAY_MCHID',
  'WECHATPAY_APPID',
  'WECHATPAY_MP_APPID',
  'WECHATPAY_MERCHANT_SERIAL',
  'WECHATPAY_PRIVATE_KEY',
  'WECHATPAY_MERCHANT_CERT',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_PUBLIC_KEY',
  'WECHATPAY_PUBLIC_KEY_ID',
] as const;

function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function readPem(name: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new ConfigError(`${name} 指向的文件 ${path} 无法读取`);
  }
}

function loadPrivateKey(path: string): { key: KeyObject; pem: Buffer } {
  const pem = readPem('WECHATPAY_PRIVATE_KEY', path);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConfigError(`WECHATPAY_PRIVATE_KEY（${path}）不是有效的 PEM 私钥`);
  }
  // WeChat Pay v3 signs with RSA-2048 only (the scheme is literally WECHATPAY2-SHA256-RSA2048).
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new ConfigError(`WECHATPAY_PRIVATE_KEY（${path}）必须是至少 2048 位的 RSA 私钥`);
  }
  return { key, pem };
}

function loadCertificateSerial(path: string): { serial: string; pem: Buffer } {
  const pem = readPem('WECHATPAY_MERCHANT_CERT', path);
  try {
    return { serial: new X509Certificate(pem).serialNumber.toUpperCase(), pem };
  } catch {
    throw new ConfigError(`WECHATPAY_MERCHANT_CERT（${path}）不是有效的 PEM 证书`);
  }
}

function loadPublicKey(path: string): KeyObject {
  const pem = readPem('WECHATPAY_PUBLIC_KEY', path);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new ConfigError(`WECHATPAY_PUBLIC_KEY（${path}）不是有效的 PEM 公钥`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new ConfigError(`WECHATPAY_PUBLIC_KEY（${path}）必须是 RSA 公钥`);
  return key;
}

function appIdFrom(name: string, value: string): string {
  if (!/^wx[0-9a-f]{16}$/.test(value)) throw new ConfigError(`${name} 应为 wx 开头的 18 位 AppID`);
  return value;
}

function apiV3KeyFrom(value: string): string {
  // AES-256 needs exactly 32 bytes; a multi-byte character would make 32 characters longer than that.
  if (value.length !== 32 || Buffer.byteLength(value, 'utf8') !== 32) {
    throw new ConfigError(`WECHATPAY_APIV3_KEY 必须恰好是 32 个英文字母或数字，当前为 ${value.length} 个字符`);
  }
  return value;
}

function urlFrom(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} 不是有效的网址：${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`${name} 必须以 https:// 开头`);
  return url;
}

/**
 * WeChat only calls HTTPS notify URLs, so with real WeChat (or NODE_ENV=production) an http://
 * PUBLIC_BASE_URL would lose every notification; only a local simulator may use http.
 */
function publicBaseFrom(env: NodeJS.ProcessEnv, apiBase: string): string {
  const raw = setting(env, 'PUBLIC_BASE_URL');
  if (!raw) throw new ConfigError('配置了微信支付时必须设置 PUBLIC_BASE_URL（用于生成 https 支付通知地址）');
  const url = urlFrom('PUBLIC_BASE_URL', raw);
  if (url.search || url.hash) throw new ConfigError('PUBLIC_BASE_URL 不能带查询参数或 #');
  const productionLike = env.NODE_ENV === 'production' || apiBase === DEFAULT_WECHATPAY_API_BASE;
  if (productionLike && url.protocol !== 'https:') {
    throw new ConfigError('PUBLIC_BASE_URL 必须以 https:// 开头：微信支付只向 https 地址发送支付通知');
  }
  return url.href.replace(/\/+$/, '');
}

function verificationFrom(env: NodeJS.ProcessEnv): WeChatPayVerification {
  const path = setting(env, 'WECHATPAY_PUBLIC_KEY');
  const id = setting(env, 'WECHATPAY_PUBLIC_KEY_ID');
  if (!path && !id) return { mode: 'platform_certificate' };
  if (!path || !id) throw new ConfigError('WECHATPAY_PUBLIC_KEY 和 WECHATPAY_PUBLIC_KEY_ID 必须同时设置（微信支付公钥模式）');
  if (!/^PUB_KEY_ID_[0-9A-Za-z_]+$/.test(id)) throw new ConfigError('WECHATPAY_PUBLIC_KEY_ID 应形如 PUB_KEY_ID_0112…');
  return { mode: 'public_key', publicKeyId: id, publicKey: loadPublicKey(path) };
}

/**
 * Reads WeChat Pay from the environment. No WECHATPAY_MCHID and no other merchant setting: null,
 * demo mode (the built-in simulator). Anything half-configured, a key file that does not parse or
 * an APIv3 key of the wrong length throws ConfigError, so the shop refuses to start instead of
 * failing at the first payment.
 */
export function wechatPayConfigFromEnv(env: NodeJS.ProcessEnv): WeChatPayConfig | null {
  const present = MERCHANT_SETTINGS.filter((name) => setting(env, name) !== undefined);
  if (present.length === 0) return null;

  const serialSetting = setting(env, 'WECHATPAY_MERCHANT_SERIAL');
  const certPath = setting(env, 'WECHATPAY_MERCHANT_CERT');
  const missing: string[] = (['WECHATPAY_MCHID', 'WECHATPAY_APPID', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY'] as const).filter(
    (name) => setting(env, name) === undefined,
  );
  if (!serialSetting && !certPath) missing.push('WECHATPAY_MERCHANT_SERIAL（或 WECHATPAY_MERCHANT_CERT）');
  if (missing.length > 0) {
    throw new ConfigError(`微信支付配置不完整，缺少：${missing.join('、')}（已设置：${present.join('、')}）`);
  }

  const mchid = setting(env, 'WECHATPAY_MCHID') as string;
  if (!/^[0-9]{6,32}$/.test(mchid)) throw new ConfigError('WECHATPAY_MCHID 应为微信支付商户号（纯数字）');
  const appId = appIdFrom('WECHATPAY_APPID', setting(env, 'WECHATPAY_APPID') as string);
  const mpAppIdSetting = setting(env, 'WECHATPAY_MP_APPID');
  const mpAppId = mpAppIdSetting ? appIdFrom('WECHATPAY_MP_APPID', mpAppIdSetting) : null;
  const apiV3Key = apiV3KeyFrom(setting(env, 'WECHATPAY_APIV3_KEY') as string);

  if (serialSetting && !/^[0-9A-Fa-f]{8,64}$/.test(serialSetting)) {
    throw new ConfigError('WECHATPAY_MERCHANT_SERIAL 应为商户 API 证书序列号（十六进制）');
  }
  const certificate = certPath ? loadCertificateSerial(certPath) : null;
  // Both given and different means the wrong certificate or serial: every call would fail with 401.
  if (serialSetting && certificate && serialSetting.toUpperCase() !== certificate.serial) {
    throw new ConfigError(`WECHATPAY_MERCHANT_SERIAL 与 WECHATPAY_MERCHANT_CERT 的序列号（${certificate.serial}）不一致`);
  }
  const merchantSerial = serialSetting?.toUpperCase() ?? (certificate as { serial: string }).serial;
  const privateKey = loadPrivateKey(setting(env, 'WECHATPAY_PRIVATE_KEY') as string);

  const apiBaseRaw = setting(env, 'WECHATPAY_API_BASE') ?? DEFAULT_WECHATPAY_API_BASE;
  const apiBase = urlFrom('WECHATPAY_API_BASE', apiBaseRaw).href.replace(/\/+$/, '');
  const publicBase = publicBaseFrom(env, apiBase);

  return {
    mchid,
    appId,
    mpAppId,
    merchantSerial,
    privateKey: privateKey.key,
    privateKeyPem: privateKey.pem,
    merchantCertificatePem: certificate?.pem ?? null,
    apiV3Key,
    verification: verificationFrom(env),
    apiBase,
    notifyUrl: `${publicBase}/api/pay/wechat/notify`,
    refundNotifyUrl: `${publicBase}/api/pay/wechat/refund-notify`,
  };
}
