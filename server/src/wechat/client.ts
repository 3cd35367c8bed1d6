import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../http/app-error';
import type { WeChatAppCredentials } from './config';
import { isMisconfiguration, meaningOf } from './errcodes';

/** How long one call to WeChat may take before the login answers "busy" instead of hanging. */
export const DEFAULT_WECHAT_TIMEOUT_MS = 5_000;

// WeChat's ids and keys are short; the caps only keep a misbehaving answer out of the database.
const WireString = z.string().min(1).max(256);

/** jscode2session's success body (older answers also carried `errcode: 0`). */
const Code2SessionAnswer = z.object({
  openid: WireString,
  session_key: WireString,
  unionid: WireString.optional(),
});
export type Code2SessionAnswer = z.infer<typeof Code2SessionAnswer>;

/** sns/oauth2/access_token's success body; for snsapi_base only the openid (and unionid) matter. */
const OAuthAccessTokenAnswer = z.object({
  access_token: WireString,
  expires_in: z.number(),
  refresh_token: WireString.optional(),
  openid: WireString,
  scope: z.string().optional(),
  /** 1 for the virtual account of a 朋友圈 snapshot page: not a real person yet. */
  is_snapshotuser: z.number().optional(),
  unionid: WireString.optional(),
});
export type OAuthAccessTokenAnswer = z.infer<typeof OAuthAccessTokenAnswer>;

const ErrorAnswer = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });

export interface WeChatApiClientOptions {
  apiBase: string;
  logger: Logger;
  timeoutMs?: number;
}

/** What went wrong on the way, never the URL: it carries the secret and the code. */
function reasonOf(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : 'network error';
}

/**
 * The two WeChat calls a login needs, over the global fetch. Every failure becomes one of the
 * WECHAT_* errors (never a 500), and nothing secret (appsecret, code, session_key,
 * access_token) or personal (openid) reaches the log.
 */
export function createWeChatApiClient(options: WeChatApiClientOptions) {
  const apiBase = options.apiBase.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_WECHAT_TIMEOUT_MS;
  const log = options.logger.child({ component: 'wechat' });

  async function call<T>(api: string, path: string, query: Record<string, string>, answer: z.ZodType<T>): Promise<T> {
    const url = `${apiBase}${path}?${new URLSearchParams(query).toString()}`;
    let status: number;
    let text: string;
    try {
      // The timeout covers reading the body too: a stalled body fails like a stalled answer.
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
      status = response.status;
      text = await response.text();
    } catch (error) {
      log.warn({ api, reason: reasonOf(error) }, 'wechat unreachable');
      throw new AppError('WECHAT_BUSY');
    }
    if (status >= 500) {
      log.warn({ api, status }, 'wechat answered a server error');
      throw new AppError('WECHAT_BUSY');
    }

    // WeChat answers errors with HTTP 200 and text/plain: the body decides, not the headers.
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      log.error({ api, status, bytes: text.length }, 'wechat answered something that is not JSON');
      throw new AppError('WECHAT_LOGIN_FAILED');
    }

    const failure = ErrorAnswer.safeParse(body);
    if (failure.success && failure.data.errcode !== 0) {
      const { errcode, errmsg } = failure.data;
      const meaning = meaningOf(errcode);
      const message = isMisconfiguration(errcode) ? 'wechat refused our app credentials or request' : 'wechat refused the login';
      log[meaning.level]({ api, errcode, errmsg: errmsg?.slice(0, 200) }, message);
      const wait = meaning.retryAfterSeconds;
      if (wait === undefined) throw new AppError(meaning.code);
      throw new AppError(meaning.code, undefined, { retryAfterSeconds: wait }, { headers: { 'Retry-After': String(wait) } });
    }

    const parsed = answer.safeParse(body);
    if (!parsed.success) {
      const fields = body !== null && typeof body === 'object' ? Object.keys(body) : [];
      log.error({ api, status, fields }, 'wechat answered in an unexpected shape');
      throw new AppError('WECHAT_LOGIN_FAILED');
    }
    return parsed.data;
  }

  return {
    /** A mini-program's `wx.login` code → openid, session_key and (when bound to 开放平台) unionid. */
    code2Session(app: WeChatAppCredentials, code: string): Promise<Code2SessionAnswer> {
      return call(
        'jscode2session',
        '/sns/jscode2session',
        { appid: app.appId, secret: app.secret, js_code: code, grant_type: 'authorization_code' },
        Code2SessionAnswer,
      );
    },

    /** A 公众号 web-authorization code → openid (and unionid when WeChat gives one). */
    officialAccountOAuth(app: WeChatAppCredentials, code: string): Promise<OAuthAccessTokenAnswer> {
      return call(
        'oauth2/access_token',
        '/sns/oauth2/access_token',
        { appid: app.appId, secret: app.secret, code, grant_type: 'authorization_code' },
        OAuthAccessTokenAnswer,
      );
    },
  };
}

export type WeChatApiClient = ReturnType<typeof createWeChatApiClient>;
