import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config-error';
import { wechatPayConfigFromEnv } from './config';
import { selfSignedCertificatePem } from './self-signed-certificate';

// Key files are written per run to a temporary directory and removed afterwards.
const dir = mkdtempSync(join(tmpdir(), 'wechatpay-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const wechat = generateKeyPairSync('rsa', { modulusLength: 2048 });
const SERIAL = '3775B6A45ACD588826D15E583A95F5DD00000000';

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const privateKeyPath = file('apiclient_key.pem', merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
const certPath = file(
  'apiclient_cert.pem',
  selfSignedCertificatePem({ ...merchant, serialHex: SERIAL, commonName: '1900000001', notBefore: new Date('2026-01-01'), notAfter: new Date('2031-01-01') }),
);
const publicKeyPath = file('pub_key.pem', wechat.publicKey.export({ type: 'spki', format: 'pem' }) as string);

const base: NodeJS.ProcessEnv = {
  WECHATPAY_MCHID: '1900000001',
  WECHATPAY_APPID: 'wx0123456789abcdef',
  WECHATPAY_MERCHANT_SERIAL: SERIAL,
  WECHATPAY_PRIVATE_KEY: privateKeyPath,
  WECHATPAY_APIV3_KEY: 'abcdefghijklmnopqrstuvwxyz012345',
  PUBLIC_BASE_URL: 'https://shop.example.cn',
};

const refusal = (env: NodeJS.ProcessEnv): string => {
  try {
    wechatPayConfigFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected ConfigError');
};

describe('wechatPayConfigFromEnv', () => {
  it('should be null (demo mode) without any merchant setting, whatever else is set', () => {
    expect(wechatPayConfigFromEnv({})).toBeNull();
    expect(wechatPayConfigFromEnv({ PUBLIC_BASE_URL: 'http://localhost:3000', WECHATPAY_API_BASE: 'http://127.0.0.1:1', WECHATPAY_MCHID: '  ' })).toBeNull();
  });

  it('should load a platform-certificate merchant with defaults and notify URLs', () => {
    const config = wechatPayConfigFromEnv(base)!;
    expect(config).toMatchObject({
      mchid: '1900000001',
      appId: 'wx0123456789abcdef',
      mpAppId: null,
      merchantSerial: SERIAL,
      merchantCertificatePem: null,
      apiV3Key: 'abcdefghijklmnopqrstuvwxyz012345',
      verification: { mode: 'platform_certificate' },
      apiBase: 'https://api.mch.weixin.qq.com',
      notifyUrl: 'https://shop.example.cn/api/pay/wechat/notify',
      refundNotifyUrl: 'https://shop.example.cn/api/pay/wechat/refund-notify',
    });
    expect(config.privateKey.asymmetricKeyType).toBe('rsa');
    expect(config.privateKeyPem.toString()).toContain('BEGIN PRIVATE KEY');
  });

  it('should load public-key mode, the official account, a simulator API base and a base URL with a path', () => {
    const config = wechatPayConfigFromEnv({
      ...base,
      WECHATPAY_MP_APPID: 'wxfedcba9876543210',
      WECHATPAY_PUBLIC_KEY: publicKeyPath,
      WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0119000000012025112900000000000001',
      WECHATPAY_API_BASE: 'http://127.0.0.1:9999/',
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000/shop/',
    })!;
    expect(config.mpAppId).toBe('wxfedcba9876543210');
    expect(config.verification.mode).toBe('public_key');
    if (config.verification.mode === 'public_key') {
      expect(config.verification.publicKeyId).toBe('PUB_KEY_ID_0119000000012025112900000000000001');
      expect(config.verification.publicKey.equals(wechat.publicKey)).toBe(true);
    }
    expect(config.apiBase).toBe('http://127.0.0.1:9999');
    expect(config.notifyUrl).toBe('http://127.0.0.1:3000/shop/api/pay/wechat/notify');
  });

  it('should derive the serial from the merchant certificate, and refuse a serial that disagrees with it', () => {
    const { WECHATPAY_MERCHANT_SERIAL: _serial, ...withoutSerial } = base;
    const config = wechatPayConfigFromEnv({ ...withoutSerial, WECHATPAY_MERCHANT_CERT: certPath })!;
    expect(config.merchantSerial).toBe(SERIAL);
    expect(config.merchantCertificatePem?.toString()).toContain('BEGIN CERTIFICATE');
    expect(wechatPayConfigFromEnv({ ...base, WECHATPAY_MERCHANT_SERIAL: SERIAL.toLowerCase(), WECHATPAY_MERCHANT_CERT: certPath })!.merchantSerial).toBe(SERIAL);
    expect(refusal({ ...base, WECHATPAY_MERCHANT_SERIAL: 'ABCDEF0123456789', WECHATPAY_MERCHANT_CERT: certPath })).toMatch(/不一致/);
  });

  it('should name what is missing in a partial configuration', () => {
    expect(refusal({ WECHATPAY_MCHID: '1900000001' })).toMatch(/WECHATPAY_APPID.*WECHATPAY_PRIVATE_KEY.*WECHATPAY_APIV3_KEY.*WECHATPAY_MERCHANT_SERIAL/);
    expect(refusal({ WECHATPAY_APIV3_KEY: base.WECHATPAY_APIV3_KEY })).toMatch(/缺少：WECHATPAY_MCHID/);
    const { WECHATPAY_MERCHANT_SERIAL: _serial, ...withoutSerial } = base;
    expect(refusal(withoutSerial)).toMatch(/WECHATPAY_MERCHANT_SERIAL（或 WECHATPAY_MERCHANT_CERT）/);
    const { PUBLIC_BASE_URL: _url, ...withoutBase } = base;
    expect(refusal(withoutBase)).toMatch(/PUBLIC_BASE_URL/);
    expect(refusal({ ...base, WECHATPAY_PUBLIC_KEY: publicKeyPath })).toMatch(/WECHATPAY_PUBLIC_KEY_ID/);
    expect(refusal({ ...base, WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_01' })).toMatch(/WECHATPAY_PUBLIC_KEY/);
  });

  it('should refuse an APIv3 key that is not exactly 32 characters (or bytes)', () => {
    expect(refusal({ ...base, WECHATPAY_APIV3_KEY: 'abcdefghijklmnopqrstuvwxyz01234' })).toMatch(/WECHATPAY_APIV3_KEY.*32/);
    expect(refusal({ ...base, WECHATPAY_APIV3_KEY: 'abcdefghijklmnopqrstuvwxyz0123456' })).toMatch(/WECHATPAY_APIV3_KEY/);
    expect(refusal({ ...base, WECHATPAY_APIV3_KEY: '侨abcdefghijklmnopqrstuvwxyz01234' })).toMatch(/WECHATPAY_APIV3_KEY/);
  });

  it('should refuse to start on key files that are missing or broken', () => {
    expect(refusal({ ...base, WECHATPAY_PRIVATE_KEY: join(dir, 'nope.pem') })).toMatch(/WECHATPAY_PRIVATE_KEY.*无法读取/);
    expect(refusal({ ...base, WECHATPAY_PRIVATE_KEY: file('broken_key.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n') }))
      .toMatch(/WECHATPAY_PRIVATE_KEY.*PEM 私钥/);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(refusal({ ...base, WECHATPAY_PRIVATE_KEY: file('small_key.pem', small) })).toMatch(/2048/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(refusal({ ...base, WECHATPAY_PRIVATE_KEY: file('ec_key.pem', ec) })).toMatch(/RSA/);
    expect(refusal({ ...base, WECHATPAY_MERCHANT_CERT: file('broken_cert.pem', 'not a certificate') })).toMatch(/WECHATPAY_MERCHANT_CERT.*PEM 证书/);
    const withPublicKey = { ...base, WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_01' };
    expect(refusal({ ...withPublicKey, WECHATPAY_PUBLIC_KEY: file('broken_pub.pem', 'garbage') })).toMatch(/WECHATPAY_PUBLIC_KEY.*PEM 公钥/);
  });

  it('should refuse malformed identifiers', () => {
    expect(refusal({ ...base, WECHATPAY_MCHID: 'merchant' })).toMatch(/WECHATPAY_MCHID/);
    expect(refusal({ ...base, WECHATPAY_APPID: 'not-an-appid' })).toMatch(/WECHATPAY_APPID/);
    expect(refusal({ ...base, WECHATPAY_MP_APPID: 'wx1' })).toMatch(/WECHATPAY_MP_APPID/);
    expect(refusal({ ...base, WECHATPAY_MERCHANT_SERIAL: 'not hex!' })).toMatch(/WECHATPAY_MERCHANT_SERIAL/);
    expect(refusal({ ...base, WECHATPAY_PUBLIC_KEY: publicKeyPath, WECHATPAY_PUBLIC_KEY_ID: '0119000000' })).toMatch(/PUB_KEY_ID_/);
  });

  it('should require an https PUBLIC_BASE_URL with real WeChat or in production, and a valid API base', () => {
    expect(refusal({ ...base, PUBLIC_BASE_URL: 'http://shop.example.cn' })).toMatch(/https/);
    expect(refusal({ ...base, WECHATPAY_API_BASE: 'http://127.0.0.1:9999', PUBLIC_BASE_URL: 'http://shop.example.cn', NODE_ENV: 'production' }))
      .toMatch(/https/);
    expect(refusal({ ...base, PUBLIC_BASE_URL: 'https://shop.example.cn/?a=1' })).toMatch(/PUBLIC_BASE_URL/);
    expect(refusal({ ...base, PUBLIC_BASE_URL: 'shop.example.cn' })).toMatch(/PUBLIC_BASE_URL/);
    expect(refusal({ ...base, WECHATPAY_API_BASE: 'not a url' })).toMatch(/WECHATPAY_API_BASE/);
    expect(refusal({ ...base, WECHATPAY_API_BASE: 'ftp://api.example.cn' })).toMatch(/WECHATPAY_API_BASE/);
  });
});
