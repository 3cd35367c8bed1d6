import { describe, expect, it } from 'vitest';
import { ANDROID_MINIPROGRAM, ANDROID_WECHAT, IOS_SAFARI } from '../testing/wechat';
import { detectWeChatEnv } from './env';

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
