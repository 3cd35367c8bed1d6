import type { LoginResponse, SessionUser } from '@qiaodu/shared';

/**
 * The session kept across visits. localStorage, not a cookie: the mini-program web-view and
 * the WeChat browser each keep their own storage per origin, and a token never goes in a URL.
 */
export interface StoredSession {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

const KEY = 'qiaodu:session';

/** localStorage throws in some private modes and when disabled; the session then lasts a page. */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const { token, expiresAt, user } = value as Partial<StoredSession>;
  return (
    typeof token === 'string' &&
    token.length > 0 &&
    typeof expiresAt === 'string' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'number' &&
    Array.isArray(user.roles)
  );
}

/** The stored session, or null when there is none, it is unreadable or it has expired. */
export function readStoredSession(now = Date.now()): StoredSession | null {
  const text = storage()?.getItem(KEY);
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isStoredSession(parsed) && Date.parse(parsed.expiresAt) > now) return parsed;
  } catch {
    // unreadable: dropped below
  }
  clearStoredSession();
  return null;
}

export function writeStoredSession(login: LoginResponse | StoredSession): void {
  const session: StoredSession = { token: login.token, expiresAt: login.expiresAt, user: login.user };
  try {
    storage()?.setItem(KEY, JSON.stringify(session));
  } catch {
    // quota or disabled storage: the session still works until the page closes
  }
}

export function clearStoredSession(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}

/**
 * Calls back when another tab of this shop logs in or out, with the session it left stored
 * (null when it logged out), so two tabs do not keep acting for different sessions.
 */
export function onStoredSessionChange(callback: (stored: StoredSession | null) => void): void {
  window.addEventListener('storage', (event) => {
    if (event.key === KEY || event.key === null) callback(readStoredSession());
  });
}
