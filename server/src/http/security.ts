import type { Context } from 'koa';

/**
 * The pages' policy: our own scripts plus WeChat's JS-SDK (the web-view bridge), inline
 * styles because Vant sets style attributes, and no framing: the shop runs in a web-view or
 * the WeChat browser, never inside someone else's page.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' https://res.wx.qq.com https://res2.wx.qq.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * What the shop's pages carry besides their CSP. `no-referrer` matters here: a web-view ticket
 * or an OAuth code sits in the page URL for a moment, and must not leak to another site as a
 * Referer. (They only mean something on documents, so JSON answers do not pay for them.)
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PAGE_CSP,
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** What every answer carries: no content sniffing, and HSTS once we are reached over HTTPS. */
export function setSecurityHeaders(ctx: Context): void {
  ctx.res.setHeader('X-Content-Type-Options', 'nosniff');
  if (ctx.secure) ctx.res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Request-Id';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';

/**
 * CORS for the configured origins only (exact match). The storefront is same-origin and needs
 * none; this is for an admin tool or a second front end on another domain. Answers a
 * preflight itself (true) so it never reaches the routes.
 */
export function applyCors(ctx: Context, allowedOrigins: ReadonlySet<string>): boolean {
  const origin = ctx.get('Origin');
  if (!origin || !allowedOrigins.has(origin)) {
    if (allowedOrigins.size > 0) ctx.vary('Origin');
    return false;
  }
  ctx.vary('Origin');
  ctx.set('Access-Control-Allow-Origin', origin);
  ctx.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, Content-Disposition');
  if (ctx.method !== 'OPTIONS' || !ctx.get('Access-Control-Request-Method')) return false;
  ctx.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
  ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  ctx.set('Access-Control-Max-Age', '600');
  ctx.status = 204;
  return true;
}

/** Query values that are secrets (tickets, codes) or may be personal data (searches). */
const SECRET_QUERY_KEYS = /([?&](?:ticket|code|state|token|q)=)[^&#]*/gi;
const MOBILE_NUMBER = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

/**
 * The URL as it may be logged: tickets, OAuth codes and search words are replaced, any
 * mobile number elsewhere in it too, and long URLs are cut.
 */
export function loggableUrl(url: string): string {
  const cut = url.length > 512 ? `${url.slice(0, 512)}…` : url;
  return cut.replace(SECRET_QUERY_KEYS, '$1[redacted]').replace(MOBILE_NUMBER, '[redacted]');
}
