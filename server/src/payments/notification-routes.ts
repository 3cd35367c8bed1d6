import type Router from '@koa/router';
import type { PaymentNotificationKind } from '@qiaodu/shared';
import type { Context } from 'koa';
import type { OrderDeps } from '../orders/deps';
import { handleWeChatNotification, type NotificationAnswer, type NotificationAppliers } from './notification-intake';
import { recordPaymentEvent } from './payment-log';

/** WeChat's notifications are a few hundred bytes; anything near this is not one. */
export const MAX_NOTIFICATION_BYTES = 64 * 1024;

/** Where WeChat Pay sends notifications (WECHATPAY notify URLs = PUBLIC_BASE_URL + these). */
export const NOTIFY_PATHS: Record<PaymentNotificationKind, string> = {
  transaction: '/api/pay/wechat/notify',
  refund: '/api/pay/wechat/refund-notify',
};

const TOO_LARGE = '通知内容过大';
const tooLarge = (): NotificationAnswer => ({ status: 413, body: JSON.stringify({ code: 'FAIL', message: TOO_LARGE }) });

/** The body's exact bytes, or null past the limit (the JSON body parser skips these paths for that). */
async function rawBody(ctx: Context): Promise<Buffer | null> {
  if (Number(ctx.get('Content-Length') || 0) > MAX_NOTIFICATION_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_NOTIFICATION_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function headersOf(ctx: Context): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(ctx.request.headers)) headers[name] = Array.isArray(value) ? value[0] : value;
  return headers;
}

/**
 * POST /api/pay/wechat/notify (payments) and /api/pay/wechat/refund-notify (refunds): WeChat
 * Pay's callers, not our clients, so no session and no JSON error envelope; they get 204 or
 * {"code":"FAIL","message":…} as WeChat expects.
 */
export function mountWeChatNotificationRoutes(router: Router, deps: OrderDeps, appliers: NotificationAppliers): void {
  for (const [kind, path] of Object.entries(NOTIFY_PATHS) as [PaymentNotificationKind, string][]) {
    router.post(path, async (ctx) => {
      let body: Buffer | null;
      try {
        body = await rawBody(ctx);
      } catch {
        // The caller went away mid-body: nothing to answer, nothing happened.
        ctx.status = 400;
        return;
      }
      const headers = headersOf(ctx);
      if (body === null) {
        // Refused unread, but still in the payment event log like every other refusal.
        await recordPaymentEvent(deps.db, {
          kind,
          source: 'notification',
          outcome: 'rejected',
          reason: TOO_LARGE,
          receivedAt: deps.clock(),
          wechatpaySerial: headers['wechatpay-serial'] ?? null,
        }).catch(() => undefined);
      }
      const answer = body === null ? tooLarge() : await handleWeChatNotification(deps, kind, { headers, rawBody: body }, appliers);
      ctx.status = answer.status;
      if (answer.body) {
        ctx.type = 'application/json';
        ctx.body = answer.body;
      } else {
        ctx.body = null;
      }
    });
  }
}
