import type { KeyObject } from 'node:crypto';
import type { WeChatPayParams, WechatRefundStatus, WechatTradeState } from '@qiaodu/shared';
import type { WeChatPayConfig } from './config';

/*
 * What the shop needs from WeChat Pay v3, in its own words. client.ts implements it over HTTP
 * (wechatpay-node-v3 for signing and the calls; our own code where the library is wrong), against
 * WECHATPAY_API_BASE: the real api.mch.weixin.qq.com, or the simulator in tests and demo mode.
 */

export interface JsapiPrepayInput {
  /** The mini-program's or the official account's AppID (the payer's openid belongs to it). */
  appId: string;
  /** ≤ 127 characters (WeChat counts characters, not bytes). */
  description: string;
  /** The order number. */
  outTradeNo: string;
  /** The order's payment deadline: WeChat refuses payment after it (time_expire). */
  timeExpire: Date;
  totalFen: number;
  payerOpenid: string;
}

/** A transaction as WeChat's query answers it and TRANSACTION.* notifications carry it. */
export interface WeChatTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_state: WechatTradeState;
  trade_state_desc?: string;
  success_time?: string;
  amount?: { total?: number; payer_total?: number; currency?: string };
  payer?: { openid?: string };
}

/** A refund as the refunds API and its query answer it. Notifications use refund_status instead of status. */
export interface WeChatRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id?: string;
  out_trade_no?: string;
  status: WechatRefundStatus;
  success_time?: string;
  amount: { refund: number; total: number; currency?: string };
}

export interface CreateRefundInput {
  /** Unique per merchant: refunds.refund_no, or flagged_payment_refunds.out_refund_no. */
  outRefundNo: string;
  /** Either identifies the payment; the transaction id is preferred when known. */
  transactionId: string | null;
  outTradeNo: string;
  refundFen: number;
  /** What was paid in total (amount.total). */
  totalFen: number;
  /** ≤ 80 characters; the payer sees it. */
  reason: string;
}

/**
 * A call to WeChat Pay that did not do its job. `code` is WeChat's error code (ORDERPAID,
 * ORDER_NOT_EXIST, SYSTEM_ERROR, …) or one of ours: TIMEOUT (no answer in time), NETWORK
 * (connection failed), BAD_RESPONSE_SIGNATURE (the answer was not signed by WeChat: never trusted),
 * BAD_RESPONSE (not the JSON WeChat sends). `status` is the HTTP status, null without an answer.
 */
export class WeChatPayApiError extends Error {
  override name = 'WeChatPayApiError';
  constructor(
    readonly code: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }

  /** Worth trying again later: WeChat was busy or unreachable, nothing was refused. */
  get retryable(): boolean {
    return this.status === null || this.status >= 500 || this.status === 429 || ['SYSTEM_ERROR', 'FREQUENCY_LIMITED'].includes(this.code);
  }
}

export interface WeChatPayGateway {
  readonly config: WeChatPayConfig;
  /** The built-in simulator plays WeChat Pay (demo mode). */
  readonly simulated: boolean;
  /** POST /v3/pay/transactions/jsapi → prepay_id. */
  jsapiPrepay(input: JsapiPrepayInput): Promise<{ prepayId: string }>;
  /** Signs the wx.requestPayment / getBrandWCPayRequest parameters for a prepay id (fresh timestamp and nonce). */
  payParams(appId: string, prepayId: string): WeChatPayParams;
  /** GET /v3/pay/transactions/out-trade-no/{no}; null when WeChat has no such trade (ORDER_NOT_EXIST). */
  queryTransaction(outTradeNo: string): Promise<WeChatTransaction | null>;
  /** POST …/out-trade-no/{no}/close; 'paid' when WeChat refuses because it was paid (ORDERPAID), 'unknown' when it never had it. */
  closeTransaction(outTradeNo: string): Promise<'closed' | 'paid' | 'unknown'>;
  /** POST /v3/refund/domestic/refunds (with our refund notify URL); a repeated out_refund_no is the same refund. */
  createRefund(input: CreateRefundInput): Promise<WeChatRefund>;
  /** GET /v3/refund/domestic/refunds/{out_refund_no}; null when WeChat has no such refund. */
  queryRefund(outRefundNo: string): Promise<WeChatRefund | null>;
  /**
   * The keys notifications are verified with, by Wechatpay-Serial: the configured public key
   * (public-key mode) or the platform certificates from /v3/certificates (fetched, cached and
   * refreshed; an unknown serial triggers at most one refresh per minute).
   */
  verificationKey(serial: string): Promise<KeyObject | null>;
  close(): Promise<void>;
}
