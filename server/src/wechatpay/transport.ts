import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import type { Output } from 'wechatpay-node-v3/dist/lib/interface-v2';
import type { IPayRequest } from 'wechatpay-node-v3/dist/lib/pay-request.interface';
import { DEFAULT_WECHATPAY_API_BASE } from './config';
import { WeChatPayApiError } from './gateway';
import { verifyNotificationSignature } from './notification';

/*
 * The HTTP transport under wechatpay-node-v3 (plugged in with `pay.createHttp`). The library builds
 * and signs each call; this sends it. Ours and not the library's superagent transport because:
 * - its URLs are hard-coded to https://api.mch.weixin.qq.com: WECHATPAY_API_BASE (the simulator in
 *   tests and demo mode) needs the host swapped;
 * - it has no timeout, and it turns every failure into `{ status, error }` (a network failure has
 *   no status at all), where we need TIMEOUT / NETWORK / WeChat's code as a WeChatPayApiError;
 * - it hides the response headers and raw bytes, and never checks WeChat's signature on an
 *   answer. Every answer here is verified (Wechatpay-Signature over `timestamp\nnonce\nbody\n`,
 *   with the key for Wechatpay-Serial, the same check as notifications) before anything trusts it.
 */

/** What every call answers: the library passes it through unchanged (jsapi rewrites `data`). */
export interface SignedAnswer extends Output {
  status: number;
  /** The parsed JSON body; null for an empty one (204). */
  data: unknown;
  /** The body exactly as received: what the signature covers. */
  raw: Buffer;
  headers: Headers;
}

export interface PayTransportOptions {
  /** Where WeChat Pay is (config.apiBase, without a trailing slash). */
  apiBase: string;
  timeoutMs: number;
  logger: Logger;
  /** The key for a Wechatpay-Serial, or null when unknown (then the answer is refused). */
  verificationKey(serial: string): Promise<KeyObject | null>;
  /**
   * Paths whose answer the caller verifies itself: /v3/certificates is signed with a certificate
   * it contains, so its signature can only be checked after decrypting it (platform-certificates.ts).
   */
  selfVerifiedPaths: readonly string[];
  /** Aborts every call in flight (the gateway closes). */
  signal: AbortSignal;
}

interface WeChatErrorBody {
  code?: unknown;
  message?: unknown;
}

function parseBody(raw: Buffer, status: number, path: string): unknown {
  if (raw.length === 0) return null;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new WeChatPayApiError('BAD_RESPONSE', status, `微信支付应答不是 JSON（${path}，HTTP ${status}）`);
  }
}

/** The library only ever builds URLs under WeChat's real host; anything else is a bug, not a call to make. */
function pathOf(url: string): string {
  if (!url.startsWith(`${DEFAULT_WECHATPAY_API_BASE}/`)) throw new Error(`unexpected WeChat Pay URL: ${url}`);
  return url.slice(DEFAULT_WECHATPAY_API_BASE.length);
}

export function createPayTransport(options: PayTransportOptions): IPayRequest {
  async function verify(pathname: string, status: number, raw: Buffer, headers: Headers): Promise<void> {
    const serial = headers.get('wechatpay-serial') ?? undefined;
    const key = serial ? await options.verificationKey(serial) : null;
    const verdict = verifyNotificationSignature({
      headers: {
        timestamp: headers.get('wechatpay-timestamp') ?? undefined,
        nonce: headers.get('wechatpay-nonce') ?? undefined,
        signature: headers.get('wechatpay-signature') ?? undefined,
        serial,
      },
      rawBody: raw,
      keys: serial && key ? new Map([[serial, key]]) : new Map<string, KeyObject>(),
      // WeChat's timestamps are real time, whatever clock the shop's rules read.
      now: new Date(),
    });
    if (!verdict.ok) {
      options.logger.warn({ path: pathname, status, reason: verdict.reason }, 'wechatpay answer failed signature verification');
      throw new WeChatPayApiError('BAD_RESPONSE_SIGNATURE', status, `微信支付应答验签失败（${verdict.reason}，${pathname}，HTTP ${status}），已拒绝采信`);
    }
  }

  async function send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<SignedAnswer> {
    const path = pathOf(url);
    const pathname = path.split('?')[0] ?? path;
    const started = Date.now();
    let response: Response;
    let raw: Buffer;
    try {
      response = await fetch(`${options.apiBase}${path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal]),
      });
      // Inside the same try: a body that stops arriving times out like a missing answer.
      raw = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      options.logger.warn({ path: pathname, ms: Date.now() - started, timedOut, err: error instanceof Error ? error.message : String(error) }, 'wechatpay call failed');
      if (timedOut) throw new WeChatPayApiError('TIMEOUT', null, `微信支付 ${options.timeoutMs} ms 内无应答（${pathname}）`);
      throw new WeChatPayApiError('NETWORK', null, `无法连接微信支付（${pathname}）`);
    }
    const status = response.status;
    options.logger.debug({ method, path: pathname, status, ms: Date.now() - started }, 'wechatpay call');
    if (!options.selfVerifiedPaths.includes(pathname)) await verify(pathname, status, raw, response.headers);
    const data = parseBody(raw, status, pathname);
    if (status < 200 || status >= 300) {
      const { code, message } = (data ?? {}) as WeChatErrorBody;
      const wechatCode = typeof code === 'string' && code ? code : `HTTP_${status}`;
      options.logger.warn({ path: pathname, status, code: wechatCode }, 'wechatpay refused a call');
      throw new WeChatPayApiError(wechatCode, status, typeof message === 'string' && message ? message : `微信支付返回 HTTP ${status}`);
    }
    return { status, data, raw, headers: response.headers };
  }

  return {
    // The library signed JSON.stringify(params) (its getSignature): the exact bytes sent here.
    post: (url, params, headers) => send('POST', url, headers as Record<string, string>, JSON.stringify(params)),
    get: (url, headers) => send('GET', url, headers as Record<string, string>),
    upload: () => Promise.reject(new Error('wechatpay media upload is not used by the shop')),
  };
}

/** The answer of a library call made through this transport (its calls return what the transport returned). */
export function signedAnswer(output: Output): SignedAnswer {
  if (!Buffer.isBuffer((output as Partial<SignedAnswer>).raw)) throw new Error('wechatpay call did not go through the verifying transport');
  return output as SignedAnswer;
}
