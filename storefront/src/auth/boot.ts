import type { Pinia } from 'pinia';
import { errorMessage } from '../api/http';
import { showLazyToast } from '../feedback/lazyToast';
import { useSessionStore } from '../stores/useSessionStore';
import type { SessionStore } from '../stores/useSessionStore';
import { consumeOAuthState } from '../wechat/officialAccountOAuth';
import type { LoginParams } from './loginParams';

const FOREIGN_OAUTH_RETURN = '微信授权已过期，请重新登录';

let failedLogin: string | null = null;

/**
 * Why the login carried by the start URL failed, or null. The login page reads it so that a
 * failed 公众号 authorisation is not retried in a loop.
 */
export function bootLoginFailure(): string | null {
  return failedLogin;
}

async function loginFromUrl(session: SessionStore, params: LoginParams): Promise<string | null> {
  try {
    if (params.ticket) {
      await session.loginWithTicket(params.ticket);
    } else if (params.code && params.state) {
      // A return this tab did not start (an old or forwarded link) must not log anyone in.
      if (!consumeOAuthState(params.state)) return FOREIGN_OAUTH_RETURN;
      await session.loginWithOfficialAccountCode(params.code);
    }
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

/**
 * Opens the session store and logs in with what the start URL carried. A failure leaves the
 * visitor as they were (logged out, or in the session this device kept) with a toast, never
 * with a broken page; the toast says whose session that is, since the ticket may have been
 * for someone else. Called once, through startSession().
 */
export async function bootSession(pinia: Pinia, params: LoginParams): Promise<SessionStore> {
  const session = useSessionStore(pinia);
  failedLogin = await loginFromUrl(session, params);
  if (failedLogin) {
    const kept = session.isLoggedIn ? `，当前仍以“${session.user?.displayName ?? '之前的账号'}”登录` : '';
    void showLazyToast(`${failedLogin}${kept}`);
  }
  return session;
}
