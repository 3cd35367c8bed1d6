import { createHash } from 'node:crypto';
import type { Db } from '@qiaodu/db';
import type { Logger } from 'pino';
import { AppError } from '../http/app-error';
import { createWeChatApiClient } from './client';
import type { WeChatAppCredentials, WeChatConfig } from './config';
import { createIdentityRepository, type WeChatIdentity } from './identity-repository';

/** Turns a WeChat login code into the id of the shop's user it belongs to (created on first login). */
export interface WeChatLogin {
  miniProgram(code: string): Promise<number>;
  officialAccount(code: string): Promise<number>;
}

export interface WeChatLoginDeps {
  db: Db;
  config: WeChatConfig;
  logger: Logger;
  clock: () => Date;
  /** Per call to WeChat; 5 s unless tests want a hang to fail fast. */
  timeoutMs?: number;
}

/**
 * `微信用户` plus four characters derived from the openid: people can tell two new accounts
 * apart in the console, and the suffix reveals nothing about the openid.
 */
function newUserName(appId: string, openid: string): string {
  const digest = createHash('sha256').update(`${appId}:${openid}`).digest('hex');
  return `微信用户${digest.slice(-4).toUpperCase()}`;
}

export function createWeChatLogin(deps: WeChatLoginDeps): WeChatLogin {
  const client = createWeChatApiClient({ apiBase: deps.config.apiBase, logger: deps.logger, timeoutMs: deps.timeoutMs });
  const identities = createIdentityRepository(deps.db);

  async function login(
    app: WeChatAppCredentials | null,
    exchange: (app: WeChatAppCredentials) => Promise<Omit<WeChatIdentity, 'appId'>>,
  ): Promise<number> {
    if (!app) throw new AppError('WECHAT_LOGIN_UNAVAILABLE');
    const who = { appId: app.appId, ...(await exchange(app)) };
    const { userId, created } = await identities.findOrCreateUser(who, deps.clock(), newUserName(who.appId, who.openid));
    if (created) deps.logger.info({ userId, appId: who.appId }, 'new customer from wechat');
    return userId;
  }

  return {
    miniProgram: (code) =>
      login(deps.config.miniProgram, async (app) => {
        const answer = await client.code2Session(app, code);
        return { openid: answer.openid, unionid: answer.unionid ?? null, sessionKey: answer.session_key };
      }),

    officialAccount: (code) =>
      login(deps.config.officialAccount, async (app) => {
        const answer = await client.officialAccountOAuth(app, code);
        // A snapshot page's virtual account is nobody yet: the person must open the full page first.
        if (answer.is_snapshotuser === 1) {
          throw new AppError('WECHAT_USER_BLOCKED', '请点击页面下方“使用完整服务”后再登录');
        }
        // The web-authorization access_token is not kept: snsapi_base needs nothing beyond the openid.
        return { openid: answer.openid, unionid: answer.unionid ?? null, sessionKey: null };
      }),
  };
}
