import { schema } from '@qiaodu/db';
import { and, asc, eq, lte, notExists } from 'drizzle-orm';
import { loggableError } from '../http/loggable-error';
import type { OrderDeps } from '../orders/deps';
import type { OrderJobPass } from '../orders/jobs';
import type { ResourceOrigin } from '../payments/notification-types';
import { createRefundApplier } from '../payments/refund-apply';
import type { WeChatPayGateway, WeChatRefund } from '../wechatpay/gateway';
import { moveRefund } from './refund-repository';
import { settleRefund } from './settle';
import { WECHAT_EXECUTOR_NAME } from './wechat-executor';
import { MAX_WECHAT_REFUND_ATTEMPTS, wechatOutRefundNo } from './wechat-refund-no';

const { paymentNotifications, refunds } = schema;

/**
 * A refund is asked about once it has waited this long since it was approved (or last asked
 * about): WeChat settles most within minutes and tells us; this catches the notification that
 * never came. WeChat suggests asking about once a minute at first, then less often.
 */
const WAIT_MS = 2 * 60 * 1000;
/** Per pass: a backlog is worked off over a few passes. */
const PASS_LIMIT = 50;
/** An approved refund WeChat has never heard of: the executor died before its call went through. */
const NEVER_SUBMITTED = '退款未能提交到微信支付，请重新发起';

/**
 * The refund WeChat is working on for this refund number now: the first attempt that is not
 * CLOSED (wechat-refund-no.ts), or the last closed one when no later attempt exists; null when
 * WeChat has none at all.
 */
export async function currentWeChatRefund(gateway: WeChatPayGateway, refundNo: string): Promise<WeChatRefund | null> {
  let last: WeChatRefund | null = null;
  for (let attempt = 1; attempt <= MAX_WECHAT_REFUND_ATTEMPTS; attempt++) {
    const found = await gateway.queryRefund(wechatOutRefundNo(refundNo, attempt));
    if (found === null) return last;
    if (found.status !== 'CLOSED') return found;
    last = found;
  }
  return last;
}

/**
 * The sync pass: WeChat refunds of approved refunds that have waited a while without a final
 * result are asked about (GET /v3/refund/domestic/refunds/{out_refund_no}) and the answer goes
 * through the refund notification's applier (source 'query'), so a lost notification and a
 * delivered one meet the same exactly-once rules. A refund WeChat never received (the process
 * died before the executor's call went through) fails, for the team to send again. Bounded per
 * pass; one refund that cannot be asked about is logged and skipped.
 */
export function refundSyncPass(deps: OrderDeps): OrderJobPass {
  const apply = createRefundApplier(deps);

  async function sync(gateway: WeChatPayGateway, refund: { id: number; refundNo: string; externalRefundId: string | null }, now: Date): Promise<boolean> {
    const found = await currentWeChatRefund(gateway, refund.refundNo);
    if (found === null) {
      // Waited WAIT_MS after approval: the executor's call (seconds at most) is long over.
      return (await settleRefund(deps.db, refund.id, { status: 'failed', reason: NEVER_SUBMITTED }, now)) !== null;
    }
    if (found.status === 'PROCESSING' && refund.externalRefundId !== null) {
      // Still processing: asked about again after another WAIT_MS, not on every tick.
      await deps.db.transaction((tx) => moveRefund(tx, refund.id, ['approved'], { updatedAt: now }));
      return false;
    }
    const origin: ResourceOrigin = { source: 'query', notificationId: null, eventType: null, serial: null, timestamp: null, receivedAt: now };
    const result = await apply(found, origin);
    if (result.outcome !== 'applied') {
      deps.logger.warn({ refundId: refund.id, outcome: result.outcome, reason: 'reason' in result ? result.reason : null }, 'refund query result not applied');
      await deps.db.transaction((tx) => moveRefund(tx, refund.id, ['approved'], { updatedAt: now }));
    }
    return result.outcome === 'applied';
  }

  return {
    name: 'refundSync',
    async run(now) {
      const gateway = deps.wechatPay;
      if (!gateway) return 0;
      const due = await deps.db
        .select({ id: refunds.id, refundNo: refunds.refundNo, externalRefundId: refunds.externalRefundId })
        .from(refunds)
        .where(
          and(
            eq(refunds.status, 'approved'),
            eq(refunds.executor, WECHAT_EXECUTOR_NAME),
            lte(refunds.updatedAt, new Date(now.getTime() - WAIT_MS)),
            // Our query already found a result that does not match the refund: it waits for staff,
            // not for the next pass to log the same mismatch again.
            notExists(
              deps.db
                .select({ id: paymentNotifications.id })
                .from(paymentNotifications)
                .where(
                  and(
                    eq(paymentNotifications.refundId, refunds.id),
                    eq(paymentNotifications.outcome, 'flagged'),
                    eq(paymentNotifications.source, 'query'),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(refunds.updatedAt))
        .limit(PASS_LIMIT);
      let moved = 0;
      for (const refund of due) {
        try {
          if (await sync(gateway, refund, now)) moved += 1;
        } catch (error) {
          deps.logger.warn({ err: loggableError(error), refundId: refund.id }, 'refund sync could not ask WeChat Pay; tried again next pass');
        }
      }
      return moved;
    },
  };
}
