import { describe, expect, it } from 'vitest';
// Plain CommonJS run the way the mini-program runtime does, with a fake `wx` and config.
import source from '../../miniprogram/utils/session.js?raw';

interface Answer {
  statusCode: number;
  data: unknown;
}
interface RequestOptions {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
  success: (res: Answer) => void;
  fail: (error: unknown) => void;
}
interface Session {
  authorizedRequest(method: string, path: string, data: unknown): Promise<Answer>;
  freshTicket(): Promise<string | null>;
}

/** A wx whose API knows only the token 'fresh' (a login gives it); `answers`: path → answer. */
function loadSession(storedToken: string, answers: Record<string, Answer>) {
  const storage = new Map<string, unknown>([
    ['qiaodu_session', { token: storedToken, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }],
  ]);
  const calls: { method: string; path: string; authorization: string | undefined }[] = [];
  const wx = {
    getStorageSync: (key: string) => storage.get(key),
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    removeStorageSync: (key: string) => storage.delete(key),
    login: ({ success }: { success: (res: { code: string }) => void }) => success({ code: 'code-1' }),
    request: ({ url, method, header, success }: RequestOptions) => {
      const path = url.slice('https://shop.test'.length);
      calls.push({ method, path, authorization: header.authorization });
      if (path === '/api/auth/wechat/miniprogram') {
        return success({ statusCode: 200, data: { token: 'fresh', expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });
      }
      if (header.authorization !== 'Bearer fresh') return success({ statusCode: 401, data: {} });
      return success(answers[path] ?? { statusCode: 404, data: {} });
    },
  };
  const module = { exports: {} as unknown };
  const require = () => ({ H5_BASE: 'https://shop.test' });
  new Function('module', 'exports', 'require', 'wx', source)(module, module.exports, require, wx);
  return { session: module.exports as Session, calls };
}

describe('mini-program session', () => {
  it('should send the stored token', async () => {
    const { session, calls } = loadSession('fresh', { '/api/orders/7/pay': { statusCode: 200, data: { mode: 'demo' } } });
    await expect(session.authorizedRequest('POST', '/api/orders/7/pay', {})).resolves.toEqual({
      statusCode: 200,
      data: { mode: 'demo' },
    });
    expect(calls).toEqual([{ method: 'POST', path: '/api/orders/7/pay', authorization: 'Bearer fresh' }]);
  });

  it('should log in again once when the server no longer knows the token', async () => {
    const { session, calls } = loadSession('revoked', { '/api/auth/tickets': { statusCode: 200, data: { ticket: 't1' } } });
    await expect(session.freshTicket()).resolves.toBe('t1');
    expect(calls.map((call) => `${call.path} ${call.authorization ?? ''}`)).toEqual([
      '/api/auth/tickets Bearer revoked',
      '/api/auth/wechat/miniprogram ',
      '/api/auth/tickets Bearer fresh',
    ]);
  });
});
