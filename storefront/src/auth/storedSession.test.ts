import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage';
import { clearStoredSession, readStoredSession, writeStoredSession } from './storedSession';

const login = {
  token: 'tok',
  expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 1, displayName: '陈小明', avatarUrl: null, roles: ['customer' as const] },
};

let localStorage: Storage;
beforeEach(() => {
  localStorage = memoryStorage();
  vi.stubGlobal('window', { localStorage });
});
afterEach(() => vi.unstubAllGlobals());

describe('stored session', () => {
  it('should keep token, expiry and user across visits', () => {
    writeStoredSession(login);
    expect(readStoredSession(Date.parse('2029-01-01T00:00:00Z'))).toEqual(login);
  });

  it('should drop an expired session', () => {
    writeStoredSession(login);
    expect(readStoredSession(Date.parse('2030-01-01T00:00:01Z'))).toBeNull();
    expect(localStorage.getItem('qiaodu:session')).toBeNull();
  });

  it('should drop what it cannot read', () => {
    localStorage.setItem('qiaodu:session', '{"token":');
    expect(readStoredSession()).toBeNull();
    localStorage.setItem('qiaodu:session', JSON.stringify({ token: 'x', expiresAt: '2030-01-01T00:00:00Z' }));
    expect(readStoredSession(0)).toBeNull();
  });

  it('should forget the session', () => {
    writeStoredSession(login);
    clearStoredSession();
    expect(readStoredSession(0)).toBeNull();
  });

  it('should work without storage (private mode), for this page only', () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new Error('SecurityError');
      },
    });
    expect(() => writeStoredSession(login)).not.toThrow();
    expect(readStoredSession()).toBeNull();
  });
});
