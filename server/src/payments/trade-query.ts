import type { WechatTradeState } from '@qiaodu/shared';
import type { WeChatPayGateway } from '../wechatpay/gateway';
import type { ResourceApplier } from './notification-types';

/**
 * Asks WeChat about an order's trade and, when it was paid, applies the answer through the same
 * applier as the notification (source 'query'): a missed or late notification and a delivered one
 * meet the same exactly-once rules, so asking twice or racing the notification changes nothing.
 * Answers WeChat's trade_state, or null when WeChat has no such trade. Throws WeChatPayApiError
 * when WeChat could not be asked, and an Error when the applier rejected the payment (it logged
 * why): the caller must not act as if the money was recorded.
 */
export async function queryAndApplyTrade(
  gateway: WeChatPayGateway,
  applyTransaction: ResourceApplier,
  outTradeNo: string,
  receivedAt: Date,
): Promise<WechatTradeState | null> {
  const trade = await gateway.queryTransaction(outTradeNo);
  if (!trade) return null;
  if (trade.trade_state === 'SUCCESS') {
    const applied = await applyTransaction(trade, { source: 'query', notificationId: null, eventType: null, serial: null, timestamp: null, receivedAt });
    if (applied.outcome === 'rejected') throw new Error(`the payment of ${outTradeNo} was not recorded: ${applied.reason}`);
  }
  return trade.trade_state;
}
