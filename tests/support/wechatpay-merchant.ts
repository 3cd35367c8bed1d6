import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Database } from '@qiaodu/db';
import type { WeChatPayConfig } from '@qiaodu/server/wechatpay/config';
import { selfSignedCertificatePem } from '@qiaodu/server/wechatpay/self-signed-certificate';
import { startApp, type RunningApp } from './test-app';
import { startWeChatPaySimulator, type WeChatPayKeyMode, type WeChatPaySimulator } from './wechatpay-simulator';

/**
 * A WeChat Pay merchant made up for one test run: ids, an RSA key pair and an APIv3 key, and the
 * simulator playing WeChat for it. The shop gets the config main.ts would read from WECHATPAY_*,
 * pointed at the simulator (WECHATPAY_API_BASE) and at a notify address of the test's choosing.
 */
export interface TestMerchant {
  mchid: string;
  /** The mini-program (wx.requestPayment). */
  appId: string;
  /** The official account (getBrandWCPayRequest in the WeChat browser). */
  mpAppId: string;
  apiV3Key: string;
  serial: string;
  privateKey: KeyObject;
  /** What WeChat checks the merchant's signatures with, and a paySign verifies against. */
  publicKey: KeyObject;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export function createTestMerchant(): TestMerchant {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    mchid: `16${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    appId: `wx${hex(8)}`,
    mpAppId: `wx${hex(8)}`,
    apiV3Key: randomBytes(24).toString('base64').slice(0, 32),
    serial: hex(20).toUpperCase(),
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
  };
}

const DAY_MS = 86_400_000;

/** The merchant's certificate (apiclient_cert.pem) for its key pair: self-signed, valid from yesterday for a year. */
export function merchantCertificatePem(merchant: TestMerchant): string {
  return selfSignedCertificatePem({
    privateKey: merchant.privateKey,
    publicKey: merchant.publicKey,
    serialHex: merchant.serial,
    commonName: merchant.mchid,
    notBefore: new Date(Date.now() - DAY_MS),
    notAfter: new Date(Date.now() + 365 * DAY_MS),
  });
}

/** The simulator for this merchant; notifications are retried on a compressed schedule. */
export function startMerchantSimulator(
  merchant: TestMerchant,
  options: { mode?: WeChatPayKeyMode; notifyRetryDelaysMs?: readonly number[]; notifyTimeoutMs?: number } = {},
): Promise<WeChatPaySimulator> {
  return startWeChatPaySimulator({
    mchid: merchant.mchid,
    appIds: [merchant.appId, merchant.mpAppId],
    merchantPublicKey: merchant.publicKey,
    merchantSerial: merchant.serial,
    apiV3Key: merchant.apiV3Key,
    mode: options.mode ?? 'public_key',
    notifyRetryDelaysMs: options.notifyRetryDelaysMs ?? [50, 50, 50],
    notifyTimeoutMs: options.notifyTimeoutMs ?? 4000,
  });
}

/** The shop's WeChatPayConfig for the merchant, talking to `sim`, told to notify `notifyBase`. */
export function merchantConfigFor(merchant: TestMerchant, sim: WeChatPaySimulator, notifyBase: string): WeChatPayConfig {
  return {
    mchid: merchant.mchid,
    appId: merchant.appId,
    mpAppId: merchant.mpAppId,
    merchantSerial: merchant.serial,
    privateKey: merchant.privateKey,
    privateKeyPem: Buffer.from(merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
    merchantCertificatePem: null,
    apiV3Key: merchant.apiV3Key,
    verification:
      sim.mode === 'public_key' ? { mode: 'public_key', publicKeyId: sim.platformKeyId, publicKey: sim.platformPublicKey } : { mode: 'platform_certificate' },
    apiBase: sim.url,
    notifyUrl: `${notifyBase}/api/pay/wechat/notify`,
    refundNotifyUrl: `${notifyBase}/api/pay/wechat/refund-notify`,
  };
}

/** The app over `database`, taking payments as the merchant through `sim` and notified at its own address; no order job timer. */
export function startMerchantApp(database: Database, merchant: TestMerchant, sim: WeChatPaySimulator): Promise<RunningApp> {
  return startApp(database, {
    overrides: { orderJobTimer: false },
    overridesFor: (baseUrl) => ({ wechatPay: merchantConfigFor(merchant, sim, baseUrl) }),
  });
}

/** Nothing listens here: a notify URL WeChat cannot reach (the notification is missed). */
export const UNREACHABLE_NOTIFY_BASE = 'http://127.0.0.1:9';
