import { randomBytes, sign, verify, type KeyObject } from 'node:crypto';

/** The only scheme WeChat Pay v3 accepts for merchant requests. */
export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

export interface MerchantSigner {
  mchid: string;
  /** Serial number of the merchant API certificate, as WeChat shows it (hex). */
  serial: string;
  privateKey: KeyObject;
}

export interface SigningOptions {
  /** Unix seconds; defaults to now. Fixed only by tests and known-answer checks. */
  timestamp?: number;
  /** Defaults to 32 random hex characters (WeChat allows up to 32). */
  nonce?: string;
}

export interface AuthorizationFields {
  mchid: string;
  nonce: string;
  timestamp: string;
  serial: string;
  signature: string;
}

/** A nonce from the CSPRNG: the library's Math.random() nonces are guessable. */
export function newNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** RSA-SHA256 (PKCS#1 v1.5) in base64: WeChat's signing primitive for requests, paySign and notifications. */
export function rsaSign(privateKey: KeyObject, message: string): string {
  return sign('sha256', Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

/**
 * The request signing message: every line ends in \n, including the body line, and a request
 * without a body (GET) still has an empty body line. The body must be the exact bytes sent.
 */
export function requestSigningMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** The `Authorization` header of a WeChat Pay v3 API call. */
export function authorizationHeader(
  signer: MerchantSigner,
  method: string,
  pathWithQuery: string,
  body: string,
  options: SigningOptions = {},
): string {
  const timestamp = String(options.timestamp ?? unixSeconds());
  const nonce = options.nonce ?? newNonce();
  const signature = rsaSign(signer.privateKey, requestSigningMessage(method, pathWithQuery, timestamp, nonce, body));
  return (
    `${AUTH_SCHEME} mchid="${signer.mchid}",nonce_str="${nonce}",timestamp="${timestamp}",` +
    `serial_no="${signer.serial}",signature="${signature}"`
  );
}

/**
 * Reads an `Authorization` header back into its fields (the simulator checks every call with it);
 * null when it is not a well-formed WECHATPAY2-SHA256-RSA2048 header.
 */
export function parseAuthorizationHeader(header: string | undefined): AuthorizationFields | null {
  if (!header?.startsWith(`${AUTH_SCHEME} `)) return null;
  const fields = new Map<string, string>();
  for (const part of header.slice(AUTH_SCHEME.length + 1).split(',')) {
    const match = /^\s*([a-z_]+)="([^"]*)"\s*$/.exec(part);
    if (!match?.[1] || match[2] === undefined || fields.has(match[1])) return null;
    fields.set(match[1], match[2]);
  }
  const mchid = fields.get('mchid');
  const nonce = fields.get('nonce_str');
  const timestamp = fields.get('timestamp');
  const serial = fields.get('serial_no');
  const signature = fields.get('signature');
  if (!mchid || !nonce || !timestamp || !serial || !signature) return null;
  return { mchid, nonce, timestamp, serial, signature };
}

/** Checks a request's Authorization signature against the merchant's public key (simulator side). */
export function verifyRequestSignature(
  publicKey: KeyObject,
  fields: AuthorizationFields,
  method: string,
  pathWithQuery: string,
  body: string,
): boolean {
  const message = requestSigningMessage(method, pathWithQuery, fields.timestamp, fields.nonce, body);
  try {
    return verify('sha256', Buffer.from(message, 'utf8'), publicKey, Buffer.from(fields.signature, 'base64'));
  } catch {
    // A key of the wrong type makes node throw; to the caller that is just a signature that does not verify.
    return false;
  }
}

export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

/**
 * What `wx.requestPayment` (mini-program) and `getBrandWCPayRequest` (WeChat browser) take.
 * We sign these ourselves instead of taking the library's: its transactions_jsapi only returns
 * them together with the HTTP call, with a Math.random() nonce, and a prepay id we reuse
 * (a repeated "pay" on an unpaid order) needs fresh parameters without a new prepay call.
 */
export function jsapiPayParams(
  input: { appId: string; prepayId: string; privateKey: KeyObject },
  options: SigningOptions = {},
): JsapiPayParams {
  const timeStamp = String(options.timestamp ?? unixSeconds());
  const nonceStr = options.nonce ?? newNonce();
  const pkg = `prepay_id=${input.prepayId}`;
  const paySign = rsaSign(input.privateKey, `${input.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`);
  return { appId: input.appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
}
