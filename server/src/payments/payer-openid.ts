import { schema, type Db } from '@qiaodu/db';
import type { WechatPayChannel } from '@qiaodu/shared';
import { and, asc, eq } from 'drizzle-orm';
import { AppError } from '../http/app-error';
import type { WeChatPayConfig } from '../wechatpay/config';

const { wechatIdentities } = schema;

export interface Payer {
  /** The app the prepay is ordered for: the payer's openid belongs to it. */
  appId: string;
  openid: string;
}

/**
 * The app a channel pays in: wx.requestPayment runs in the mini-program, getBrandWCPayRequest in
 * the WeChat browser under the official account (the mini-program's app when there is none).
 */
export function appIdOfChannel(config: WeChatPayConfig, channel: WechatPayChannel): string {
  return channel === 'miniprogram' ? config.appId : (config.mpAppId ?? config.appId);
}

/**
 * Who pays, as WeChat knows them: the customer's openid in the channel's app, from their WeChat
 * login. A demo shop's personas never logged in with WeChat, so they pay under a stable made-up
 * openid (only the simulator ever sees it). Anywhere else a customer without one cannot pay:
 * WeChat binds a prepay id to an openid.
 */
export async function payerOf(
  db: Db,
  input: { customerId: number; channel: WechatPayChannel; config: WeChatPayConfig; demoLogin: boolean },
): Promise<Payer> {
  const appId = appIdOfChannel(input.config, input.channel);
  const [identity] = await db
    .select({ openid: wechatIdentities.openid })
    .from(wechatIdentities)
    .where(and(eq(wechatIdentities.userId, input.customerId), eq(wechatIdentities.appId, appId)))
    .orderBy(asc(wechatIdentities.id))
    .limit(1);
  if (identity) return { appId, openid: identity.openid };
  if (input.demoLogin) return { appId, openid: `demo_openid_${input.customerId}` };
  throw new AppError('WECHAT_IDENTITY_REQUIRED');
}
