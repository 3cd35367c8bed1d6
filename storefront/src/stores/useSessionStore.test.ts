import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectSession, request } from '../api/http';
import { memoryStorage } from '../testing/memoryStorage';
import { useSessionStore } from './useSessionStore';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const student = { id: 7, displayName: '黄同学', avatarUrl: null, roles: ['customer', 'student'] };
const me = {
  user: { ...student, status: 'active' },
  teams: [{ id: 1, slug: 'tiantian-1', name: '天天市集运营一组', relation: 'member', post: 'warehouse', isLead: false }],
  partner: null,
  console: { sections: ['team', 'products'] },
  session: { channel: 'demo', expiresAt: '2030-01-01T00:00:00Z' },
};

let localStorage: Storage;
beforeEach(() => {
  localStorage = memoryStorage();
  // An EventTarget, so the store can hear other tabs' storage events.
  vi.stubGlobal('window', Object.assign(new EventTarget(), { localStorage }));
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.unstubAllGlobals();
  connectSession(null);
});

describe('useSessionStore', () => {
  it('should log in with a persona, keep the session and load me', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url === '/api/auth/demo-login'
        ? jsonResponse(200, { token: 'tok-s', expiresAt: '2030-01-01T00:00:00Z', user: student })
        : jsonResponse(200, me),
    );
    vi.stubGlobal('fetch', fetchMock);
    const session = useSessionStore();
    expect(session.isLoggedIn).toBe(false);

    await session.loginWithPersona('student-tiantian');
    expect(session.isLoggedIn).toBe(true);
    expect(session.isStaff).toBe(true);
    expect(JSON.parse(localStorage.getItem('qiaodu:session') ?? '{}')).toMatchObject({ token: 'tok-s' });

    await session.ensureMe();
    expect(session.consoleSections).toEqual(['team', 'products']);
    expect(fetchMock).toHaveBeenLastCalledWith('/api/me', expect.objectContaining({ headers: expect.objectContaining({ authorization: 'Bearer tok-s' }) }));
  });

  it('should start from the stored session without a round trip', () => {
    localStorage.setItem('qiaodu:session', JSON.stringify({ token: 'tok-k', expiresAt: '2030-01-01T00:00:00Z', user: student }));
    const session = useSessionStore();
    expect(session.user?.displayName).toBe('黄同学');
    expect(session.roles).toEqual(['customer', 'student']);
  });

  it('should forget the session when the server no longer knows the token', async () => {
    localStorage.setItem('qiaodu:session', JSON.stringify({ token: 'tok-old', expiresAt: '2030-01-01T00:00:00Z', user: student }));
    vi.stubGlobal('fetch', async () => jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }));
    const session = useSessionStore();
    await expect(request('get', '/api/me/addresses')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(session.isLoggedIn).toBe(false);
    expect(localStorage.getItem('qiaodu:session')).toBeNull();
  });

  it('should log out locally even when the network fails', async () => {
    localStorage.setItem('qiaodu:session', JSON.stringify({ token: 'tok-n', expiresAt: '2030-01-01T00:00:00Z', user: student }));
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const session = useSessionStore();
    await session.logout();
    expect(session.isLoggedIn).toBe(false);
    expect(localStorage.getItem('qiaodu:session')).toBeNull();
  });

  it('should follow another tab that logs out or in as someone else', async () => {
    localStorage.setItem('qiaodu:session', JSON.stringify({ token: 'qds_a', expiresAt: '2030-01-01T00:00:00Z', user: student }));
    const session = useSessionStore();
    expect(session.token).toBe('qds_a');
    localStorage.removeItem('qiaodu:session');
    window.dispatchEvent(Object.assign(new Event('storage'), { key: 'qiaodu:session' }));
    expect(session.isLoggedIn).toBe(false);
    const other = { ...student, id: 8, displayName: '陈同学' };
    localStorage.setItem('qiaodu:session', JSON.stringify({ token: 'qds_b', expiresAt: '2030-01-01T00:00:00Z', user: other }));
    window.dispatchEvent(Object.assign(new Event('storage'), { key: 'qiaodu:session' }));
    expect(session.token).toBe('qds_b');
    expect(session.user?.displayName).toBe('陈同学');
  });
});
