import { createCipheriv, createDecipheriv, randomBytes, verify, type KeyObject } from 'node:crypto';

/*
 * Why these two are ours and not wechatpay-node-v3's (2.2.1, read in its dist/index.js):
 * - `decipher_gcm` calls setAuthTag but never decipher.final(), and only final() checks the GCM tag,
 *   so a forged or corrupted ciphertext "decrypts" to garbage without an error (its issues
 *   #18/#42/#50/#70). A payment notification must be authenticated, so we call final().
 * - `verifySign` only knows platform certificates (a static map filled from a hard-coded
 *   https://api.mch.weixin.qq.com/v3/certificates), has no public-key mode (`PUB_KEY_ID_…`, its
 *   issue #87), throws on an unknown serial instead of refusing, JSON.stringify()s an object body
 *   (a re-serialisation, not the bytes received), and checks no timestamp window.
 */

export interface NotificationHeaders {
  /** Wechatpay-Timestamp */
  timestamp: string | undefined;
  /** Wechatpay-Nonce */
  nonce: string | undefined;
  /** Wechatpay-Signature */
  signature: string | undefined;
  /** Wechatpay-Serial: a platform certificate serial or a public key id (PUB_KEY_ID_…) */
  serial: string | undefined;
}

export type NotificationRefusal = 'unknown_serial' | 'stale_timestamp' | 'bad_signature' | 'probe_signature' | 'missing_headers';

export type NotificationVerdict = { ok: true } | { ok: false; reason: NotificationRefusal };

/** WeChat's documented replay window: five minutes either side of our clock. */
export const DEFAULT_MAX_SKEW_SECONDS = 300;

/**
 * WeChat sends probe notifications signed `WECHATPAY/SIGNTEST/…` to see whether a merchant
 * really verifies; accepting one would show we do not.
 */
const PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';

export interface VerifyNotificationInput {
  headers: NotificationHeaders;
  /** The body exactly as received: a parsed-and-re-serialised object can differ by a byte. */
  rawBody: Buffer | string;
  /** Verification keys by Wechatpay-Serial (public key id, or platform certificate serial). */
  keys: ReadonlyMap<string, KeyObject>;
  now: Date;
  maxSkewSeconds?: number;
}

/** Checks a notification's signature; never throws, so the caller can log every refusal with its reason. */
export function verifyNotificationSignature(input: VerifyNotificationInput): NotificationVerdict {
  const { timestamp, nonce, signature, serial } = input.headers;
  if (!timestamp || !nonce || !signature || !serial) return { ok: false, reason: 'missing_headers' };
  if (signature.startsWith(PROBE_PREFIX)) return { ok: false, reason: 'probe_signature' };

  // A timestamp that is not whole seconds cannot be inside the window either.
  const maxSkew = input.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  const seconds = /^[0-9]{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isFinite(seconds) || Math.abs(input.now.getTime() / 1000 - seconds) > maxSkew) {
    return { ok: false, reason: 'stale_timestamp' };
  }

  const key = input.keys.get(serial);
  if (!key) return { ok: false, reason: 'unknown_serial' };

  const body = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), body, Buffer.from('\n', 'utf8')]);
  try {
    const good = verify('sha256', message, key, Buffer.from(signature, 'base64'));
    return good ? { ok: true } : { ok: false, reason: 'bad_signature' };
  } catch {
    // Node throws for a key it cannot verify with; that is a refusal, not a crash of the endpoint.
    return { ok: false, reason: 'bad_signature' };
  }
}

/** The `resource` object of a notification (and of each /v3/certificates entry). */
export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string | null;
}

export type ResourceDecryptFailure = 'unsupported_algorithm' | 'malformed' | 'authentication_failed';

/** Decryption refused: the message says why for the payment event log, never the key or plaintext. */
export class ResourceDecryptError extends Error {
  override name = 'ResourceDecryptError';
  constructor(readonly failure: ResourceDecryptFailure, message: string) {
    super(message);
  }
}

const ALGORITHM = 'AEAD_AES_256_GCM';
const TAG_BYTES = 16;

function keyBytes(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, 'utf8');
  // The config refuses to start with another length; this guards callers that bypass it.
  if (key.length !== 32) throw new ResourceDecryptError('malformed', 'APIv3 密钥必须是 32 字节');
  return key;
}

/**
 * AES-256-GCM with the APIv3 key; the last 16 bytes of the ciphertext are the tag, and final()
 * is what checks it (and the associated data), so a wrong tag, AAD or key throws here.
 */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== ALGORITHM) {
    throw new ResourceDecryptError('unsupported_algorithm', `不支持的加密算法：${resource.algorithm}`);
  }
  const key = keyBytes(apiV3Key);
  const sealed = Buffer.from(resource.ciphertext ?? '', 'base64');
  if (sealed.length <= TAG_BYTES || !resource.nonce) throw new ResourceDecryptError('malformed', '通知密文不完整');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    return plain.toString('utf8');
  } catch {
    throw new ResourceDecryptError('authentication_failed', '通知密文校验失败（密文、附加数据或密钥不符）');
  }
}

/** The inverse of decryptResource: the simulator encrypts its notifications with it, and tests. */
export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  options: { nonce?: string; associatedData?: string } = {},
): EncryptedResource & { associated_data: string } {
  // WeChat uses a 12-character alphanumeric nonce; hex keeps it printable like theirs.
  const nonce = options.nonce ?? randomBytes(6).toString('hex');
  const associatedData = options.associatedData ?? '';
  const cipher = createCipheriv('aes-256-gcm', keyBytes(apiV3Key), Buffer.from(nonce, 'utf8'), { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: ALGORITHM, ciphertext: sealed.toString('base64'), nonce, associated_data: associatedData };
}
