import type { Logger } from 'pino';
import { WeChatPayApiError, type WeChatPayGateway, type WeChatRefund } from '../wechatpay/gateway';
import { truncateCharacters } from '../wechatpay/wechat-time';
import type { RefundExecution, RefundExecutor, RefundRequestToExecute } from './refund-executor';
import { MAX_WECHAT_REFUND_ATTEMPTS, wechatOutRefundNo } from './wechat-refund-no';
import { parseWechatTime } from '../wechatpay/wechat-time';

/** Stored in refunds.executor: the sync pass asks WeChat about these refunds. */
export const WECHAT_EXECUTOR_NAME = 'wechat';

/** WeChat's limit on out_refund_no (the gateway cuts the reason to WeChat's 80 characters). */
const MAX_OUT_REFUND_NO = 64;

/** What the team reads when WeChat ends a refund without paying it (zh-CN; shown on the refund's timeline). */
export const WECHAT_REFUND_FAILURES = {
  ABNORMAL: '退款异常（如用户银行卡已注销），请核实后重新发起或线下处理',
  CLOSED: '微信支付已关闭该退款，款项未退回，请核实后重新发起',
  CLOSED_TOO_OFTEN: '该退款已多次被微信支付关闭，请联系管理员线下处理',
} as const;

/** Refusals of POST /v3/refund/domestic/refunds by WeChat's error code, in words the team can act on. */
const REFUSALS: Record<string, string> = {
  NOT_ENOUGH: '商户余额不足，请充值后重新发起',
  USER_ACCOUNT_ABNORMAL: '用户账户异常或已注销，无法原路退回，请线下处理',
  NO_AUTH: '商户没有退款权限，请在微信支付商户平台检查退款设置',
  RESOURCE_NOT_EXISTS: '微信支付找不到该订单的支付记录，无法退款',
  ORDER_NOT_EXIST: '微信支付找不到该订单的支付记录，无法退款',
  MCH_NOT_EXISTS: '微信支付商户号有误，请联系管理员检查支付配置',
  SIGN_ERROR: '微信支付签名校验失败，请联系管理员检查支付配置',
  FREQUENCY_LIMITED: '微信支付请求过于频繁，请稍后重新发起',
  SYSTEM_ERROR: '微信支付系统繁忙，请稍后重新发起',
  TIMEOUT: '微信支付未及时响应，退款结果未知，请稍后重新发起（同一退款单号不会重复退款）',
  NETWORK: '无法连接微信支付，请稍后重新发起',
  BAD_RESPONSE_SIGNATURE: '微信支付的应答未通过验签，请稍后重新发起',
  BAD_RESPONSE: '微信支付的应答无法识别，请稍后重新发起',
};

/** WeChat's own explanation is kept for these (e.g. 申请退款金额超过订单可退金额): it says what was wrong. */
const EXPLAINED_BY_WECHAT = new Set(['INVALID_REQUEST', 'PARAM_ERROR']);
const MAX_WECHAT_MESSAGE_CHARS = 60;

/** The failure the team sees for an error WeChat answered (or the lack of an answer). */
export function refusalReason(error: WeChatPayApiError): string {
  const known = REFUSALS[error.code];
  if (known) return known;
  if (EXPLAINED_BY_WECHAT.has(error.code)) {
    const said = truncateCharacters(error.message.trim(), MAX_WECHAT_MESSAGE_CHARS);
    return said ? `微信支付拒绝了退款：${said}` : '微信支付拒绝了退款，请核实退款金额后重新发起';
  }
  return error.retryable ? REFUSALS.SYSTEM_ERROR! : `微信支付拒绝了退款（${truncateCharacters(error.code, 40)}）`;
}

/** What a refund's state at WeChat means for our refund (the executor's answer, a notification or a query). */
export function executionOf(refund: Pick<WeChatRefund, 'status' | 'refund_id' | 'success_time'>, clock: () => Date): RefundExecution {
  switch (refund.status) {
    case 'PROCESSING':
      return { status: 'processing', externalRefundId: refund.refund_id };
    case 'SUCCESS':
      // WeChat's success_time; our clock when it is missing or not a time.
      return { status: 'refunded', externalRefundId: refund.refund_id, at: parseWechatTime(refund.success_time) ?? clock() };
    case 'ABNORMAL':
      return { status: 'failed', reason: WECHAT_REFUND_FAILURES.ABNORMAL };
    case 'CLOSED':
      return { status: 'failed', reason: WECHAT_REFUND_FAILURES.CLOSED };
  }
}

/**
 * Pays approved refunds back through POST /v3/refund/domestic/refunds. WeChat usually answers
 * PROCESSING: the refund stays approved until REFUND.SUCCESS / ABNORMAL / CLOSED arrives
 * (payments/refund-apply.ts) or the sync pass asks (refund-sync.ts). A refund WeChat refuses
 * (balance, amount, account) is answered failed with the reason, and the team may retry it:
 * under the same out_refund_no, or the next one after WeChat closed it (wechat-refund-no.ts).
 * Anything that is not an answer of WeChat's (a bug) is thrown, and recorded as a failure by
 * run-executor.ts.
 */
export function createWeChatRefundExecutor(deps: { gateway: WeChatPayGateway; clock: () => Date; logger: Logger }): RefundExecutor {
  const { gateway, clock, logger } = deps;

  async function submit(refund: RefundRequestToExecute, outRefundNo: string): Promise<WeChatRefund> {
    return gateway.createRefund({
      outRefundNo,
      transactionId: refund.transactionId,
      outTradeNo: refund.orderNo,
      refundFen: refund.amountFen,
      totalFen: refund.orderPaidFen,
      reason: refund.reason,
    });
  }

  return {
    name: WECHAT_EXECUTOR_NAME,
    async execute(refund) {
      for (let attempt = 1; ; attempt++) {
        const outRefundNo = wechatOutRefundNo(refund.refundNo, attempt);
        let answer: WeChatRefund;
        try {
          answer = await submit(refund, outRefundNo);
        } catch (error) {
          if (!(error instanceof WeChatPayApiError)) throw error;
          logger.warn({ refundId: refund.refundId, outRefundNo, code: error.code, status: error.status }, 'WeChat Pay did not take the refund');
          return { status: 'failed', reason: refusalReason(error) };
        }
        if (answer.status !== 'CLOSED') return executionOf(answer, clock);
        // This number was closed at WeChat (an earlier attempt): the retry goes under the next one.
        const next = wechatOutRefundNo(refund.refundNo, attempt + 1);
        if (attempt >= MAX_WECHAT_REFUND_ATTEMPTS || next.length > MAX_OUT_REFUND_NO) {
          return { status: 'failed', reason: WECHAT_REFUND_FAILURES.CLOSED_TOO_OFTEN };
        }
      }
    },
  };
}

/**
 * Orders the demo seed paid (payment channel 'demo', transaction DEMO-…) moved no money: their
 * refunds go to the demo executor. Every other order was paid through WeChat Pay.
 */
export function createRefundExecutorByChannel(executors: { demo: RefundExecutor; wechat: RefundExecutor }): RefundExecutor {
  const executorFor = (refund: RefundRequestToExecute): RefundExecutor =>
    refund.paymentChannel === 'demo' ? executors.demo : executors.wechat;
  return {
    // What team-service stamps on an approval before run-executor.ts records the executor that ran.
    name: executors.wechat.name,
    executorFor,
    execute: (refund) => executorFor(refund).execute(refund),
  };
}
