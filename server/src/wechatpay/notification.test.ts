import { createDecipheriv, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import Pay from 'wechatpay-node-v3';
import { describe, expect, it } from 'vitest';
import { decryptResource, encryptResource, ResourceDecryptError, verifyNotificationSignature, type NotificationHeaders } from './notification';

// WeChat's side (platform or public key) and an impostor, made per run.
const wechat = generateKeyPairSync('rsa', { modulusLength: 2048 });
const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_KEY_ID = 'PUB_KEY_ID_0119000000012025112900000000000001';
const PLATFORM_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const keys = new Map<string, KeyObject>([
  [PUBLIC_KEY_ID, wechat.publicKey],
  [PLATFORM_SERIAL, wechat.publicKey],
]);
const API_V3_KEY = 'abcdefghijklmnopqrstuvwxyz012345';
const NOW = new Date('2026-11-29T12:00:00Z');
const NOW_SECONDS = String(NOW.getTime() / 1000);

/** The body as WeChat sends it: compact JSON whose exact bytes are what is signed. */
const rawBody = Buffer.from(
  '{"id":"EV-2018022511223320873","create_time":"2026-11-29T20:00:00+08:00","resource_type":"encrypt-resource",' +
    '"event_type":"TRANSACTION.SUCCESS","summary":"支付成功","resource":{"original_type":"transaction",' +
    '"algorithm":"AEAD_AES_256_GCM","ciphertext":"x","associated_data":"transaction","nonce":"fdasflkja484w"}}',
  'utf8',
);

function signed(body: Buffer, options: { key?: KeyObject; timestamp?: string; serial?: string; nonce?: string } = {}): NotificationHeaders {
  const timestamp = options.timestamp ?? NOW_SECONDS;
  const nonce = options.nonce ?? 'fdasfwe3242';
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), body, Buffer.from('\n')]);
  return {
    timestamp,
    nonce,
    serial: options.serial ?? PUBLIC_KEY_ID,
    signature: sign('sha256', message, options.key ?? wechat.privateKey).toString('base64'),
  };
}

const check = (headers: NotificationHeaders, body: Buffer | string = rawBody, now = NOW) =>
  verifyNotificationSignature({ headers, rawBody: body, keys, now });

