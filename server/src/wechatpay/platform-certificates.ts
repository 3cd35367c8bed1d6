import { X509Certificate, type KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import { decryptResource, verifyNotificationSignature, type EncryptedResource } from './notification';
import type { SignedAnswer } from './transport';

/*
 * Platform-certificate mode: WeChat signs notifications and answers with platform certificates
 * that it rotates, and lists the valid ones at GET /v3/certificates, each encrypted with the APIv3
 * key. Ours and not the library's `get_certificates`/`fetchCertificates`: those decrypt with its
 * `decipher_gcm`, which never checks the GCM tag, keep the keys in a static map shared by every
 * Pay instance, and do not verify the list's own signature. Here each certificate is decrypted with
 * our tag-checking decryptResource (the APIv3 key is what makes the list authentic: only WeChat and
 * the merchant have it), parsed by node's X509Certificate, and the answer's signature is then
 * checked with the certificates it carries, as WeChat documents for the first download.
 */

/** WeChat's advice: download again well within a certificate's overlap period. */
export const CERTIFICATE_REFRESH_MS = 12 * 3_600_000;
/** An unknown serial (a rotation we have not seen yet, or a forger) triggers at most this many downloads. */
export const UNKNOWN_SERIAL_REFRESH_GAP_MS = 60_000;

export interface PlatformCertificateStoreOptions {
  /** The signed GET /v3/certificates, its answer not yet verified. */
  fetchList(): Promise<SignedAnswer>;
  apiV3Key: string;
  logger: Logger;
  /** The refresh schedule reads it (signature timestamps are always checked against real time). */
  clock: () => Date;
  refreshEveryMs?: number;
  unknownSerialGapMs?: number;
}

export interface PlatformCertificateStore {
  /** The public key of the certificate with this serial; null when WeChat does not list it. Never throws. */
  key(serial: string): Promise<KeyObject | null>;
}

interface CertificateEntry {
  serial_no?: unknown;
  encrypt_certificate?: unknown;
}

function isResource(value: unknown): value is EncryptedResource {
  const resource = value as Partial<EncryptedResource> | null;
  return typeof resource === 'object' && resource !== null && typeof resource.ciphertext === 'string' && typeof resource.nonce === 'string';
}

/** Decrypts and parses the list; throws when any part of it is not what WeChat sends. */
function keysFromList(answer: SignedAnswer, apiV3Key: string, now: Date): Map<string, KeyObject> {
  const list = (answer.data as { data?: unknown } | null)?.data;
  if (!Array.isArray(list)) throw new Error('no data array');
  const keys = new Map<string, KeyObject>();
  for (const entry of list as CertificateEntry[]) {
    if (typeof entry.serial_no !== 'string' || !isResource(entry.encrypt_certificate)) throw new Error('malformed certificate entry');
    const certificate = new X509Certificate(decryptResource(entry.encrypt_certificate, apiV3Key));
    const serial = entry.serial_no.toUpperCase();
    if (certificate.serialNumber.toUpperCase() !== serial) throw new Error(`certificate serial ${certificate.serialNumber} listed as ${serial}`);
    // An expired certificate signs nothing WeChat sends any more; one not yet valid is kept (rotation overlap).
    if (Date.parse(certificate.validTo) < now.getTime()) continue;
    keys.set(serial, certificate.publicKey);
  }
  if (keys.size === 0) throw new Error('no valid certificate');
  return keys;
}

export function createPlatformCertificateStore(options: PlatformCertificateStoreOptions): PlatformCertificateStore {
  const refreshEveryMs = options.refreshEveryMs ?? CERTIFICATE_REFRESH_MS;
  const gapMs = options.unknownSerialGapMs ?? UNKNOWN_SERIAL_REFRESH_GAP_MS;
  let keys = new Map<string, KeyObject>();
  let loadedAt: number | null = null;
  let attemptedAt: number | null = null;
  let inFlight: Promise<void> | null = null;

  async function download(): Promise<void> {
    attemptedAt = options.clock().getTime();
    try {
      const answer = await options.fetchList();
      const fresh = keysFromList(answer, options.apiV3Key, new Date());
      const header = (name: string) => answer.headers.get(name) ?? undefined;
      const serial = header('wechatpay-serial');
      const verdict = verifyNotificationSignature({
        headers: { timestamp: header('wechatpay-timestamp'), nonce: header('wechatpay-nonce'), signature: header('wechatpay-signature'), serial },
        rawBody: answer.raw,
        keys: fresh,
        now: new Date(),
      });
      if (!verdict.ok) throw new Error(`list signature: ${verdict.reason}`);
      keys = fresh;
      loadedAt = attemptedAt;
      options.logger.info({ serials: [...fresh.keys()] }, 'wechatpay platform certificates loaded');
    } catch (error) {
      // The keys we had stay in use: a failed download must not stop verification of what still verifies.
      options.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'wechatpay platform certificates not loaded');
    }
  }

  /** One download at a time, however many notifications ask at once. */
  function refresh(): Promise<void> {
    inFlight ??= download().finally(() => (inFlight = null));
    return inFlight;
  }

  const mayDownload = (now: number) => attemptedAt === null || now - attemptedAt >= gapMs;

  return {
    async key(serial) {
      const wanted = serial.toUpperCase();
      const now = options.clock().getTime();
      if (inFlight) await inFlight;
      else if ((loadedAt === null || now - loadedAt >= refreshEveryMs) && mayDownload(now)) await refresh();
      const known = keys.get(wanted);
      if (known) return known;
      if (inFlight) await inFlight;
      else if (mayDownload(options.clock().getTime())) await refresh();
      return keys.get(wanted) ?? null;
    },
  };
}
