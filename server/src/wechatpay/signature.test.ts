import { generateKeyPairSync, verify } from 'node:crypto';
import Pay from 'wechatpay-node-v3';
import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  jsapiPayParams,
  parseAuthorizationHeader,
  requestSigningMessage,
  verifyRequestSignature,
} from './signature';

// Keys are made per run: no key material lives in the repository.
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signer = { mchid: '1900000001', serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', privateKey: merchant.privateKey };
const privateKeyPem = Buffer.from(merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }));

/** wechatpay-node-v3 as the later steps will use it for requests (serial given, so no certificate is parsed). */
function library(): Pay {
  return new Pay({
    appid: 'wx0123456789abcdef',
    mchid: signer.mchid,
    serial_no: signer.serial,
    // Its constructor throws without a "publicKey" even when serial_no makes it unused.
    publicKey: Buffer.from('unused'),
    privateKey: privateKeyPem,
  });
}

describe('authorizationHeader', () => {
  const body = JSON.stringify({ mchid: '1900000001', out_trade_no: 'QD20261129000001', amount: { total: 1990, currency: 'CNY' } });

  it('should sign METHOD\\npath\\ntimestamp\\nnonce\\nbody\\n in the WECHATPAY2-SHA256-RSA2048 format', () => {
    const header = authorizationHeader(signer, 'POST', '/v3/pay/transactions/jsapi', body, { timestamp: 1764400000, nonce: 'N0NCE' });
    expect(header).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="N0NCE",timestamp="1764400000",serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E1",signature="[A-Za-z0-9+/=]+"$/,
    );
    const fields = parseAuthorizationHeader(header);
    expect(fields).not.toBeNull();
    const message = `POST\n/v3/pay/transactions/jsapi\n1764400000\nN0NCE\n${body}\n`;
    expect(verify('sha256', Buffer.from(message), merchant.publicKey, Buffer.from(fields!.signature, 'base64'))).toBe(true);
  });

  it('should produce exactly the signature wechatpay-node-v3 produces for the same POST and GET', () => {
    const pay = library();
    const libraryPost = pay.getAuthorization('N0NCE', '1764400000', pay.getSignature('POST', 'N0NCE', '1764400000', '/v3/pay/transactions/jsapi', body));
    expect(authorizationHeader(signer, 'POST', '/v3/pay/transactions/jsapi', body, { timestamp: 1764400000, nonce: 'N0NCE' })).toBe(libraryPost);

    const path = '/v3/pay/transactions/out-trade-no/QD20261129000001?mchid=1900000001';
    const libraryGet = pay.getAuthorization('abc123', '1764400001', pay.getSignature('GET', 'abc123', '1764400001', path));
    expect(authorizationHeader(signer, 'GET', path, '', { timestamp: 1764400001, nonce: 'abc123' })).toBe(libraryGet);
  });

  it('should accept the header the library builds for a real call with our verifier', () => {
    // buildAuthorization is what transactions_jsapi/query/close/refunds call: random nonce, current time, URL host stripped.
    const pay = library() as unknown as { buildAuthorization(method: string, url: string, params?: object): string };
    const params = JSON.parse(body) as object;
    const header = pay.buildAuthorization('POST', 'https://api.mch.weixin.qq.com/v3/refund/domestic/refunds', params);
    const fields = parseAuthorizationHeader(header);
    expect(fields?.serial).toBe(signer.serial);
    expect(verifyRequestSignature(merchant.publicKey, fields!, 'POST', '/v3/refund/domestic/refunds', JSON.stringify(params))).toBe(true);
  });

  it('should refuse a tampered body, path, method or another key when verifying', () => {
    const header = authorizationHeader(signer, 'POST', '/v3/pay/transactions/jsapi', body);
    const fields = parseAuthorizationHeader(header)!;
    expect(verifyRequestSignature(merchant.publicKey, fields, 'POST', '/v3/pay/transactions/jsapi', body)).toBe(true);
    expect(verifyRequestSignature(merchant.publicKey, fields, 'POST', '/v3/pay/transactions/jsapi', body.replace('1990', '1')))
      .toBe(false);
    expect(verifyRequestSignature(merchant.publicKey, fields, 'POST', '/v3/pay/transactions/native', body)).toBe(false);
    expect(verifyRequestSignature(merchant.publicKey, fields, 'PUT', '/v3/pay/transactions/jsapi', body)).toBe(false);
    expect(verifyRequestSignature(other.publicKey, fields, 'POST', '/v3/pay/transactions/jsapi', body)).toBe(false);
  });

  it('should use a fresh random nonce and the current time by default', () => {
    const a = parseAuthorizationHeader(authorizationHeader(signer, 'GET', '/v3/certificates', ''))!;
    const b = parseAuthorizationHeader(authorizationHeader(signer, 'GET', '/v3/certificates', ''))!;
    expect(a.nonce).toMatch(/^[0-9A-F]{32}$/);
    expect(a.nonce).not.toBe(b.nonce);
    expect(Math.abs(Number(a.timestamp) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('should keep the empty body line for a request without a body', () => {
    expect(requestSigningMessage('get', '/v3/certificates', '1', 'n', '')).toBe('GET\n/v3/certificates\n1\nn\n\n');
  });
});

describe('parseAuthorizationHeader', () => {
  it('should refuse other schemes, missing fields and duplicates', () => {
    expect(parseAuthorizationHeader(undefined)).toBeNull();
    expect(parseAuthorizationHeader('Bearer x')).toBeNull();
    expect(parseAuthorizationHeader('WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="1",serial_no="S"')).toBeNull();
    expect(
      parseAuthorizationHeader('WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="2",nonce_str="n",timestamp="1",serial_no="S",signature="x"'),
    ).toBeNull();
  });
});

describe('jsapiPayParams', () => {
  it('should sign appId\\ntimeStamp\\nnonceStr\\npackage\\n (known answer for the layout)', () => {
    const params = jsapiPayParams(
      { appId: 'wx0123456789abcdef', prepayId: 'wx201410272009395522657a690389285100', privateKey: merchant.privateKey },
      { timestamp: 1414561699, nonce: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS' },
    );
    expect(params).toEqual({
      appId: 'wx0123456789abcdef',
      timeStamp: '1414561699',
      nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
      paySign: expect.any(String),
    });
    const expected = 'wx0123456789abcdef\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n';
    expect(verify('sha256', Buffer.from(expected), merchant.publicKey, Buffer.from(params.paySign, 'base64'))).toBe(true);
  });

  it('should equal the paySign wechatpay-node-v3 computes over the same string', () => {
    const params = jsapiPayParams(
      { appId: 'wx0123456789abcdef', prepayId: 'wx29000000000000000000000000000000', privateKey: merchant.privateKey },
      { timestamp: 1764400000, nonce: 'abc' },
    );
    const pay = library();
    const str = [params.appId, params.timeStamp, params.nonceStr, params.package, ''].join('\n');
    expect(params.paySign).toBe(pay.sha256WithRsa(str));
  });

  it('should not verify with another key', () => {
    const params = jsapiPayParams({ appId: 'wx0123456789abcdef', prepayId: 'wx1', privateKey: merchant.privateKey });
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(verify('sha256', Buffer.from(message), other.publicKey, Buffer.from(params.paySign, 'base64'))).toBe(false);
  });
});
