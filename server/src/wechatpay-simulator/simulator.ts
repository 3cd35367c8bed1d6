import { createCipheriv, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { listenOnLoopback } from '../http/loopback';
import { selfSignedCertificatePem } from '../wechatpay/self-signed-certificate';

/*
 * A local WeChat Pay v3 (api.mch.weixin.qq.com) for tests and the demo mode (wechatpay/demo-mode.ts
 * starts it in process when no merchant is configured, with kept keys and in-process delivery).
 * Its crypto is written here on purpose and shares nothing with server/src/wechatpay/*: it plays
 * WeChat, and code shared between the two sides would make a wrong message format agree with
 * itself. Only the certificate writer is reused, to make a platform certificate (it is not part of
 * the wire format checks).
 */

export type WeChatPayKeyMode = 'public_key' | 'platform_certificate';

export interface WeChatPaySimulatorOptions {
  mchid: string;
  /** AppIDs bound to the merchant (mini-program, official account): jsapi refuses others. */
  appIds: readonly string[];
  /** Checks the Authorization signature of every call. */
  merchantPublicKey: KeyObject;
  /** Merchant API certificate serial (hex; compared case-insensitively). */
  merchantSerial: string;
  /** 32 characters: encrypts notifications and /v3/certificates. */
  apiV3Key: string;
  mode: WeChatPayKeyMode;
  /** Waits between notification attempts; WeChat's schedule by default, compressed in tests. */
  notifyRetryDelaysMs?: readonly number[];
  /** How long one notification attempt waits for the merchant (WeChat: 5 s). */
  notifyTimeoutMs?: number;
  /** Settle every refund as SUCCESS this long after it is accepted (demo mode); manual by default. */
  autoSettleRefundsAfterMs?: number;
  /**
   * The platform key to sign with, kept by the caller (demo mode keeps it under DATA_DIR so the
   * merchant side's configured public key stays valid across restarts); generated per run when absent.
   */
  platformKey?: { privateKey: KeyObject; keyId: string };
  /**
   * How a notification reaches the merchant; an HTTP POST to the notify URL by default. Demo mode
   * hands it to the notification handler in process (the server may not know its own address).
   */
  sendNotification?: NotificationSender;
}

/** Delivers one notification attempt; answers the merchant's status and body, or throws (no answer). */
export type NotificationSender = (
  url: string,
  notification: { eventType: string; headers: Record<string, string>; body: string },
) => Promise<{ status: number; body: string }>;

/** WeChat's documented retry intervals after a failed notification (15s/15s/30s/3m/10m/20m/30m…, 24h4m in all). */
export const WECHAT_NOTIFY_RETRY_DELAYS_MS: readonly number[] = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
].map((seconds) => seconds * 1000);

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'PAYERROR' | 'REFUND';
export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';

export interface SimulatedTrade {
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  attach: string;
  notifyUrl: string;
  timeExpire: string | null;
  totalFen: number;
  openid: string;
  prepayId: string;
  state: TradeState;
  transactionId: string | null;
  successTime: string | null;
}

export interface SimulatedRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  refundFen: number;
  totalFen: number;
  reason: string;
  notifyUrl: string | null;
  status: RefundStatus;
  createTime: string;
  successTime: string | null;
}

export interface RecordedPayRequest {
  method: string;
  /** Path with the query, exactly as received (what the signature covers). */
  url: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
  /** The HTTP status answered; null while pending or when the connection was dropped or left hanging. */
  status: number | null;
}

export interface DeliveryAttempt {
  at: Date;
  /** null when the merchant did not answer (refused, reset, timed out). */
  status: number | null;
  responseBody: string;
  error?: string;
}

export interface NotificationDelivery {
  id: string;
  eventType: string;
  url: string;
  /** The notification body (the same bytes on every attempt; headers are signed afresh each time). */
  body: string;
  /** The decrypted resource, for assertions. */
  resource: Record<string, unknown>;
  attempts: DeliveryAttempt[];
  acknowledged: boolean;
  /** Settles when the first attempt is answered or failed (the retries go on behind it). */
  firstAttempt: Promise<void>;
  /** Settles when acknowledged, when the schedule runs out, or when the simulator closes. */
  done: Promise<void>;
}

/** What the next matching API call does instead of its job. */
export type PayApiFailure =
  /** WeChat's error shape, e.g. 500 SYSTEM_ERROR, 429 FREQUENCY_LIMITED, 403 NOT_ENOUGH. */
  | { kind: 'error'; status: number; code: string; message?: string }
  /** Does its job, but signs the answer with a key that is not the platform's. */
  | { kind: 'bad-response-signature' }
  /** Never answers (until the simulator closes): the caller's timeout must fire. */
  | { kind: 'hang' }
  /** Drops the connection without an answer (the job is not done). */
  | { kind: 'reset' };

