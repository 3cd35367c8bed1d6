import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from './config';

const load = (env: NodeJS.ProcessEnv) => loadServerConfig(env, { storefrontDist: null });

describe('loadServerConfig', () => {
  it('should run in demo mode without WeChat settings', () => {
    const config = load({});
    expect(config.wechat).toEqual({ apiBase: 'https://api.weixin.qq.com', miniProgram: null, officialAccount: null });
    expect(config.corsOrigins).toEqual([]);
    expect(config.loginRateLimitPerMinute).toBe(60);
  });

  it('should read the mini-program, the official account and the API base', () => {
    const config = load({
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_SECRET: 's1',
      WECHAT_MP_APPID: 'wxfedcba9876543210',
      WECHAT_MP_SECRET: 's2',
      WECHAT_API_BASE: 'http://127.0.0.1:9999/',
    });
    expect(config.wechat).toEqual({
      apiBase: 'http://127.0.0.1:9999',
      miniProgram: { appId: 'wx0123456789abcdef', secret: 's1' },
      officialAccount: { appId: 'wxfedcba9876543210', secret: 's2' },
    });
  });

  it('should refuse half a WeChat app, a malformed appid and a bad API base', () => {
    expect(() => load({ WECHAT_APPID: 'wx0123456789abcdef' })).toThrow(ConfigError);
    expect(() => load({ WECHAT_SECRET: 'x' })).toThrow(/WECHAT_APPID/);
    expect(() => load({ WECHAT_APPID: 'not-an-appid', WECHAT_SECRET: 'x' })).toThrow(/AppID/);
    expect(() => load({ WECHAT_API_BASE: 'not a url' })).toThrow(/WECHAT_API_BASE/);
  });

  it('should take exact CORS origins and refuse paths and wildcards', () => {
    expect(load({ CORS_ORIGINS: 'https://a.example.cn, https://b.example.cn' }).corsOrigins).toEqual([
      'https://a.example.cn',
      'https://b.example.cn',
    ]);
    expect(() => load({ CORS_ORIGINS: 'https://a.example.cn/admin' })).toThrow(/CORS_ORIGINS/);
    expect(() => load({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });

  it('should refuse a login rate limit that is not a positive integer', () => {
    expect(load({ LOGIN_RATE_LIMIT_PER_MINUTE: '5' }).loginRateLimitPerMinute).toBe(5);
    expect(() => load({ LOGIN_RATE_LIMIT_PER_MINUTE: '0' })).toThrow(ConfigError);
    expect(() => load({ LOGIN_RATE_LIMIT_PER_MINUTE: '2.5' })).toThrow(ConfigError);
  });

  it('should refuse demo mode in production, where anyone could log in as the demo admin', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow(/WECHAT_APPID/);
    expect(load({ NODE_ENV: 'production', WECHAT_MP_APPID: 'wxfedcba9876543210', WECHAT_MP_SECRET: 's' }).wechat.miniProgram).toBeNull();
  });

  describe('WeChat Pay', () => {
    // A merchant key made for this run, in a temporary folder removed afterwards.
    const dir = mkdtempSync(join(tmpdir(), 'server-config-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const keyPath = join(dir, 'apiclient_key.pem');
    writeFileSync(keyPath, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const merchant: NodeJS.ProcessEnv = {
      WECHATPAY_MCHID: '1900000001',
      WECHATPAY_APPID: 'wx0123456789abcdef',
      WECHATPAY_MERCHANT_SERIAL: '3775B6A45ACD588826D15E583A95F5DD00000000',
      WECHATPAY_PRIVATE_KEY: keyPath,
      WECHATPAY_APIV3_KEY: 'abcdefghijklmnopqrstuvwxyz012345',
      PUBLIC_BASE_URL: 'https://shop.example.cn/',
    };

    it('should have no merchant (demo mode or no payment) without WECHATPAY_* settings', () => {
      expect(load({}).wechatPay).toBeNull();
      expect(load({ PUBLIC_BASE_URL: 'https://shop.example.cn' }).wechatPay).toBeNull();
    });

    it('should read a configured merchant, with the notify URLs under PUBLIC_BASE_URL', () => {
      const config = load(merchant).wechatPay;
      expect(config).toMatchObject({
        mchid: '1900000001',
        appId: 'wx0123456789abcdef',
        apiBase: 'https://api.mch.weixin.qq.com',
        notifyUrl: 'https://shop.example.cn/api/pay/wechat/notify',
        refundNotifyUrl: 'https://shop.example.cn/api/pay/wechat/refund-notify',
        verification: { mode: 'platform_certificate' },
      });
    });

    it('should refuse to start with a half-configured merchant or a bad APIv3 key', () => {
      expect(() => load({ WECHATPAY_MCHID: '1900000001' })).toThrow(ConfigError);
      expect(() => load({ ...merchant, WECHATPAY_APIV3_KEY: 'short' })).toThrow(/WECHATPAY_APIV3_KEY/);
      expect(() => load({ ...merchant, PUBLIC_BASE_URL: 'http://shop.example.cn' })).toThrow(/PUBLIC_BASE_URL/);
    });
  });
});
