import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage';
import { buildOAuthUrl, consumeOAuthState, randomState } from './officialAccountOAuth';

afterEach(() => vi.unstubAllGlobals());

describe('buildOAuthUrl', () => {
  it('should build the snsapi_base authorize URL with the return address encoded', () => {
    expect(buildOAuthUrl('wx0123456789abcdef', 'https://shop.example.edu.cn/login?redirect=%2Fme', 'ab12')).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx0123456789abcdef' +
        '&redirect_uri=https%3A%2F%2Fshop.example.edu.cn%2Flogin%3Fredirect%3D%252Fme' +
        '&response_type=code&scope=snsapi_base&state=ab12#wechat_redirect',
    );
  });
});

describe('randomState', () => {
  it('should be 32 hex characters, different each time', () => {
    const first = randomState();
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(randomState()).not.toBe(first);
  });
});

describe('consumeOAuthState', () => {
  it('should accept the state this tab sent, once', () => {
    const sessionStorage = memoryStorage();
    vi.stubGlobal('window', { sessionStorage });
    sessionStorage.setItem('qiaodu:oauth-state', 'f00d');
    expect(consumeOAuthState('f00d')).toBe(true);
    expect(consumeOAuthState('f00d')).toBe(false);
  });

  it('should refuse a state it did not send', () => {
    const sessionStorage = memoryStorage();
    vi.stubGlobal('window', { sessionStorage });
    sessionStorage.setItem('qiaodu:oauth-state', 'f00d');
    expect(consumeOAuthState('beef')).toBe(false);
    expect(sessionStorage.getItem('qiaodu:oauth-state')).toBeNull();
  });
});
