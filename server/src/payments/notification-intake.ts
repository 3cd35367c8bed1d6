import type { KeyObject } from 'node:crypto';
import type { PaymentNotificationKind } from '@qiaodu/shared';
import { loggableError } from '../http/loggable-error';
import type { OrderDeps } from '../orders/deps';
import {
  decryptResource,
  ResourceDecryptError,
  verifyNotificationSignature,
  type EncryptedResource,
  type NotificationHeaders,
  type NotificationRefusal,
} from '../wechatpay/notification';
import type { ApplyOutcome, ResourceApplier, ResourceOrigin } from './notification-types';
import { recordPaymentEvent, type PaymentEvent } from './payment-log';

/*
 * The notify endpoints' one handler (the HTTP route and demo mode's in-process delivery both call
 * it): the exact bytes received are verified (signature over timestamp\nnonce\nbody\n, the
 * 5-minute window, the key chosen by Wechatpay-Serial, probe signatures refused), the resource is
 * decrypted with its GCM tag checked, and the plaintext goes to the applier of the endpoint's kind.
 * Whatever happens, a payment_notifications row says so, and WeChat gets 204 or
 * {"code":"FAIL","message":…} in time: it waits 5 s and resends anything not acknowledged.
 */

export interface NotificationRequest {
  /** Header names in any case (Koa hands them lower-case). */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: the signature covers these bytes, not a re-serialised object. */
  rawBody: Buffer;
}

export interface NotificationAnswer {
  status: number;
  body: string;
}

export interface NotificationAppliers {
  transaction: ResourceApplier;
  refund: ResourceApplier;
}

/** WeChat gives up on an answer after 5 s; ours comes before that, a failure included. */
export const NOTIFICATION_DEADLINE_MS = 4_000;

/** Why a notification was refused before any applier saw it: the log's reason and the HTTP status. */
const REFUSALS: Record<NotificationRefusal, { reason: string; status: number }> = {
  missing_headers: { reason: '缺少微信支付签名头', status: 400 },
  bad_signature: { reason: '签名验证失败', status: 401 },
  stale_timestamp: { reason: '时间戳超出5分钟', status: 401 },
  unknown_serial: { reason: '未知的平台证书序列号', status: 401 },
  probe_signature: { reason: '探测签名（WECHATPAY/SIGNTEST），已拒绝', status: 401 },
};

const EVENT_PREFIX: Record<PaymentNotificationKind, string> = { transaction: 'TRANSACTION.', refund: 'REFUND.' };

const ok = (): NotificationAnswer => ({ status: 204, body: '' });
const fail = (status: number, message: string): NotificationAnswer => ({ status, body: JSON.stringify({ code: 'FAIL', message }) });

class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

/** Runs `work`, but answers (with DeadlineExceeded) after `ms` even if it has not finished. */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function signatureHeaders(headers: Record<string, string | undefined>): NotificationHeaders {
  return {
    timestamp: header(headers, 'wechatpay-timestamp'),
    nonce: header(headers, 'wechatpay-nonce'),
    signature: header(headers, 'wechatpay-signature'),
    serial: header(headers, 'wechatpay-serial'),
  };
}

interface Envelope {
  id: string;
  eventType: string;
  resource: EncryptedResource;
}

/** The notification's outer JSON: id, event_type and the encrypted resource; null when it is not that. */
function readEnvelope(parsed: unknown): Envelope | null {
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { id, event_type: eventType, resource } = parsed as Record<string, unknown>;
  if (typeof id !== 'string' || !id || typeof eventType !== 'string' || typeof resource !== 'object' || resource === null) return null;
  const { algorithm, ciphertext, nonce, associated_data: associatedData } = resource as Record<string, unknown>;
  if (typeof algorithm !== 'string' || typeof ciphertext !== 'string' || typeof nonce !== 'string') return null;
  if (associatedData !== undefined && associatedData !== null && typeof associatedData !== 'string') return null;
  return { id, eventType, resource: { algorithm, ciphertext, nonce, associated_data: associatedData ?? null } };
}

/** The id and event type of a body that could not be verified, for the log only (clipped there). */
function unverifiedIds(rawBody: Buffer): { notificationId: string | null; eventType: string | null } {
  try {
    const parsed = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
    return {
      notificationId: typeof parsed.id === 'string' ? parsed.id : null,
      eventType: typeof parsed.event_type === 'string' ? parsed.event_type : null,
    };
  } catch {
    return { notificationId: null, eventType: null };
  }
}

