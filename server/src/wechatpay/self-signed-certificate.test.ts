import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificatePem } from './self-signed-certificate';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('selfSignedCertificatePem', () => {
  it('should make a certificate node parses, with our serial, name, validity and key', () => {
    const pem = selfSignedCertificatePem({
      ...keys,
      serialHex: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      commonName: '侨都职教商城测试商户',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2031-01-01T00:00:00Z'),
    });
    const certificate = new X509Certificate(pem);
    expect(certificate.serialNumber).toBe('5157F09EFDC096DE15EBE81A47057A7232F1B8E1');
    expect(certificate.subject).toBe('CN=侨都职教商城测试商户');
    expect(new Date(certificate.validFrom).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(new Date(certificate.validTo).toISOString()).toBe('2031-01-01T00:00:00.000Z');
    expect(certificate.verify(keys.publicKey)).toBe(true);
    expect(certificate.verify(other.publicKey)).toBe(false);
    expect(certificate.publicKey.equals(keys.publicKey)).toBe(true);
  });

  it('should encode a serial whose first byte has the high bit set as a positive integer', () => {
    const pem = selfSignedCertificatePem({ ...keys, serialHex: 'F1', commonName: 'x', notBefore: new Date('2026-01-01'), notAfter: new Date('2027-01-01') });
    expect(new X509Certificate(pem).serialNumber).toBe('F1');
  });

  it('should refuse a serial that is not hex', () => {
    expect(() => selfSignedCertificatePem({ ...keys, serialHex: 'XYZ', commonName: 'x', notBefore: new Date(), notAfter: new Date() })).toThrow();
  });
});
