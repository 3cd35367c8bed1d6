import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { encryptResource } from './notification';
import { createPlatformCertificateStore } from './platform-certificates';
import { selfSignedCertificatePem } from './self-signed-certificate';
import type { SignedAnswer } from './transport';

/*
 * The certificate list as WeChat sends it, built here by hand so each way it can be wrong is
 * one line: the store must take only certificates it decrypted (tag checked), whose serial is the
 * one listed, that have not expired, from a list signed by one of them.
 */

const logger = pino({ level: 'silent' });
const APIV3_KEY = randomBytes(24).toString('base64').slice(0, 32);
const DAY = 86_400_000;
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const SERIAL = randomBytes(20).toString('hex').toUpperCase();

interface EntryInput {
  serial?: string;
  listedAs?: string;
  notAfter?: Date;
  key?: typeof platform;
  tamper?: boolean;
}

function entry(input: EntryInput = {}) {
  const keys = input.key ?? platform;
  const serial = input.serial ?? SERIAL;
  const pem = selfSignedCertificatePem({
    ...keys,
    serialHex: serial,
    commonName: 'Tenpay.com Root CA',
    notBefore: new Date(Date.now() - DAY),
    notAfter: input.notAfter ?? new Date(Date.now() + 365 * DAY),
  });
  const resource = encryptResource(pem, APIV3_KEY, { associatedData: 'certificate' });
  if (input.tamper) {
    const bytes = Buffer.from(resource.ciphertext, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    resource.ciphertext = bytes.toString('base64');
  }
  return { serial_no: input.listedAs ?? serial, effective_time: '2026-01-01T00:00:00+08:00', expire_time: '2031-01-01T00:00:00+08:00', encrypt_certificate: resource };
}

function answer(entries: object[], signer = platform.privateKey, signedSerial = SERIAL): SignedAnswer {
  const raw = Buffer.from(JSON.stringify({ data: entries }));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = sign('sha256', Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), raw, Buffer.from('\n')]), signer).toString('base64');
  const headers = new Headers({ 'Wechatpay-Timestamp': timestamp, 'Wechatpay-Nonce': nonce, 'Wechatpay-Signature': signature, 'Wechatpay-Serial': signedSerial });
  return { status: 200, data: JSON.parse(raw.toString()) as unknown, raw, headers };
}

function storeAnswering(list: () => SignedAnswer) {
  let downloads = 0;
  const store = createPlatformCertificateStore({
    fetchList: async () => {
      downloads += 1;
      return list();
    },
    apiV3Key: APIV3_KEY,
    logger,
    clock: () => new Date(),
  });
  return { store, downloads: () => downloads };
}

describe('platform certificate store', () => {
  it('should take a well-formed list and answer by serial, case-insensitively', async () => {
    const { store, downloads } = storeAnswering(() => answer([entry()]));
    expect((await store.key(SERIAL))?.equals(platform.publicKey)).toBe(true);
    expect((await store.key(SERIAL.toLowerCase()))?.equals(platform.publicKey)).toBe(true);
    expect(downloads()).toBe(1);
  });

  it('should refuse a list whose ciphertext or GCM tag was changed', async () => {
    const { store } = storeAnswering(() => answer([entry({ tamper: true })]));
    expect(await store.key(SERIAL)).toBeNull();
  });

  it('should refuse a certificate listed under another serial', async () => {
    const { store } = storeAnswering(() => answer([entry({ listedAs: 'ABCDEF0123' })], platform.privateKey, 'ABCDEF0123'));
    expect(await store.key('ABCDEF0123')).toBeNull();
    expect(await store.key(SERIAL)).toBeNull();
  });

  it('should refuse a list not signed by a certificate in it', async () => {
    const { store } = storeAnswering(() => answer([entry()], other.privateKey));
    expect(await store.key(SERIAL)).toBeNull();
  });

  it('should skip an expired certificate and keep the valid one beside it', async () => {
    const oldSerial = randomBytes(20).toString('hex').toUpperCase();
    const { store } = storeAnswering(() => answer([entry({ serial: oldSerial, key: other, notAfter: new Date(Date.now() - DAY) }), entry()]));
    expect(await store.key(oldSerial)).toBeNull();
    expect((await store.key(SERIAL))?.equals(platform.publicKey)).toBe(true);
  });

  it('should never throw when the download fails, and try again only after a minute', async () => {
    const { store, downloads } = storeAnswering(() => {
      throw new Error('network down');
    });
    expect(await store.key(SERIAL)).toBeNull();
    expect(await store.key(SERIAL)).toBeNull();
    expect(downloads()).toBe(1);
  });
});
