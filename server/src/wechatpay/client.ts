import { createPublicKey, type KeyObject } from 'node:crypto';
import type { WechatRefundStatus, WechatTradeState } from '@qiaodu/shared';
import type { Logger } from 'pino';
import Pay from 'wechatpay-node-v3';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import { DEFAULT_WECHATPAY_API_BASE, type WeChatPayConfig } from './config';
import { WeChatPayApiError, type WeChatPayGateway, type WeChatRefund, type WeChatTransaction } from './gateway';
import { createPlatformCertificateStore, type PlatformCertificateStore } from './platform-certificates';
import { jsapiPayParams } from './signature';
import { createPayTransport, signedAnswer, type SignedAnswer } from './transport';
import { truncateCharacters, wechatTime } from './wechat-time';

/*
 * The shop's WeChat Pay v3 client. Who does what:
 * - wechatpay-node-v3 (theirs): builds the jsapi, query, close, refund and refund-query calls and
 *   signs them (its buildAuthorization: `METHOD\npath\nts\nnonce\nbody\n` with the merchant key).
 * - transport.ts (ours): sends them to WECHATPAY_API_BASE with a timeout, maps failures to
 *   WeChatPayApiError, and verifies WeChat's signature on every answer before it is read.
 * - platform-certificates.ts (ours): the keys answers and notifications are verified with in
 *   platform-certificate mode (the library's decrypts without the GCM tag check).
 * - signature.ts jsapiPayParams (ours): the wx.requestPayment parameters, signed afresh for a reused
 *   prepay id (the library only signs them inside transactions_jsapi, with a Math.random() nonce).
 */

export interface WeChatPayGatewayOptions {
  logger: Logger;
  /** How long one call may take before it fails with TIMEOUT (WeChat answers within a few seconds). */
  timeoutMs?: number;
  /** The built-in simulator plays WeChat Pay (demo mode). */
  simulated?: boolean;
  /** The platform-certificate refresh schedule reads it; tests move it. */
  clock?: () => Date;
}

/** WeChat asks for a User-Agent naming the caller (the library's default is "127.0.0.1"). */
const USER_AGENT = 'qiaodu-mall wechatpay-node-v3/2.2.1';

/** out_trade_no / out_refund_no as WeChat allows them; the library puts them into URL paths unescaped. */
const MERCHANT_NUMBER = /^[A-Za-z0-9_\-|*@]{1,64}$/;

/** The library, plus one signed GET of our choosing (its own get_certificates decrypts unsafely). */
class MerchantPay extends Pay {
  signedGet(path: string): Promise<Output> {
    const url = `${DEFAULT_WECHATPAY_API_BASE}${path}`;
    return this.httpService.get(url, this.getHeaders(this.buildAuthorization('GET', url)));
  }
}

function merchantNumber(value: string, name: string): string {
  if (!MERCHANT_NUMBER.test(value)) throw new WeChatPayApiError('PARAM_ERROR', 400, `${name} 格式不符合微信支付要求：${value}`);
  return value;
}