/**
 * Verifies, decrypts and applies one notification of `kind` (the endpoint it arrived at), and
 * answers what WeChat is to be told: 204 for applied, duplicate and flagged (the money is recorded;
 * a resend would change nothing), FAIL with a 4xx for a refused notification and with 500 when our
 * side failed (so WeChat sends it again).
 */
export async function handleWeChatNotification(
  deps: OrderDeps,
  kind: PaymentNotificationKind,
  request: NotificationRequest,
  appliers: NotificationAppliers,
): Promise<NotificationAnswer> {
  const receivedAt = deps.clock();
  const headers = signatureHeaders(request.headers);
  const timestamp = headers.timestamp && /^[0-9]{1,12}$/.test(headers.timestamp) ? Number(headers.timestamp) : null;
  const logged: Omit<PaymentEvent, 'outcome'> = {
    kind,
    source: 'notification',
    receivedAt,
    wechatpaySerial: headers.serial ?? null,
    wechatpayTimestamp: timestamp,
  };

  /** Logs a refusal (best effort, within the deadline) and answers FAIL. */
  const refuse = async (status: number, reason: string, ids = unverifiedIds(request.rawBody)): Promise<NotificationAnswer> => {
    try {
      await recordPaymentEvent(deps.db, { ...logged, ...ids, outcome: 'rejected', reason });
    } catch (error) {
      deps.logger.error({ err: loggableError(error), kind, reason }, 'payment notification refusal could not be logged');
    }
    deps.logger.warn({ kind, reason, serial: headers.serial }, 'payment notification refused');
    return fail(status, reason);
  };

  const work = async (): Promise<NotificationAnswer> => {
    const gateway = deps.wechatPay;
    if (!gateway) return refuse(404, '本店未开通微信支付');

    // The checks that need no key first: a probe or a stale replay must not make us fetch certificates.
    const now = deps.clock();
    const keyless = verifyNotificationSignature({ headers, rawBody: request.rawBody, keys: new Map(), now });
    if (!keyless.ok && keyless.reason !== 'unknown_serial') return refuse(REFUSALS[keyless.reason].status, REFUSALS[keyless.reason].reason);
    const key = await gateway.verificationKey(headers.serial!);
    const keys = new Map<string, KeyObject>(key ? [[headers.serial!, key]] : []);
    const verdict = verifyNotificationSignature({ headers, rawBody: request.rawBody, keys, now });
    if (!verdict.ok) return refuse(REFUSALS[verdict.reason].status, REFUSALS[verdict.reason].reason);

    // Signed by WeChat from here on.
    let envelope: Envelope | null = null;
    try {
      envelope = readEnvelope(JSON.parse(request.rawBody.toString('utf8')));
    } catch {
      return refuse(400, '通知内容不是合法的 JSON');
    }
    if (!envelope) return refuse(400, '通知缺少 id、event_type 或加密的 resource');
    const ids = { notificationId: envelope.id, eventType: envelope.eventType };
    if (!envelope.eventType.startsWith(EVENT_PREFIX[kind])) return refuse(400, `通知类型 ${envelope.eventType} 不应发到此地址`, ids);

    let resource: unknown;
    try {
      resource = JSON.parse(decryptResource(envelope.resource, gateway.config.apiV3Key));
    } catch (error) {
      const reason = error instanceof ResourceDecryptError ? `解密失败：${error.message}` : '解密失败：明文不是合法的 JSON';
      return refuse(400, reason, ids);
    }

    const origin: ResourceOrigin = {
      source: 'notification',
      notificationId: envelope.id,
      eventType: envelope.eventType,
      serial: headers.serial ?? null,
      timestamp,
      receivedAt,
    };
    const outcome: ApplyOutcome = await appliers[kind](resource, origin);
    return outcome.outcome === 'rejected' ? fail(outcome.httpStatus, outcome.reason) : ok();
  };

  const running = work();
  try {
    return await withinDeadline(running, NOTIFICATION_DEADLINE_MS);
  } catch (error) {
    // Our failure (the database, a lost race retried too often, too slow): WeChat sends it again,
    // and the exactly-once rules make the resend safe whether or not this one got through.
    const slow = error instanceof DeadlineExceeded;
    running.catch((late: unknown) => deps.logger.error({ err: loggableError(late), kind }, 'payment notification failed after its answer'));
    deps.logger.error({ err: loggableError(error), kind }, slow ? 'payment notification took too long' : 'payment notification failed');
    const reason = slow ? '处理超时，请稍后重试' : '系统繁忙，请稍后重试';
    // Logged without waiting: when the database is what failed, this would hang or fail too.
    void recordPaymentEvent(deps.db, { ...logged, ...unverifiedIds(request.rawBody), outcome: 'rejected', reason }).catch(() => undefined);
    return fail(500, reason);
  }
}
