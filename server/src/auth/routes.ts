import type { Context } from 'koa';
import { endpoints, type AuthOptions } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import { isDemoMode, type WeChatConfig } from '../wechat/config';
import type { WeChatLogin } from '../wechat/login-service';
import type { createDemoPersonas } from './demo-personas';
import type { RateLimiter } from './rate-limit';
import type { SessionService } from './session-service';

export interface AuthRouteDeps {
  sessions: SessionService;
  wechat: WeChatConfig;
  wechatLogin: WeChatLogin;
  demoPersonas: ReturnType<typeof createDemoPersonas>;
  loginLimiter: RateLimiter;
  /** How customers pay: a merchant's WeChat Pay, the demo simulator, or not at all (app.ts decides). */
  payment: AuthOptions['payment'];
}

/**
 * Login attempts are counted per client address (as our own proxy saw it, with TRUST_PROXY)
 * and per way of logging in, so a class opening the shop together through one school address
 * uses separate allowances for WeChat logins, web-view tickets and demo logins.
 */
const limitLogins = (deps: AuthRouteDeps, ctx: Context, kind: 'wechat' | 'ticket' | 'demo') =>
  deps.loginLimiter.hit(`login:${kind}:${ctx.ip}`);

export function mountAuthRoutes(mount: RouteMounter, deps: AuthRouteDeps): void {
  const demo = isDemoMode(deps.wechat);

  mount(
    endpoints.authOptions,
    async () => ({
      demo,
      miniProgram: deps.wechat.miniProgram !== null,
      officialAccountAppId: deps.wechat.officialAccount?.appId ?? null,
      payment: deps.payment,
    }),
    { cacheControl: 'no-cache' },
  );

  // In production these routes do not exist at all: they answer 404 like any unknown path.
  if (demo) {
    mount(endpoints.demoPersonas, () => deps.demoPersonas.list());
    mount(endpoints.demoLogin, async ({ body }, ctx) => {
      await limitLogins(deps, ctx, 'demo');
      return deps.sessions.login(await deps.demoPersonas.userIdOf(body.persona), 'demo');
    });
  }

  mount(endpoints.wechatMiniProgramLogin, async ({ body }, ctx) => {
    await limitLogins(deps, ctx, 'wechat');
    return deps.sessions.login(await deps.wechatLogin.miniProgram(body.code), 'miniprogram');
  });

  mount(endpoints.wechatOfficialAccountLogin, async ({ body }, ctx) => {
    await limitLogins(deps, ctx, 'wechat');
    return deps.sessions.login(await deps.wechatLogin.officialAccount(body.code), 'official_account');
  });

  mount(endpoints.createLoginTicket, ({ actor }) => deps.sessions.issueTicket(actor));

  mount(endpoints.exchangeLoginTicket, async ({ body }, ctx) => {
    await limitLogins(deps, ctx, 'ticket');
    return deps.sessions.redeemTicket(body.ticket);
  });

  mount(endpoints.logout, async ({ actor }) => {
    await deps.sessions.logout(actor);
    return { ok: true as const };
  });
}
