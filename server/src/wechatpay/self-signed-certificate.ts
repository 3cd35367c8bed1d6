import { sign, type KeyObject } from 'node:crypto';

/*
 * A minimal X.509 v3 certificate writer. node:crypto reads certificates but cannot make one, and
 * the tests and the local simulator need certificates made at run time (a merchant certificate to
 * derive WECHATPAY_MERCHANT_SERIAL from, platform certificates for /v3/certificates) rather than
 * key material committed to the repo. Only what those uses need: RSA keys, SHA-256 signatures,
 * a CN-only name, no extensions.
 */

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const UTF8_STRING = 0x0c;
const UTC_TIME = 0x17;
const OID_SHA256_WITH_RSA = Buffer.from('06092a864886f70d01010b', 'hex');
const OID_COMMON_NAME = Buffer.from('0603550403', 'hex');
const DER_NULL = Buffer.from('0500', 'hex');

function positiveInteger(hex: string): Buffer {
  let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  // DER integers are signed: a leading byte with the high bit set needs a zero in front.
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return der(INTEGER, bytes);
}

function name(commonName: string): Buffer {
  return der(SEQUENCE, der(SET, der(SEQUENCE, OID_COMMON_NAME, der(UTF8_STRING, Buffer.from(commonName, 'utf8')))));
}

/** UTCTime YYMMDDHHMMSSZ, valid for the years 1950–2049 (enough for test and demo certificates). */
function utcTime(date: Date): Buffer {
  const iso = date.toISOString();
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return der(UTC_TIME, Buffer.from(text, 'ascii'));
}

export interface SelfSignedCertificateInput {
  /** Signs the certificate (self-signed: the same key pair as publicKey). */
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Hex serial number, as WeChat prints it (e.g. 5157F09EFDC096DE15EBE81A47057A7232F1B8E1). */
  serialHex: string;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
}

/** A PEM certificate that node's X509Certificate parses and verifies with publicKey. */
export function selfSignedCertificatePem(input: SelfSignedCertificateInput): string {
  if (!/^[0-9A-Fa-f]{1,40}$/.test(input.serialHex)) throw new Error('serialHex must be 1–40 hex digits');
  const algorithm = der(SEQUENCE, OID_SHA256_WITH_RSA, DER_NULL);
  const tbs = der(
    SEQUENCE,
    der(0xa0, der(INTEGER, Buffer.from([2]))), // [0] EXPLICIT version v3
    positiveInteger(input.serialHex),
    algorithm,
    name(input.commonName),
    der(SEQUENCE, utcTime(input.notBefore), utcTime(input.notAfter)),
    name(input.commonName),
    input.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, input.privateKey);
  const certificate = der(SEQUENCE, tbs, algorithm, der(BIT_STRING, Buffer.from([0]), signature));
  const base64 = certificate.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`;
}
