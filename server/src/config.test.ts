import { describe, expect, it } from 'vitest';
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
});
