import { describe, expect, it } from 'vitest';
import { detectWeChatEnv } from './env';

const ANDROID_WECHAT =
  'Mozilla/5.0 (Linux; Android 12; V2203A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230303 MMWEBID/1234 MicroMessenger/8.0.34.2340(0x2800225B) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const ANDROID_MINIPROGRAM = `${ANDROID_WECHAT} miniProgram/wx1234567890abcdef`;
const IOS_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.5 Mobile/15E148 Safari/604.1';

describe('detectWeChatEnv', () => {
  it('should recognise the mini-program web-view by its user agent', () => {
    expect(detectWeChatEnv({ userAgent: ANDROID_MINIPROGRAM })).toBe('miniprogram');
  });

  it('should recognise the mini-program web-view by __wxjs_environment', () => {
    expect(detectWeChatEnv({ userAgent: ANDROID_WECHAT, wxjsEnvironment: 'miniprogram' })).toBe('miniprogram');
  });

  it('should recognise the WeChat browser', () => {
    expect(detectWeChatEnv({ userAgent: ANDROID_WECHAT })).toBe('wechat');
  });

  it('should treat anything else as a plain browser', () => {
    expect(detectWeChatEnv({ userAgent: IOS_SAFARI })).toBe('browser');
    expect(detectWeChatEnv({ userAgent: '' })).toBe('browser');
  });
});