export interface FailureMatch {
  method?: string;
  /** Applies to calls whose path starts with this (e.g. /v3/refund/). */
  pathPrefix?: string;
}

export type NotificationTamper =
  /** Body changed after signing: bad signature. */
  | 'body'
  /** A ciphertext byte flipped before signing: the signature holds, decryption fails. */
  | 'ciphertext'
  /** The GCM tag's last byte flipped before signing. */
  | 'tag'
  /** associated_data changed (signed): decryption fails. */
  | 'aad'
  /** Encrypted with another APIv3 key (signed): decryption fails. */
  | 'key'
  /** Signed with an RSA key that is not the platform's, under the platform's serial. */
  | 'signing-key'
  /** Correctly signed, ten minutes old. */
  | 'timestamp'
  /** Correctly signed, under a Wechatpay-Serial the merchant does not know. */
  | 'serial'
  /** WeChat's probe: Wechatpay-Signature WECHATPAY/SIGNTEST/…, which must be refused. */
  | 'signtest';

export interface CraftNotificationInput {
  /** The plaintext resource (e.g. from transactionResource()); encrypted into resource.ciphertext. */
  resource: Record<string, unknown>;
  /** Defaults to TRANSACTION.SUCCESS. */
  eventType?: string;
  id?: string;
  summary?: string;
  tamper?: NotificationTamper;
}

export interface CraftedNotification {
  id: string;
  body: string;
  headers: Record<string, string>;
}

export interface PayOptions {
  /** Who pays; must be the payer of the prepay order (WeChat binds it). */
  openid?: string;
  /** Pay even after time_expire (WeChat would refuse): for the "paid after the shop expired it" race. */
  ignoreTimeExpire?: boolean;
}

export interface WeChatPaySimulator {
  readonly url: string;
  readonly mode: WeChatPayKeyMode;
  /** Wechatpay-Serial of everything the simulator signs: PUB_KEY_ID_… or the platform certificate serial. */
  readonly platformKeyId: string;
  readonly platformPublicKey: KeyObject;
  /** Platform-certificate mode only. */
  readonly platformCertificatePem: string | null;
  /** platformKeyId → platformPublicKey, as the merchant should configure or fetch it. */
  readonly verificationKeys: ReadonlyMap<string, KeyObject>;
  /** Every API call received, in order. */
  readonly requests: readonly RecordedPayRequest[];
  /** Every notification sent (or being sent), in order. */
  readonly notifications: readonly NotificationDelivery[];
  trade(outTradeNo: string): SimulatedTrade | undefined;
  refund(outRefundNo: string): SimulatedRefund | undefined;
  /** The customer pays: the trade becomes SUCCESS and TRANSACTION.SUCCESS is sent to its notify_url. */
  pay(outTradeNo: string, options?: PayOptions): NotificationDelivery;
  /** The customer's payment fails (PAYERROR); WeChat sends no notification for it. */
  fail(outTradeNo: string): void;
  /** Settles a refund; sends REFUND.SUCCESS / REFUND.CLOSED / REFUND.ABNORMAL when it has a notify_url. */
  refundOutcome(outRefundNo: string, status: Exclude<RefundStatus, 'PROCESSING'>): NotificationDelivery | null;
  /** What WeChat would encrypt into a TRANSACTION.* notification for this trade now. */
  transactionResource(outTradeNo: string): Record<string, unknown>;
  /** What WeChat would encrypt into a REFUND.* notification for this refund now. */
  refundResource(outRefundNo: string): Record<string, unknown>;
  craftNotification(input: CraftNotificationInput): CraftedNotification;
  /** POSTs a crafted notification the way WeChat does; answers the merchant's status and body. */
  sendNotification(url: string, notification: CraftedNotification): Promise<{ status: number; body: string }>;
  /** One-shot: the next matching call fails this way. */
  failNext(failure: PayApiFailure, match?: FailureMatch): void;
  /** Every matching call fails this way until setFailure(null). */
  setFailure(failure: PayApiFailure | null, match?: FailureMatch): void;
  /** Resolves when every notification sent so far is acknowledged or given up. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
const AUTH_MAX_SKEW_SECONDS = 300;
const GCM_TAG_BYTES = 16;
const OUT_TRADE_NO = /^[A-Za-z0-9_-]{6,32}$/;
const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomDigits(count: number): string {
  return Array.from(randomBytes(count), (byte) => String(byte % 10)).join('');
}

function randomAlphanumeric(count: number): string {
  return Array.from(randomBytes(count), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/** WeChat writes times in Beijing time with an explicit offset: 2018-06-08T10:34:56+08:00. */
function beijingTime(ms: number = Date.now()): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function rsaSha256(privateKey: KeyObject, message: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

/** AEAD_AES_256_GCM as WeChat uses it: the 16-byte tag appended to the ciphertext, base64. */
function sealResource(plaintext: string, apiV3Key: string, associatedData: string, nonce: string): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'), { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

function flipByte(base64: string, index: 'first' | 'last'): string {
  const bytes = Buffer.from(base64, 'base64');
  const at = index === 'first' ? 0 : bytes.length - 1;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

/** Reads `WECHATPAY2-SHA256-RSA2048 k="v",…` without the production parser (see the file comment). */
function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return null;
  const fields: Record<string, string> = {};
  for (const part of header.slice(AUTH_SCHEME.length + 1).split(',')) {
    const match = /^\s*(\w+)="([^"]*)"\s*$/.exec(part);
    if (!match?.[1] || match[2] === undefined) return null;
    fields[match[1]] = match[2];
  }
  for (const name of ['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature']) if (!fields[name]) return null;
  return fields;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function param(message: string): ApiError {
  return new ApiError(400, 'PARAM_ERROR', message);
}

/** WeChat only calls https notify URLs without a query; http is allowed here for a local receiver. */
function checkNotifyUrl(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length > 256) throw param(`${name} 格式错误`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw param(`${name} 不是合法的 URL`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && local))) throw param(`${name} 必须是 https 地址`);
  if (url.search) throw param(`${name} 不能携带参数`);
  return value;
}

