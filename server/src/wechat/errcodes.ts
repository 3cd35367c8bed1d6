import type { ErrorCode } from '@qiaodu/shared';

export type LogLevel = 'info' | 'warn' | 'error';

export interface ErrcodeMeaning {
  code: ErrorCode;
  /** How loud the log line is: `error` means someone has to fix our setup or look at WeChat. */
  level: LogLevel;
  /** Sent as Retry-After, when WeChat says how long to wait. */
  retryAfterSeconds?: number;
}

/** Answers about the person or the code: the client can act on them (retry, log in again). */
const ABOUT_THE_CALLER: ReadonlyMap<number, ErrcodeMeaning> = new Map([
  // Unknown, expired, or issued to another app.
  [40029, { code: 'WECHAT_CODE_INVALID', level: 'info' }],
  // "code been used": codes are single-use, and a double-tap sends one twice.
  [40163, { code: 'WECHAT_CODE_INVALID', level: 'info' }],
  // WeChat's own per-user quota (100 a minute for jscode2session): "retry next minute".
  [45011, { code: 'WECHAT_RATE_LIMITED', level: 'warn', retryAfterSeconds: 60 }],
  // "code blocked": WeChat's risk control refuses this person's mini-program login.
  [40226, { code: 'WECHAT_USER_BLOCKED', level: 'info' }],
  // "system error": WeChat asks to try again a little later.
  [-1, { code: 'WECHAT_BUSY', level: 'warn' }],
]);

/**
 * Answers that mean our own request or setup is wrong (appid, secret, IP whitelist, missing
 * parameters): no retry by the user helps, so they are logged as errors for whoever runs the shop.
 */
const OUR_MISCONFIGURATION = new Set([
  40002, // invalid grant_type
  40013, // invalid appid
  40125, // invalid appsecret
  40164, // calling IP not in the app's whitelist
  41002, // appid missing
  41004, // appsecret missing
  41008, // missing code
  48001, // api unauthorized for this app
]);

/** What a non-zero WeChat errcode means for the shop's client. */
export function meaningOf(errcode: number): ErrcodeMeaning {
  const known = ABOUT_THE_CALLER.get(errcode);
  if (known) return known;
  // Unknown codes are also logged as errors: the mapping above may need to learn them.
  return { code: 'WECHAT_LOGIN_FAILED', level: 'error' };
}

export function isMisconfiguration(errcode: number): boolean {
  return OUR_MISCONFIGURATION.has(errcode);
}