function badResponse(what: string, answer: SignedAnswer): WeChatPayApiError {
  return new WeChatPayApiError('BAD_RESPONSE', answer.status, `微信支付应答缺少${what}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function transactionFrom(answer: SignedAnswer, outTradeNo: string): WeChatTransaction {
  const data = answer.data;
  if (!isObject(data) || typeof data.trade_state !== 'string' || typeof data.mchid !== 'string' || typeof data.appid !== 'string') {
    throw badResponse('交易状态', answer);
  }
  // A signed answer about another trade would still be the wrong answer.
  if (data.out_trade_no !== outTradeNo) throw badResponse(`订单号 ${outTradeNo}`, answer);
  return { ...data, trade_state: data.trade_state as WechatTradeState } as unknown as WeChatTransaction;
}

function refundFrom(answer: SignedAnswer, outRefundNo: string): WeChatRefund {
  const data = answer.data;
  if (!isObject(data) || typeof data.refund_id !== 'string' || typeof data.status !== 'string' || !isObject(data.amount)) {
    throw badResponse('退款状态', answer);
  }
  if (data.out_refund_no !== outRefundNo) throw badResponse(`退款单号 ${outRefundNo}`, answer);
  if (typeof data.amount.refund !== 'number' || typeof data.amount.total !== 'number') throw badResponse('退款金额', answer);
  return { ...data, status: data.status as WechatRefundStatus } as unknown as WeChatRefund;
}

/** WeChat's own "no such thing" answer (signed, so it is WeChat's word and not a proxy's 404). */
function isNotFound(error: unknown, codes: readonly string[], anyNotFound = false): boolean {
  if (!(error instanceof WeChatPayApiError) || error.code.startsWith('BAD_RESPONSE')) return false;
  return codes.includes(error.code) || (anyNotFound && error.status === 404);
}

/** A "no such thing" answer turns into null; everything else goes on up. */
async function orNull<T>(call: () => Promise<T>, notFound: (error: unknown) => boolean): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (notFound(error)) return null;
    throw error;
  }
}

export function createWeChatPayGateway(config: WeChatPayConfig, options: WeChatPayGatewayOptions): WeChatPayGateway {
  const { logger } = options;
  const closing = new AbortController();
  const verification = config.verification;
  let certificates: PlatformCertificateStore | null = null;

  async function verificationKey(serial: string): Promise<KeyObject | null> {
    if (verification.mode === 'public_key') return serial === verification.publicKeyId ? verification.publicKey : null;
    return certificates ? certificates.key(serial) : null;
  }

  const pay = new MerchantPay({
    appid: config.appId,
    mchid: config.mchid,
    // Always given, so the library never derives it: its constructor reads `publicKey` only to
    // find the serial (getSN, with @fidm/x509) when serial_no is absent, yet refuses to start
    // without one. Without the merchant certificate we hand it the merchant's public key (PEM),
    // which it stores and never reads.
    serial_no: config.merchantSerial,
    publicKey:
      config.merchantCertificatePem ?? Buffer.from(createPublicKey(config.privateKey).export({ type: 'spki', format: 'pem' }) as string),
    privateKey: config.privateKeyPem,
    key: config.apiV3Key,
    userAgent: USER_AGENT,
  });
  pay.createHttp(
    createPayTransport({
      apiBase: config.apiBase,
      timeoutMs: options.timeoutMs ?? 5000,
      logger,
      verificationKey,
      selfVerifiedPaths: ['/v3/certificates'],
      signal: closing.signal,
    }),
  );
  if (verification.mode === 'platform_certificate') {
    certificates = createPlatformCertificateStore({
      fetchList: async () => signedAnswer(await pay.signedGet('/v3/certificates')),
      apiV3Key: config.apiV3Key,
      logger,
      clock: options.clock ?? (() => new Date()),
    });
  }

  return {
    config,
    simulated: options.simulated ?? false,

    async jsapiPrepay(input) {
      const answer = signedAnswer(
        await pay.transactions_jsapi({
          appid: input.appId,
          mchid: config.mchid,
          description: truncateCharacters(input.description, 127),
          out_trade_no: merchantNumber(input.outTradeNo, 'out_trade_no'),
          time_expire: wechatTime(input.timeExpire),
          notify_url: config.notifyUrl,
          amount: { total: input.totalFen, currency: 'CNY' },
          payer: { openid: input.payerOpenid },
        }),
      );
      // On success the library replaces WeChat's { prepay_id } with its own pay parameters
      // ({ package: 'prepay_id=…', … }); we sign those ourselves (payParams), so only the id is kept.
      const data = answer.data as { prepay_id?: unknown; package?: unknown } | null;
      const prepayId =
        typeof data?.prepay_id === 'string' ? data.prepay_id : typeof data?.package === 'string' ? data.package.replace(/^prepay_id=/, '') : '';
      if (!prepayId) throw badResponse(' prepay_id', answer);
      return { prepayId };
    },

    payParams(appId, prepayId) {
      return jsapiPayParams({ appId, prepayId, privateKey: config.privateKey });
    },

    async queryTransaction(outTradeNo) {
      merchantNumber(outTradeNo, 'out_trade_no');
      return orNull(
        async () => transactionFrom(signedAnswer(await pay.query({ out_trade_no: outTradeNo })), outTradeNo),
        (error) => isNotFound(error, ['ORDER_NOT_EXIST']),
      );
    },

    async closeTransaction(outTradeNo) {
      merchantNumber(outTradeNo, 'out_trade_no');
      try {
        signedAnswer(await pay.close(outTradeNo));
        return 'closed';
      } catch (error) {
        if (error instanceof WeChatPayApiError && error.code === 'ORDERPAID') return 'paid';
        if (isNotFound(error, ['ORDER_NOT_EXIST'])) return 'unknown';
        throw error;
      }
    },

    async createRefund(input) {
      const reason = truncateCharacters(input.reason.trim(), 80);
      const common = {
        out_refund_no: merchantNumber(input.outRefundNo, 'out_refund_no'),
        ...(reason ? { reason } : {}),
        notify_url: config.refundNotifyUrl,
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      };
      const answer = signedAnswer(
        await pay.refunds(
          input.transactionId
            ? { ...common, transaction_id: input.transactionId }
            : { ...common, out_trade_no: merchantNumber(input.outTradeNo, 'out_trade_no') },
        ),
      );
      return refundFrom(answer, input.outRefundNo);
    },

    async queryRefund(outRefundNo) {
      merchantNumber(outRefundNo, 'out_refund_no');
      return orNull(
        async () => refundFrom(signedAnswer(await pay.find_refunds(outRefundNo)), outRefundNo),
        (error) => isNotFound(error, ['RESOURCE_NOT_EXISTS'], true),
      );
    },

    verificationKey,

    async close() {
      closing.abort();
    },
  };
}