function positiveFen(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw param(`${name} 必须是大于 0 的整数（单位：分）`);
  return value;
}

/** Starts the simulator on 127.0.0.1 at a random port, with a platform key made for this run. */
export async function startWeChatPaySimulator(options: WeChatPaySimulatorOptions): Promise<WeChatPaySimulator> {
  if (Buffer.byteLength(options.apiV3Key, 'utf8') !== 32) throw new Error('apiV3Key must be 32 bytes');
  const retryDelays = options.notifyRetryDelaysMs ?? WECHAT_NOTIFY_RETRY_DELAYS_MS;
  const notifyTimeoutMs = options.notifyTimeoutMs ?? 5000;
  const merchantSerial = options.merchantSerial.toUpperCase();

  const platform = options.platformKey
    ? { privateKey: options.platformKey.privateKey, publicKey: createPublicKey(options.platformKey.privateKey) }
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
  // Only the "wrong key" failures need a second RSA key: made on first use, so a start is one key (or none) cheaper.
  let stranger: KeyObject | null = null;
  const strangerKey = (): KeyObject => (stranger ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  let platformKeyId: string;
  let platformCertificatePem: string | null = null;
  let certificateValidity: { notBefore: Date; notAfter: Date } | null = null;
  if (options.mode === 'public_key') {
    platformKeyId = options.platformKey?.keyId ?? `PUB_KEY_ID_01${randomDigits(26)}`;
  } else {
    platformKeyId = options.platformKey?.keyId ?? randomBytes(20).toString('hex').toUpperCase();
    certificateValidity = { notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 5 * 365 * 86_400_000) };
    platformCertificatePem = selfSignedCertificatePem({
      privateKey: platform.privateKey,
      publicKey: platform.publicKey,
      serialHex: platformKeyId,
      commonName: 'Tenpay.com Root CA simulator',
      ...certificateValidity,
    });
  }

  const trades = new Map<string, SimulatedTrade>();
  const refunds = new Map<string, SimulatedRefund>();
  const requests: RecordedPayRequest[] = [];
  const notifications: NotificationDelivery[] = [];
  const oneShotFailures: { failure: PayApiFailure; match: FailureMatch }[] = [];
  let standingFailure: { failure: PayApiFailure; match: FailureMatch } | null = null;
  const closing = new AbortController();
  const timers = new Set<NodeJS.Timeout>();

  // ---- signing -------------------------------------------------------------------------------

  function signedHeaders(body: string, key: KeyObject = platform.privateKey): Record<string, string> {
    const timestamp = String(unixSeconds());
    const nonce = randomAlphanumeric(32);
    return {
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': rsaSha256(key, `${timestamp}\n${nonce}\n${body}\n`),
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Serial': platformKeyId,
      'Wechatpay-Signature-Type': AUTH_SCHEME,
    };
  }

  function answer(res: ServerResponse, record: RecordedPayRequest, status: number, body: object | null, badSignature = false): void {
    const text = body === null ? '' : JSON.stringify(body);
    const headers: Record<string, string> = {
      ...signedHeaders(text, badSignature ? strangerKey() : platform.privateKey),
      'Request-ID': randomUUID().replaceAll('-', '').toUpperCase(),
    };
    if (body !== null) headers['Content-Type'] = 'application/json; charset=utf-8';
    record.status = status;
    res.writeHead(status, headers);
    res.end(text);
  }

  /** The merchant's Authorization, checked as WeChat does: any defect is 401 SIGN_ERROR. */
  function checkAuthorization(req: IncomingMessage, rawUrl: string, body: string): void {
    const fields = parseAuthorization(req.headers.authorization);
    const refuse = (message: string) => new ApiError(401, 'SIGN_ERROR', message);
    if (!fields) throw refuse('Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》');
    if (fields.mchid !== options.mchid) throw refuse('Http头Authorization中的mchid与商户号不匹配');
    if ((fields.serial_no ?? '').toUpperCase() !== merchantSerial) throw refuse('商户证书序列号有误。请使用签名私钥匹配的证书序列号');
    const timestamp = fields.timestamp ?? '';
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(unixSeconds() - Number(timestamp)) > AUTH_MAX_SKEW_SECONDS) {
      throw refuse('Http头Authorization中的timestamp与请求时间相差过大');
    }
    const message = `${req.method}\n${rawUrl}\n${timestamp}\n${fields.nonce_str}\n${body}\n`;
    let good = false;
    try {
      good = verify('sha256', Buffer.from(message, 'utf8'), options.merchantPublicKey, Buffer.from(fields.signature ?? '', 'base64'));
    } catch {
      good = false;
    }
    if (!good) throw refuse('错误的签名，验签失败');
  }

  // ---- notifications -------------------------------------------------------------------------

  function envelope(input: CraftNotificationInput, apiV3Key: string): { id: string; body: Record<string, unknown> } {
    const eventType = input.eventType ?? 'TRANSACTION.SUCCESS';
    const originalType = eventType.startsWith('REFUND.') ? 'refund' : 'transaction';
    const nonce = randomAlphanumeric(12);
    const id = input.id ?? randomUUID();
    const summary = input.summary ?? SUMMARIES[eventType] ?? '通知';
    const ciphertext = sealResource(JSON.stringify(input.resource), apiV3Key, originalType, nonce);
    return {
      id,
      body: {
        id,
        create_time: beijingTime(),
        resource_type: 'encrypt-resource',
        event_type: eventType,
        summary,
        resource: { original_type: originalType, algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: originalType, nonce },
      },
    };
  }

  function craftNotification(input: CraftNotificationInput): CraftedNotification {
    const tamper = input.tamper;
    const { id, body: object } = envelope(input, tamper === 'key' ? randomAlphanumeric(32) : options.apiV3Key);
    const resource = object.resource as Record<string, string>;
    if (tamper === 'ciphertext') resource.ciphertext = flipByte(resource.ciphertext ?? '', 'first');
    if (tamper === 'tag') resource.ciphertext = flipByte(resource.ciphertext ?? '', 'last');
    if (tamper === 'aad') resource.associated_data = `${resource.associated_data}-tampered`;
    const signedBody = JSON.stringify(object);
    const timestamp = String(unixSeconds() - (tamper === 'timestamp' ? 600 : 0));
    const nonce = randomAlphanumeric(32);
    const signingKey = tamper === 'signing-key' ? strangerKey() : platform.privateKey;
    let signature = rsaSha256(signingKey, `${timestamp}\n${nonce}\n${signedBody}\n`);
    if (tamper === 'signtest') signature = `WECHATPAY/SIGNTEST/${randomBytes(192).toString('base64')}`;
    let serial = platformKeyId;
    if (tamper === 'serial') serial = options.mode === 'public_key' ? `PUB_KEY_ID_01${randomDigits(26)}` : randomBytes(20).toString('hex').toUpperCase();
    const body = tamper === 'body' ? JSON.stringify({ ...object, summary: `${String(object.summary)}。` }) : signedBody;
    return {
      id,
      body,
      headers: {
        'Content-Type': 'application/json',
        'Wechatpay-Nonce': nonce,
        'Wechatpay-Signature': signature,
        'Wechatpay-Timestamp': timestamp,
        'Wechatpay-Serial': serial,
        'Wechatpay-Signature-Type': AUTH_SCHEME,
        'User-Agent': 'Mozilla/4.0',
      },
    };
  }

  async function sendNotification(url: string, notification: CraftedNotification): Promise<{ status: number; body: string }> {
    if (options.sendNotification) {
      const eventType = eventTypeOf(notification.body);
      // The same 5 s as over HTTP: a handler that takes longer is a failed attempt, retried later.
      const answered = new AbortController();
      const late = sleep(notifyTimeoutMs, undefined, { signal: AbortSignal.any([answered.signal, closing.signal]) }).then(() => {
        throw new Error(`no answer within ${notifyTimeoutMs} ms`);
      });
      late.catch(() => {});
      try {
        return await Promise.race([options.sendNotification(url, { eventType, headers: notification.headers, body: notification.body }), late]);
      } finally {
        answered.abort();
      }
    }
    const response = await fetch(url, {
      method: 'POST',
      headers: notification.headers,
      body: notification.body,
      signal: AbortSignal.any([AbortSignal.timeout(notifyTimeoutMs), closing.signal]),
    });
    return { status: response.status, body: await response.text() };
  }

  /** Waits ms unless the simulator closes first; false when it closed. */
  async function pause(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: closing.signal });
      return true;
    } catch {
      return false;
    }
  }

  /** Sends until a 2xx, waiting retryDelays between attempts, each attempt freshly signed. */
  function deliver(url: string, eventType: string, resource: Record<string, unknown>): NotificationDelivery {
    const { id, body: object } = envelope({ resource, eventType }, options.apiV3Key);
    const body = JSON.stringify(object);
    const delivery = { id, eventType, url, body, resource, attempts: [] as DeliveryAttempt[], acknowledged: false } as NotificationDelivery;
    let firstAttemptOver: () => void = () => {};
    delivery.firstAttempt = new Promise<void>((resolve) => (firstAttemptOver = resolve));
    const run = async () => {
      for (let attempt = 0; attempt <= retryDelays.length; attempt += 1) {
        if (attempt > 0 && !(await pause(retryDelays[attempt - 1] ?? 0))) return;
        if (closing.signal.aborted) return;
        const at = new Date();
        try {
          const answered = await sendNotification(url, { id, body, headers: craftHeaders(body) });
          delivery.attempts.push({ at, status: answered.status, responseBody: answered.body });
          if (answered.status >= 200 && answered.status < 300) {
            delivery.acknowledged = true;
            return;
          }
        } catch (error) {
          delivery.attempts.push({ at, status: null, responseBody: '', error: error instanceof Error ? error.message : String(error) });
        }
        firstAttemptOver();
      }
    };
    delivery.done = run().finally(() => firstAttemptOver());
    notifications.push(delivery);
    return delivery;
  }

  function craftHeaders(body: string): Record<string, string> {
    return { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/4.0', ...signedHeaders(body) };
  }

  // ---- resources -----------------------------------------------------------------------------

  function requireTrade(outTradeNo: string): SimulatedTrade {
    const trade = trades.get(outTradeNo);
    if (!trade) throw new Error(`simulator: no trade ${outTradeNo}`);
    return trade;
  }

  function requireRefund(outRefundNo: string): SimulatedRefund {
    const refund = refunds.get(outRefundNo);
    if (!refund) throw new Error(`simulator: no refund ${outRefundNo}`);
    return refund;
  }

  const TRADE_STATE_DESC: Record<TradeState, string> = {
    NOTPAY: '订单未支付',
    SUCCESS: '支付成功',
    CLOSED: '订单已关闭',
    PAYERROR: '支付失败，请重新下单支付',
    REFUND: '订单发生过退款，退款详情请查询退款单',
  };

  /** The transaction as WeChat's query answers it and TRANSACTION.* notifications carry it. */
  function transactionResource(outTradeNo: string): Record<string, unknown> {
    const trade = requireTrade(outTradeNo);
    const paid = trade.transactionId !== null;
    return {
      appid: trade.appid,
      mchid: trade.mchid,
      out_trade_no: trade.outTradeNo,
      ...(paid ? { transaction_id: trade.transactionId, trade_type: 'JSAPI', bank_type: 'OTHERS', success_time: trade.successTime } : {}),
      trade_state: trade.state,
      trade_state_desc: TRADE_STATE_DESC[trade.state],
      attach: trade.attach,
      payer: { openid: trade.openid },
      amount: paid
        ? { total: trade.totalFen, payer_total: trade.totalFen, currency: 'CNY', payer_currency: 'CNY' }
        : { total: trade.totalFen, currency: 'CNY', payer_currency: 'CNY' },
    };
  }

  function refundAmount(refund: SimulatedRefund): Record<string, unknown> {
    return {
      total: refund.totalFen,
      refund: refund.refundFen,
      payer_total: refund.totalFen,
      payer_refund: refund.refundFen,
      settlement_total: refund.totalFen,
      settlement_refund: refund.refundFen,
      discount_refund: 0,
      currency: 'CNY',
      refund_fee: 0,
    };
  }

  /** The refund as the refunds API answers it. */
  function refundApiBody(refund: SimulatedRefund): Record<string, unknown> {
    return {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: refund.transactionId,
      out_trade_no: refund.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      create_time: refund.createTime,
      status: refund.status,
      funds_account: 'AVAILABLE',
      amount: refundAmount(refund),
      promotion_detail: [],
    };
  }

  /** The refund as REFUND.* notifications carry it (note refund_status, not status). */
  function refundResource(outRefundNo: string): Record<string, unknown> {
    const refund = requireRefund(outRefundNo);
    return {
      mchid: options.mchid,
      out_trade_no: refund.outTradeNo,
      transaction_id: refund.transactionId,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: refund.status,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: refund.totalFen, refund: refund.refundFen, payer_total: refund.totalFen, payer_refund: refund.refundFen },
    };
  }

  /** Money still refundable: refunds that are PROCESSING, SUCCESS or ABNORMAL hold theirs. */
  function refundableFen(trade: SimulatedTrade): number {
    let held = 0;
    for (const refund of refunds.values()) {
      if (refund.outTradeNo === trade.outTradeNo && refund.status !== 'CLOSED') held += refund.refundFen;
    }
    return trade.totalFen - held;
  }

  function pay(outTradeNo: string, payOptions: PayOptions = {}): NotificationDelivery {
    const trade = requireTrade(outTradeNo);
    if (trade.state !== 'NOTPAY' && trade.state !== 'PAYERROR') throw new Error(`simulator: trade ${outTradeNo} is ${trade.state}`);
    if (payOptions.openid !== undefined && payOptions.openid !== trade.openid) {
      throw new Error(`simulator: trade ${outTradeNo} was ordered for another payer`);
    }
    if (!payOptions.ignoreTimeExpire && trade.timeExpire && Date.parse(trade.timeExpire) < Date.now()) {
      throw new Error(`simulator: trade ${outTradeNo} expired at ${trade.timeExpire}`);
    }
    trade.state = 'SUCCESS';
    trade.transactionId = `4200${randomDigits(24)}`;
    trade.successTime = beijingTime();
    return deliver(trade.notifyUrl, 'TRANSACTION.SUCCESS', transactionResource(outTradeNo));
  }

  function fail(outTradeNo: string): void {
    const trade = requireTrade(outTradeNo);
    if (trade.state !== 'NOTPAY') throw new Error(`simulator: trade ${outTradeNo} is ${trade.state}`);
    trade.state = 'PAYERROR';
  }

  const REFUND_EVENTS: Record<Exclude<RefundStatus, 'PROCESSING'>, string> = {
    SUCCESS: 'REFUND.SUCCESS',
    CLOSED: 'REFUND.CLOSED',
    ABNORMAL: 'REFUND.ABNORMAL',
  };

  function refundOutcome(outRefundNo: string, status: Exclude<RefundStatus, 'PROCESSING'>): NotificationDelivery | null {
    const refund = requireRefund(outRefundNo);
    if (refund.status !== 'PROCESSING' && refund.status !== 'ABNORMAL') throw new Error(`simulator: refund ${outRefundNo} is ${refund.status}`);
    refund.status = status;
    if (status === 'SUCCESS') {
      refund.successTime = beijingTime();
      requireTrade(refund.outTradeNo).state = 'REFUND';
    }
    return refund.notifyUrl ? deliver(refund.notifyUrl, REFUND_EVENTS[status], refundResource(outRefundNo)) : null;
  }

  // ---- API handlers --------------------------------------------------------------------------

  function jsapi(body: Record<string, unknown>): object {
    const { appid, mchid, description, out_trade_no: outTradeNo, time_expire: timeExpire, attach } = body;
    if (typeof appid !== 'string' || !appid) throw param('输入源"/body/appid"映射到值字段"公众号ID"必填性规则校验失败，此字段为必填项');
    if (mchid !== options.mchid) throw param('mchid 与请求头中的商户号不一致');
    if (!options.appIds.includes(appid)) throw new ApiError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (typeof description !== 'string' || description.length === 0 || [...description].length > 127) {
      throw param('description 长度应为 1–127 个字符');
    }
    if (typeof outTradeNo !== 'string' || !OUT_TRADE_NO.test(outTradeNo)) throw param('out_trade_no 应为 6–32 位字母、数字、_ 或 -');
    if (timeExpire !== undefined && (typeof timeExpire !== 'string' || !RFC3339.test(timeExpire) || Number.isNaN(Date.parse(timeExpire)))) {
      throw param('time_expire 格式应为 RFC3339，如 2018-06-08T10:34:56+08:00');
    }
    if (attach !== undefined && (typeof attach !== 'string' || attach.length > 128)) throw param('attach 长度不能超过 128');
    const notifyUrl = checkNotifyUrl(body.notify_url, 'notify_url');
    if (!isObject(body.amount)) throw param('amount 必填');
    const total = positiveFen(body.amount.total, 'amount.total');
    if (body.amount.currency !== undefined && body.amount.currency !== 'CNY') throw param('amount.currency 只支持 CNY');
    if (!isObject(body.payer) || typeof body.payer.openid !== 'string' || !body.payer.openid || body.payer.openid.length > 128) {
      throw param('payer.openid 必填');
    }
    const openid = body.payer.openid;

    const existing = trades.get(outTradeNo);
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') throw new ApiError(400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') throw new ApiError(400, 'ORDER_CLOSED', '该订单已关闭');
      const same = existing.appid === appid && existing.totalFen === total && existing.openid === openid && existing.description === description;
      if (!same) throw new ApiError(400, 'INVALID_REQUEST', '201 商户订单号重复（同一订单号的参数不一致）');
      existing.prepayId = newPrepayId();
      existing.notifyUrl = notifyUrl;
      existing.timeExpire = typeof timeExpire === 'string' ? timeExpire : existing.timeExpire;
      return { prepay_id: existing.prepayId };
    }
    const trade: SimulatedTrade = {
      appid,
      mchid: options.mchid,
      outTradeNo,
      description,
      attach: typeof attach === 'string' ? attach : '',
      notifyUrl,
      timeExpire: typeof timeExpire === 'string' ? timeExpire : null,
      totalFen: total,
      openid,
      prepayId: newPrepayId(),
      state: 'NOTPAY',
      transactionId: null,
      successTime: null,
    };
    trades.set(outTradeNo, trade);
    return { prepay_id: trade.prepayId };
  }

  function newPrepayId(): string {
    const stamp = beijingTime().slice(0, 19).replace(/[-T:]/g, '');
    return `wx${stamp}${randomBytes(11).toString('hex')}`;
  }

  function queryTrade(outTradeNo: string, query: URLSearchParams): object {
    if (query.get('mchid') !== options.mchid) throw param('mchid 与请求头中的商户号不一致');
    if (!trades.has(outTradeNo)) throw new ApiError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return transactionResource(outTradeNo);
  }

  function queryTradeById(transactionId: string, query: URLSearchParams): object {
    if (query.get('mchid') !== options.mchid) throw param('mchid 与请求头中的商户号不一致');
    const trade = [...trades.values()].find((candidate) => candidate.transactionId === transactionId);
    if (!trade) throw new ApiError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return transactionResource(trade.outTradeNo);
  }

  function closeTrade(outTradeNo: string, body: Record<string, unknown>): null {
    if (body.mchid !== options.mchid) throw param('mchid 与请求头中的商户号不一致');
    const trade = trades.get(outTradeNo);
    if (!trade) throw new ApiError(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (trade.state === 'SUCCESS' || trade.state === 'REFUND') throw new ApiError(400, 'ORDERPAID', '订单已支付，不能关闭');
    trade.state = 'CLOSED';
    return null;
  }

  function createRefund(body: Record<string, unknown>): object {
    const outRefundNo = body.out_refund_no;
    if (typeof outRefundNo !== 'string' || !OUT_REFUND_NO.test(outRefundNo)) throw param('out_refund_no 格式错误');
    const { transaction_id: transactionId, out_trade_no: outTradeNo } = body;
    if (typeof transactionId !== 'string' && typeof outTradeNo !== 'string') throw param('transaction_id 和 out_trade_no 必须二选一');
    if (body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > 80)) throw param('reason 长度不能超过 80');
    const notifyUrl = body.notify_url === undefined ? null : checkNotifyUrl(body.notify_url, 'notify_url');
    if (!isObject(body.amount)) throw param('amount 必填');
    const refundFen = positiveFen(body.amount.refund, 'amount.refund');
    const totalFen = positiveFen(body.amount.total, 'amount.total');
    if (body.amount.currency !== 'CNY') throw param('amount.currency 必须为 CNY');

    const trade =
      typeof transactionId === 'string'
        ? [...trades.values()].find((candidate) => candidate.transactionId === transactionId)
        : trades.get(outTradeNo as string);
    if (!trade) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');

    const existing = refunds.get(outRefundNo);
    if (existing) {
      if (existing.outTradeNo !== trade.outTradeNo || existing.refundFen !== refundFen) {
        throw new ApiError(400, 'INVALID_REQUEST', '退款单号已存在，但退款参数不一致');
      }
      return refundApiBody(existing);
    }
    if (trade.state !== 'SUCCESS' && trade.state !== 'REFUND') throw new ApiError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (totalFen !== trade.totalFen) throw new ApiError(400, 'INVALID_REQUEST', '订单金额与实际支付金额不一致');
    if (refundFen > refundableFen(trade)) throw new ApiError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');

    const refund: SimulatedRefund = {
      refundId: `50${randomDigits(27)}`,
      outRefundNo,
      outTradeNo: trade.outTradeNo,
      transactionId: trade.transactionId as string,
      refundFen,
      totalFen,
      reason: typeof body.reason === 'string' ? body.reason : '',
      notifyUrl,
      status: 'PROCESSING',
      createTime: beijingTime(),
      successTime: null,
    };
    refunds.set(outRefundNo, refund);
    if (options.autoSettleRefundsAfterMs !== undefined) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (refund.status === 'PROCESSING') refundOutcome(outRefundNo, 'SUCCESS');
      }, options.autoSettleRefundsAfterMs);
      timers.add(timer);
    }
    return refundApiBody(refund);
  }

  function queryRefund(outRefundNo: string): object {
    const refund = refunds.get(outRefundNo);
    if (!refund) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return refundApiBody(refund);
  }

  function certificates(): object {
    if (!platformCertificatePem || !certificateValidity) {
      throw new ApiError(404, 'NOT_FOUND', '无可用的平台证书，请使用微信支付公钥验签');
    }
    const nonce = randomAlphanumeric(12);
    return {
      data: [
        {
          serial_no: platformKeyId,
          effective_time: beijingTime(certificateValidity.notBefore.getTime()),
          expire_time: beijingTime(certificateValidity.notAfter.getTime()),
          encrypt_certificate: {
            algorithm: 'AEAD_AES_256_GCM',
            nonce,
            associated_data: 'certificate',
            ciphertext: sealResource(platformCertificatePem, options.apiV3Key, 'certificate', nonce),
          },
        },
      ],
    };
  }

  /** The handler's answer body (null: 204 No Content). */
  function route(method: string, path: string, query: URLSearchParams, rawBody: string): object | null {
    const json = (): Record<string, unknown> => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(rawBody);
      } catch {
        throw param('请求体不是合法的 JSON');
      }
      if (!isObject(parsed)) throw param('请求体应为 JSON 对象');
      return parsed;
    };
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v3/pay/transactions/jsapi') return jsapi(json());
    if (method === 'GET' && (match = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path))) {
      return queryTrade(decodeURIComponent(match[1] ?? ''), query);
    }
    if (method === 'GET' && (match = /^\/v3\/pay\/transactions\/id\/([^/]+)$/.exec(path))) {
      return queryTradeById(decodeURIComponent(match[1] ?? ''), query);
    }
    if (method === 'POST' && (match = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path))) {
      return closeTrade(decodeURIComponent(match[1] ?? ''), json());
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') return createRefund(json());
    if (method === 'GET' && (match = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path))) {
      return queryRefund(decodeURIComponent(match[1] ?? ''));
    }
    if (method === 'GET' && path === '/v3/certificates') return certificates();
    throw new ApiError(404, 'NOT_FOUND', `${method} ${path} 不存在`);
  }

  function takeFailure(method: string, path: string): PayApiFailure | null {
    const matches = ({ match }: { match: FailureMatch }) =>
      (!match.method || match.method.toUpperCase() === method) && (!match.pathPrefix || path.startsWith(match.pathPrefix));
    const index = oneShotFailures.findIndex(matches);
    if (index >= 0) return oneShotFailures.splice(index, 1)[0]?.failure ?? null;
    return standingFailure && matches(standingFailure) ? standingFailure.failure : null;
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(rawUrl, 'http://simulator');
    const body = await readBody(req);
    const record: RecordedPayRequest = {
      method,
      url: rawUrl,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      status: null,
    };
    requests.push(record);
    const failure = takeFailure(method, url.pathname);
    if (failure?.kind === 'hang') return;
    if (failure?.kind === 'reset') return void req.socket.destroy();
    if (failure?.kind === 'error') {
      return answer(res, record, failure.status, { code: failure.code, message: failure.message ?? '系统错误' });
    }
    try {
      checkAuthorization(req, rawUrl, body);
      const result = route(method, url.pathname, url.searchParams, body);
      answer(res, record, result === null ? 204 : 200, result, failure?.kind === 'bad-response-signature');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      answer(res, record, error.status, { code: error.code, message: error.message });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A simulator bug must show up as a failing test, not a hung one.
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'SYSTEM_ERROR', message: error instanceof Error ? error.message : String(error) }));
    });
  });
  const listener = await listenOnLoopback(server);

  return {
    url: listener.url,
    mode: options.mode,
    platformKeyId,
    platformPublicKey: platform.publicKey,
    platformCertificatePem,
    verificationKeys: new Map([[platformKeyId, platform.publicKey]]),
    requests,
    notifications,
    trade: (outTradeNo) => {
      const trade = trades.get(outTradeNo);
      return trade ? { ...trade } : undefined;
    },
    refund: (outRefundNo) => {
      const refund = refunds.get(outRefundNo);
      return refund ? { ...refund } : undefined;
    },
    pay,
    fail,
    refundOutcome,
    transactionResource,
    refundResource,
    craftNotification,
    sendNotification,
    failNext: (failure, match = {}) => void oneShotFailures.push({ failure, match }),
    setFailure: (failure, match = {}) => void (standingFailure = failure ? { failure, match } : null),
    async settled() {
      await Promise.all(notifications.map((delivery) => delivery.done));
    },
    async close() {
      closing.abort();
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(notifications.map((delivery) => delivery.done));
      await listener.close();
    },
  };
}

/** The event_type of a notification body (crafted ones may be tampered: then the transaction kind). */
function eventTypeOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isObject(parsed) && typeof parsed.event_type === 'string') return parsed.event_type;
  } catch {
    // fall through
  }
  return 'TRANSACTION.SUCCESS';
}

const SUMMARIES: Record<string, string> = {
  'TRANSACTION.SUCCESS': '支付成功',
  'REFUND.SUCCESS': '退款成功',
  'REFUND.ABNORMAL': '退款异常',
  'REFUND.CLOSED': '退款关闭',
};