describe('verifyNotificationSignature', () => {
  it('should accept a notification signed over timestamp\\nnonce\\nrawBody\\n in both key modes', () => {
    expect(check(signed(rawBody))).toEqual({ ok: true });
    expect(check(signed(rawBody, { serial: PLATFORM_SERIAL }))).toEqual({ ok: true });
    expect(check(signed(rawBody), rawBody.toString('utf8'))).toEqual({ ok: true });
  });

  it('should refuse a body changed by one byte, or re-serialised with other whitespace', () => {
    const headers = signed(rawBody);
    const tampered = Buffer.from(rawBody.toString('utf8').replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESs'));
    expect(check(headers, tampered)).toEqual({ ok: false, reason: 'bad_signature' });
    const reserialised = JSON.stringify(JSON.parse(rawBody.toString('utf8')), null, 1);
    expect(check(headers, reserialised)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('should refuse a changed nonce or timestamp under the same signature', () => {
    const headers = signed(rawBody);
    expect(check({ ...headers, nonce: 'other' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ ...headers, timestamp: String(Number(NOW_SECONDS) - 1) })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('should refuse a signature made with another key', () => {
    expect(check(signed(rawBody, { key: impostor.privateKey }))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('should refuse stale and future timestamps beyond five minutes, and accept the edge', () => {
    const seconds = Number(NOW_SECONDS);
    expect(check(signed(rawBody, { timestamp: String(seconds - 301) }))).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check(signed(rawBody, { timestamp: String(seconds + 301) }))).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(check(signed(rawBody, { timestamp: String(seconds - 300) }))).toEqual({ ok: true });
    expect(check(signed(rawBody, { timestamp: String(seconds + 300) }))).toEqual({ ok: true });
    expect(check(signed(rawBody, { timestamp: '1e9' }))).toEqual({ ok: false, reason: 'stale_timestamp' });
    const tight = verifyNotificationSignature({ headers: signed(rawBody, { timestamp: String(seconds - 61) }), rawBody, keys, now: NOW, maxSkewSeconds: 60 });
    expect(tight).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('should refuse an unknown serial without throwing', () => {
    expect(check(signed(rawBody, { serial: 'PUB_KEY_ID_UNKNOWN' }))).toEqual({ ok: false, reason: 'unknown_serial' });
  });

  it('should refuse WECHATPAY/SIGNTEST/ probe signatures', () => {
    const probe = { ...signed(rawBody), signature: 'WECHATPAY/SIGNTEST/' + signed(rawBody).signature };
    expect(check(probe)).toEqual({ ok: false, reason: 'probe_signature' });
  });

  it('should refuse missing headers and garbage signatures', () => {
    const headers = signed(rawBody);
    for (const name of ['timestamp', 'nonce', 'signature', 'serial'] as const) {
      expect(check({ ...headers, [name]: undefined })).toEqual({ ok: false, reason: 'missing_headers' });
      expect(check({ ...headers, [name]: '' })).toEqual({ ok: false, reason: 'missing_headers' });
    }
    expect(check({ ...headers, signature: '!!!not base64' })).toEqual({ ok: false, reason: 'bad_signature' });
  });
});

describe('decryptResource / encryptResource', () => {
  const plaintext = JSON.stringify({ mchid: '1900000001', out_trade_no: 'QD20261129000001', trade_state: 'SUCCESS', amount: { total: 1990 } });

  it('should round-trip, with WeChat-style associated data and nonce', () => {
    const resource = encryptResource(plaintext, API_V3_KEY, { associatedData: 'transaction', nonce: 'fdasflkja484' });
    expect(resource).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction', nonce: 'fdasflkja484' });
    expect(decryptResource(resource, API_V3_KEY)).toBe(plaintext);
    const noAad = encryptResource('证书内容', API_V3_KEY);
    expect(noAad.nonce).toMatch(/^[0-9a-f]{12}$/);
    expect(decryptResource({ ...noAad, associated_data: null }, API_V3_KEY)).toBe('证书内容');
  });

  it('should decrypt what standard AES-256-GCM makes (ciphertext || 16-byte tag)', () => {
    const resource = encryptResource(plaintext, API_V3_KEY, { associatedData: 'transaction', nonce: 'n0nce0123456' });
    const sealed = Buffer.from(resource.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(API_V3_KEY), Buffer.from('n0nce0123456'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    decipher.setAAD(Buffer.from('transaction'));
    const independent = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8');
    expect(independent).toBe(plaintext);
  });

  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(ResourceDecryptError);
      return (error as ResourceDecryptError).failure;
    }
    throw new Error('expected a refusal');
  };

  it('should refuse a tampered ciphertext, a tampered tag, wrong associated data and a wrong key', () => {
    const resource = encryptResource(plaintext, API_V3_KEY, { associatedData: 'transaction' });
    const sealed = Buffer.from(resource.ciphertext, 'base64');
    const flip = (index: number) => {
      const copy = Buffer.from(sealed);
      copy[index] = (copy[index] ?? 0) ^ 0x01;
      return copy.toString('base64');
    };
    expect(refusal(() => decryptResource({ ...resource, ciphertext: flip(0) }, API_V3_KEY))).toBe('authentication_failed');
    expect(refusal(() => decryptResource({ ...resource, ciphertext: flip(sealed.length - 1) }, API_V3_KEY))).toBe('authentication_failed');
    expect(refusal(() => decryptResource({ ...resource, associated_data: 'refund' }, API_V3_KEY))).toBe('authentication_failed');
    expect(refusal(() => decryptResource({ ...resource, nonce: 'otheronce123' }, API_V3_KEY))).toBe('authentication_failed');
    expect(refusal(() => decryptResource(resource, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'))).toBe('authentication_failed');
  });

  it('should refuse another algorithm, a ciphertext too short to hold a tag and a key of the wrong length', () => {
    const resource = encryptResource(plaintext, API_V3_KEY);
    expect(refusal(() => decryptResource({ ...resource, algorithm: 'AEAD_SM4_GCM' }, API_V3_KEY))).toBe('unsupported_algorithm');
    expect(refusal(() => decryptResource({ ...resource, ciphertext: Buffer.alloc(16).toString('base64') }, API_V3_KEY))).toBe('malformed');
    expect(refusal(() => decryptResource(resource, 'short'))).toBe('malformed');
  });

  it('should show why the library is not used: its decipher_gcm accepts a forged tag and a rewritten ciphertext', () => {
    const resource = encryptResource(plaintext, API_V3_KEY, { associatedData: 'transaction', nonce: 'fdasflkja484' });
    const sealed = Buffer.from(resource.ciphertext, 'base64');
    sealed.fill(0, sealed.length - 16); // a zeroed tag: anyone can make one without the key
    const forged = sealed.toString('base64');
    const pay = new Pay({ appid: 'wx0123456789abcdef', mchid: '1900000001', serial_no: 'AB', publicKey: Buffer.from('x'), privateKey: Buffer.from('x') });
    expect(pay.decipher_gcm(forged, 'transaction', 'fdasflkja484', API_V3_KEY)).toEqual(JSON.parse(plaintext));
    expect(() => decryptResource({ ...resource, ciphertext: forged }, API_V3_KEY)).toThrow(ResourceDecryptError);

    // GCM without its tag is malleable CTR: XOR-ing the ciphertext rewrites the plaintext at will.
    const at = plaintext.indexOf('QD20261129000001') + 'QD20261129'.length;
    const rewritten = Buffer.from(sealed);
    for (const [offset, [from, to]] of [...'000001'].map((c, i) => [at + i, [c, '999999'[i]]] as const)) {
      rewritten[offset] = (rewritten[offset] ?? 0) ^ from.charCodeAt(0) ^ (to ?? '').charCodeAt(0);
    }
    const altered = pay.decipher_gcm<{ out_trade_no: string }>(rewritten.toString('base64'), 'transaction', 'fdasflkja484', API_V3_KEY);
    expect(altered.out_trade_no).toBe('QD20261129999999');
    expect(() => decryptResource({ ...resource, ciphertext: rewritten.toString('base64') }, API_V3_KEY)).toThrow(ResourceDecryptError);
  });
});
