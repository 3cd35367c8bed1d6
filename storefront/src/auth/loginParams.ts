/**
 * What a login hands to the page in its URL: a mini-program web-view ticket, or the code and
 * state of WeChat's 公众号 OAuth redirect. They must leave the address bar at once: a shared
 * link, a screenshot or the history must never carry them.
 */
/** Where the 公众号 authorisation sends the visitor back (see wechat/officialAccountOAuth.ts). */
export const OAUTH_RETURN_PATH = '/login';

export interface LoginParams {
  ticket: string | null;
  code: string | null;
  state: string | null;
}

/**
 * Splits the login parameters off a path-and-query-and-hash URL; `cleanUrl` is null when there
 * was nothing to remove. `code` and `state` go only together and only on the login page, where
 * WeChat's OAuth returns: elsewhere they belong to the page. Pairs are removed as written, so
 * the rest keeps its exact encoding.
 */
export function splitLoginParams(url: string): { params: LoginParams; cleanUrl: string | null } {
  const [, path = '', query = '', hash = ''] = /^([^?#]*)(?:\?([^#]*))?(#.*)?$/.exec(url) ?? [];
  const search = new URLSearchParams(query);
  const state = (path === OAUTH_RETURN_PATH && search.get('state')) || null;
  const params = { ticket: search.get('ticket') || null, code: state && (search.get('code') || null), state };
  const remove = state ? ['ticket', 'code', 'state'] : ['ticket'];
  const pairs = query.split('&').filter(Boolean);
  const kept = pairs.filter((pair) => !remove.includes(new URLSearchParams(pair).keys().next().value ?? ''));
  if (kept.length === pairs.length) return { params, cleanUrl: null };
  return { params, cleanUrl: `${path}${kept.length ? `?${kept.join('&')}` : ''}${hash}` };
}

/** Takes the login parameters out of the current address; call before the router starts. */
export function takeLoginParams(): LoginParams {
  const { pathname, search, hash } = window.location;
  const { params, cleanUrl } = splitLoginParams(`${pathname}${search}${hash}`);
  if (cleanUrl !== null) window.history.replaceState(window.history.state, '', cleanUrl);
  return params;
}
