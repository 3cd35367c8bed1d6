/**
 * Login inside the WeChat browser (公众号 web pages): WeChat's snsapi_base OAuth redirect. It
 * needs no tap from the customer and returns to the page with `code` and `state`; the server
 * turns the code into a session. `state` is ours, random per attempt and kept in this tab's
 * sessionStorage, so a return we did not start (a forged link) is refused.
 */
const AUTHORIZE_URL = 'https://open.weixin.qq.com/connect/oauth2/authorize';
const STATE_KEY = 'qiaodu:oauth-state';

function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** WeChat's state allows at most 128 letters and digits. */
export function randomState(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function buildOAuthUrl(appId: string, redirectUri: string, state: string): string {
  // WeChat checks the parameters' order and needs the #wechat_redirect fragment.
  return (
    `${AUTHORIZE_URL}?appid=${encodeURIComponent(appId)}` +
    `&redirect_uri=${encodeURIComponent(redirectUri)}` +
    `&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`
  );
}

/** Leaves for WeChat's authorisation; it comes back to `returnUrl` with code and state. */
export function startOfficialAccountLogin(appId: string, returnUrl = window.location.href): void {
  const state = randomState();
  tabStorage()?.setItem(STATE_KEY, state);
  window.location.replace(buildOAuthUrl(appId, returnUrl, state));
}

/** True when `state` is the one this tab sent; either way it cannot be used again. */
export function consumeOAuthState(state: string): boolean {
  const storage = tabStorage();
  const expected = storage?.getItem(STATE_KEY) ?? null;
  storage?.removeItem(STATE_KEY);
  return expected !== null && expected === state;
}
