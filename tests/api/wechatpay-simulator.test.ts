import { generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decryptResource,
  ResourceDecryptError,
  verifyNotificationSignature,
  type EncryptedResource,
  type NotificationVerdict,
} from '@qiaodu/server/wechatpay/notification';
import { selfSignedCertificatePem } from '@qiaodu/server/wechatpay/self-signed-certificate';
import { authorizationHeader, type MerchantSigner } from '@qiaodu/server/wechatpay/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startWeChatPaySimulator,
  type NotificationTamper,
  type WeChatPayKeyMode,
  type WeChatPaySimulator,
} from '../support/wechatpay-simulator';
// The library lives in the server package (the code that will use it); tests reach it there.
import Pay from 'wechatpay-node-v3';
import { PayRequest } from 'wechatpay-node-v3/dist/lib/pay-request';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const MCHID = `16${Math.floor(Math.random() * 1e8)
  .toString()
  .padStart(8, '0')}`;
const APPID = `wx${hex(8)}`;
const APIV3_KEY = randomBytes(24).toString('base64').slice(0, 32);
const merchantKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const MERCHANT_SERIAL = hex(20).toUpperCase();
const signer: MerchantSigner = { mchid: MCHID, serial: MERCHANT_SERIAL, privateKey: merchantKeys.privateKey };
const RETRY_DELAYS_MS = [30, 30, 30, 30];

interface SignedAnswer {
  status: number;
  raw: string;
  body: Record<string, unknown> | null;
  headers: Headers;
}

interface Delivery {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  verdict: NotificationVerdict;
  eventType: string | null;
  resource: Record<string, unknown> | null;
  decryptFailure: string | null;
  answered: number;
}

/** A merchant's notify endpoint in miniature, built from the production verification primitives. */
interface Receiver {
  url: string;
  deliveries: Delivery[];
  /** Statuses to answer next, in order, whatever the notification; then 204 for a good one. */
  forced: number[];
  close(): Promise<void>;
}

async function startReceiver(keys: () => ReadonlyMap<string, KeyObject>): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const forced: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const header = (name: string) => req.headers[name] as string | undefined;
      const verdict = verifyNotificationSignature({
        headers: {
          timestamp: header('wechatpay-timestamp'),
          nonce: header('wechatpay-nonce'),
          signature: header('wechatpay-signature'),
          serial: header('wechatpay-serial'),
        },
        rawBody: raw,
        keys: keys(),
        now: new Date(),
      });
      const parsed = JSON.parse(raw.toString('utf8')) as { event_type?: string; resource: EncryptedResource };
      let resource: Record<string, unknown> | null = null;
      let decryptFailure: string | null = null;
      try {
        resource = JSON.parse(decryptResource(parsed.resource, APIV3_KEY)) as Record<string, unknown>;
      } catch (error) {
        decryptFailure = error instanceof ResourceDecryptError ? error.failure : String(error);
      }
      const answered = forced.shift() ?? (verdict.ok && resource ? 204 : 401);
      deliveries.push({ headers: req.headers, raw, verdict, eventType: parsed.event_type ?? null, resource, decryptFailure, answered });
      if (answered === 204) {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(answered, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 'FAIL', message: '失败' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/pay/wechat/notify`,
    deliveries,
    forced,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let orderSeq = 0;
const newOutTradeNo = () => `QD${Date.now()}${String((orderSeq += 1)).padStart(4, '0')}`;

describe.each<WeChatPayKeyMode>(['public_key', 'platform_certificate'])('WeChat Pay simulator (%s mode)', (mode) => {
  let sim: WeChatPaySimulator;
  let receiver: Receiver;
  /** What the merchant verifies WeChat with: configured (public key) or fetched from /v3/certificates. */
  let merchantKeysOfWeChat: ReadonlyMap<string, KeyObject> = new Map();

  async function call(
    method: 'GET' | 'POST',
    pathWithQuery: string,
    body?: object,
    sign: (text: string) => string | null = (text) => authorizationHeader(signer, method, pathWithQuery, text),
  ): Promise<SignedAnswer> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
    const authorization = sign(text);
    if (authorization !== null) headers.Authorization = authorization;
    const response = await fetch(`${sim.url}${pathWithQuery}`, { method, headers, ...(body === undefined ? {} : { body: text }) });
    const raw = await response.text();
    return { status: response.status, raw, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : null, headers: response.headers };
  }

  /** WeChat signs its answers exactly like its notifications: timestamp\nnonce\nbody\n. */
  function answerVerdict(answer: SignedAnswer): NotificationVerdict {
    return verifyNotificationSignature({
      headers: {
        timestamp: answer.headers.get('wechatpay-timestamp') ?? undefined,
        nonce: answer.headers.get('wechatpay-nonce') ?? undefined,
        signature: answer.headers.get('wechatpay-signature') ?? undefined,
        serial: answer.headers.get('wechatpay-serial') ?? undefined,
      },
      rawBody: answer.raw,
      keys: merchantKeysOfWeChat,
      now: new Date(),
    });
  }

  function jsapiBody(outTradeNo: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      appid: APPID,
      mchid: MCHID,
      description: '侨都职教商城-手工香皂',
      out_trade_no: outTradeNo,
      time_expire: new Date(Date.now() + 15 * 60_000).toISOString().replace(/\.\d+Z$/, '+00:00'),
      notify_url: receiver.url,
      amount: { total: 1990, currency: 'CNY' },
      payer: { openid: 'o_customer_1' },
      ...overrides,
    };
  }

  async function prepay(outTradeNo: string, overrides: Record<string, unknown> = {}): Promise<SignedAnswer> {
    return call('POST', '/v3/pay/transactions/jsapi', jsapiBody(outTradeNo, overrides));
  }

  async function paidTrade(totalFen = 1990): Promise<string> {
    const outTradeNo = newOutTradeNo();
    expect((await prepay(outTradeNo, { amount: { total: totalFen, currency: 'CNY' } })).status).toBe(200);
    await sim.pay(outTradeNo).done;
    return outTradeNo;
  }

  beforeAll(async () => {
    sim = await startWeChatPaySimulator({
      mchid: MCHID,
      appIds: [APPID],
      merchantPublicKey: merchantKeys.publicKey,
      merchantSerial: MERCHANT_SERIAL,
      apiV3Key: APIV3_KEY,
      mode,
      notifyRetryDelaysMs: RETRY_DELAYS_MS,
    });
    receiver = await startReceiver(() => merchantKeysOfWeChat);
    if (mode === 'public_key') {
      // Configured by the merchant from the console: WECHATPAY_PUBLIC_KEY_ID + WECHATPAY_PUBLIC_KEY.
      merchantKeysOfWeChat = new Map([[sim.platformKeyId, sim.platformPublicKey]]);
    } else {
      // Fetched as the merchant would: GET /v3/certificates, each entry decrypted with the APIv3 key.
      const answer = await call('GET', '/v3/certificates');
      expect(answer.status).toBe(200);
      const entries = (answer.body as { data: { serial_no: string; encrypt_certificate: EncryptedResource }[] }).data;
      const fetched = new Map<string, KeyObject>();
      for (const entry of entries) {
        const certificate = new X509Certificate(decryptResource(entry.encrypt_certificate, APIV3_KEY));
        expect(certificate.serialNumber.toUpperCase()).toBe(entry.serial_no);
        fetched.set(entry.serial_no, certificate.publicKey);
      }
      merchantKeysOfWeChat = fetched;
      expect(answerVerdict(answer)).toEqual({ ok: true });
    }
  });

  afterAll(async () => {
    await sim?.close();
    await receiver?.close();
  });

  it('knows the platform key the way the mode says', () => {
    if (mode === 'public_key') {
      expect(sim.platformKeyId).toMatch(/^PUB_KEY_ID_\d+$/);
      expect(sim.platformCertificatePem).toBeNull();
    } else {
      expect(sim.platformKeyId).toMatch(/^[0-9A-F]{40}$/);
      expect(merchantKeysOfWeChat.has(sim.platformKeyId)).toBe(true);
    }
  });

  it('answers a signed jsapi call with a prepay_id, signed with its platform key', async () => {
    const answer = await prepay(newOutTradeNo());
    expect(answer.status).toBe(200);
    expect(answer.body?.prepay_id).toMatch(/^wx\d{14}[0-9a-f]+$/);
    expect(answer.headers.get('wechatpay-serial')).toBe(sim.platformKeyId);
    expect(answerVerdict(answer)).toEqual({ ok: true });
  });

  it('refuses unsigned, wrongly signed, stale and mismatched calls with 401 SIGN_ERROR', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const refused: [string, (text: string) => string | null][] = [
      ['unsigned', () => null],
      ['signed by another key', (text) => authorizationHeader({ ...signer, privateKey: otherKey }, 'POST', '/v3/pay/transactions/jsapi', text)],
      ['another serial', (text) => authorizationHeader({ ...signer, serial: hex(20).toUpperCase() }, 'POST', '/v3/pay/transactions/jsapi', text)],
      ['another mchid', (text) => authorizationHeader({ ...signer, mchid: '1900000109' }, 'POST', '/v3/pay/transactions/jsapi', text)],
      [
        'ten minutes old',
        (text) => authorizationHeader(signer, 'POST', '/v3/pay/transactions/jsapi', text, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
      ],
      ['signed over another body', () => authorizationHeader(signer, 'POST', '/v3/pay/transactions/jsapi', '{}')],
      ['signed for another path', (text) => authorizationHeader(signer, 'POST', '/v3/pay/transactions/native', text)],
      ['another scheme', (text) => authorizationHeader(signer, 'POST', '/v3/pay/transactions/jsapi', text).replace('RSA2048', 'SM2')],
    ];
    for (const [label, sign] of refused) {
      const outTradeNo = newOutTradeNo();
      const answer = await call('POST', '/v3/pay/transactions/jsapi', jsapiBody(outTradeNo), sign);
      expect({ label, status: answer.status, code: answer.body?.code }).toEqual({ label, status: 401, code: 'SIGN_ERROR' });
      expect(sim.trade(outTradeNo)).toBeUndefined();
    }
    // A GET is signed with an empty body line and its query: a signature without the query fails.
    const unsignedQuery = await call('GET', `/v3/pay/transactions/out-trade-no/X123456?mchid=${MCHID}`, undefined, () =>
      authorizationHeader(signer, 'GET', '/v3/pay/transactions/out-trade-no/X123456', ''),
    );
    expect(unsignedQuery.status).toBe(401);
  });

  it('validates jsapi parameters as WeChat does', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ description: '香'.repeat(128) }, 400, 'PARAM_ERROR'],
      [{ out_trade_no: 'short' }, 400, 'PARAM_ERROR'],
      [{ out_trade_no: 'QD 2026 空格' }, 400, 'PARAM_ERROR'],
      [{ time_expire: '2026-11-29 18:00:00' }, 400, 'PARAM_ERROR'],
      [{ notify_url: 'http://shop.example.com/api/pay/wechat/notify' }, 400, 'PARAM_ERROR'],
      [{ notify_url: 'https://shop.example.com/notify?x=1' }, 400, 'PARAM_ERROR'],
      [{ amount: { total: 0, currency: 'CNY' } }, 400, 'PARAM_ERROR'],
      [{ amount: { total: 19.9, currency: 'CNY' } }, 400, 'PARAM_ERROR'],
      [{ payer: {} }, 400, 'PARAM_ERROR'],
      [{ mchid: '1900000109' }, 400, 'PARAM_ERROR'],
      [{ appid: `wx${hex(8)}` }, 400, 'APPID_MCHID_NOT_MATCH'],
    ];
    for (const [overrides, status, code] of cases) {
      const outTradeNo = newOutTradeNo();
      const body = { ...jsapiBody(outTradeNo), ...overrides };
      const answer = await call('POST', '/v3/pay/transactions/jsapi', body);
      expect({ overrides, status: answer.status, code: answer.body?.code }).toEqual({ overrides, status, code });
    }
    expect((await prepay(newOutTradeNo(), { description: '香'.repeat(127) })).status).toBe(200);
  });

  it('treats a repeated out_trade_no by its parameters: same → a prepay id, other amount → INVALID_REQUEST', async () => {
    const outTradeNo = newOutTradeNo();
    expect((await prepay(outTradeNo)).status).toBe(200);
    expect((await prepay(outTradeNo)).status).toBe(200);
    const changed = await prepay(outTradeNo, { amount: { total: 1, currency: 'CNY' } });
    expect([changed.status, changed.body?.code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('pay() sends TRANSACTION.SUCCESS that verifies and decrypts to the trade; query then says SUCCESS', async () => {
    const outTradeNo = newOutTradeNo();
    expect((await prepay(outTradeNo, { amount: { total: 2590, currency: 'CNY' } })).status).toBe(200);
    const before = await call('GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${MCHID}`);
    expect(before.body).toMatchObject({ trade_state: 'NOTPAY', out_trade_no: outTradeNo, amount: { total: 2590 } });
    expect(before.body?.transaction_id).toBeUndefined();

    const delivery = sim.pay(outTradeNo, { openid: 'o_customer_1' });
    await delivery.done;
    expect(delivery.acknowledged).toBe(true);
    const received = receiver.deliveries.at(-1) as Delivery;
    expect(received.verdict).toEqual({ ok: true });
    expect(received.headers['wechatpay-serial']).toBe(sim.platformKeyId);
    expect(received.eventType).toBe('TRANSACTION.SUCCESS');
    expect(received.resource).toMatchObject({
      mchid: MCHID,
      appid: APPID,
      out_trade_no: outTradeNo,
      trade_state: 'SUCCESS',
      trade_type: 'JSAPI',
      payer: { openid: 'o_customer_1' },
      amount: { total: 2590, payer_total: 2590, currency: 'CNY' },
    });
    const envelope = JSON.parse(received.raw.toString('utf8')) as Record<string, unknown>;
    expect(envelope).toMatchObject({
      id: delivery.id,
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'transaction', associated_data: 'transaction' },
    });
    expect(envelope.create_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);

    const after = await call('GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${MCHID}`);
    expect(answerVerdict(after)).toEqual({ ok: true });
    expect(after.body).toMatchObject({ trade_state: 'SUCCESS', transaction_id: received.resource?.transaction_id, amount: { total: 2590 } });
    expect(after.body?.success_time).toMatch(/\+08:00$/);
    const byId = await call('GET', `/v3/pay/transactions/id/${String(received.resource?.transaction_id)}?mchid=${MCHID}`);
    expect(byId.body?.out_trade_no).toBe(outTradeNo);

    const again = await prepay(outTradeNo, { amount: { total: 2590, currency: 'CNY' } });
    expect([again.status, again.body?.code]).toEqual([400, 'ORDERPAID']);
    expect(() => sim.pay(outTradeNo)).toThrow();
  });

  it('retries a notification answered 500 on the (compressed) schedule until it is acknowledged with 204', async () => {
    const outTradeNo = newOutTradeNo();
    expect((await prepay(outTradeNo)).status).toBe(200);
    receiver.forced.push(500, 500);
    const first = receiver.deliveries.length;
    const delivery = sim.pay(outTradeNo);
    await delivery.done;
    expect(delivery.acknowledged).toBe(true);
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 204]);
    const attempts = receiver.deliveries.slice(first);
    expect(attempts.map((attempt) => attempt.answered)).toEqual([500, 500, 204]);
    // The same notification (id, body) each time, each attempt verifying on its own.
    expect(new Set(attempts.map((attempt) => attempt.raw.toString('utf8'))).size).toBe(1);
    expect(attempts.every((attempt) => attempt.verdict.ok)).toBe(true);
    const gap = (delivery.attempts[1]?.at.getTime() ?? 0) - (delivery.attempts[0]?.at.getTime() ?? 0);
    // Node timers may fire a millisecond early; the point is that the attempts are spaced, not back to back.
    expect(gap).toBeGreaterThanOrEqual((RETRY_DELAYS_MS[0] ?? 0) - 5);
  });

  it('gives up after the schedule when the merchant never acknowledges', async () => {
    const outTradeNo = newOutTradeNo();
    expect((await prepay(outTradeNo)).status).toBe(200);
    receiver.forced.push(...Array.from({ length: RETRY_DELAYS_MS.length + 1 }, () => 503));
    const delivery = sim.pay(outTradeNo);
    await delivery.done;
    expect(delivery.acknowledged).toBe(false);
    expect(delivery.attempts).toHaveLength(RETRY_DELAYS_MS.length + 1);
  });

  it('refunds: PROCESSING, then REFUND.SUCCESS notified; partial refunds up to what was paid', async () => {
    const outTradeNo = await paidTrade(3000);
    const refundUrl = receiver.url.replace('/notify', '/refund-notify');
    const refund = (outRefundNo: string, refundFen: number, total = 3000) =>
      call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: outTradeNo,
        out_refund_no: outRefundNo,
        reason: '买家申请退款',
        notify_url: refundUrl,
        amount: { refund: refundFen, total, currency: 'CNY' },
      });

    const first = await refund('RF1', 1000);
    expect(first.status).toBe(200);
    expect(answerVerdict(first)).toEqual({ ok: true });
    expect(first.body).toMatchObject({ out_refund_no: 'RF1', out_trade_no: outTradeNo, status: 'PROCESSING', amount: { refund: 1000, total: 3000, currency: 'CNY' } });
    expect((await refund('RF1', 1000)).body?.refund_id).toBe(first.body?.refund_id);
    expect((await refund('RF1', 999)).body?.code).toBe('INVALID_REQUEST');
    expect((await refund('RF2', 2001)).body?.code).toBe('INVALID_REQUEST');
    expect((await refund('RF2', 100, 2999)).body?.code).toBe('INVALID_REQUEST');

    const delivery = sim.refundOutcome('RF1', 'SUCCESS');
    await delivery?.done;
    const received = receiver.deliveries.at(-1) as Delivery;
    expect(received.verdict).toEqual({ ok: true });
    expect(received.eventType).toBe('REFUND.SUCCESS');
    expect(received.resource).toMatchObject({ out_refund_no: 'RF1', out_trade_no: outTradeNo, refund_status: 'SUCCESS', amount: { refund: 1000, total: 3000 } });
    const queried = await call('GET', '/v3/refund/domestic/refunds/RF1');
    expect(queried.body).toMatchObject({ status: 'SUCCESS', refund_id: first.body?.refund_id });
    const trade = await call('GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${MCHID}`);
    expect(trade.body?.trade_state).toBe('REFUND');

    // The rest (2000) is refundable; a closed refund gives its amount back.
    expect((await refund('RF2', 2000)).status).toBe(200);
    await sim.refundOutcome('RF2', 'CLOSED')?.done;
    expect((receiver.deliveries.at(-1) as Delivery).eventType).toBe('REFUND.CLOSED');
    expect((await refund('RF3', 2000)).status).toBe(200);
    await sim.refundOutcome('RF3', 'ABNORMAL')?.done;
    expect((receiver.deliveries.at(-1) as Delivery).resource?.refund_status).toBe('ABNORMAL');
    expect((await refund('RF4', 1)).body?.code).toBe('INVALID_REQUEST');

    expect((await call('GET', '/v3/refund/domestic/refunds/NOPE')).body?.code).toBe('RESOURCE_NOT_EXISTS');
  });

  it('refuses refunds of unpaid trades', async () => {
    const outTradeNo = newOutTradeNo();
    expect((await prepay(outTradeNo)).status).toBe(200);
    const answer = await call('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: outTradeNo,
      out_refund_no: `R${outTradeNo}`,
      amount: { refund: 100, total: 1990, currency: 'CNY' },
    });
    expect([answer.status, answer.body?.code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('close answers 204 and the query then says CLOSED; a paid trade cannot be closed', async () => {
    const outTradeNo = newOutTradeNo();
    expect((await prepay(outTradeNo)).status).toBe(200);
    const closed = await call('POST', `/v3/pay/transactions/out-trade-no/${outTradeNo}/close`, { mchid: MCHID });
    expect([closed.status, closed.raw]).toEqual([204, '']);
    expect(answerVerdict(closed)).toEqual({ ok: true });
    const query = await call('GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${MCHID}`);
    expect(query.body?.trade_state).toBe('CLOSED');
    expect(() => sim.pay(outTradeNo)).toThrow();
    expect((await prepay(outTradeNo)).body?.code).toBe('ORDER_CLOSED');

    const paid = await paidTrade();
    const refused = await call('POST', `/v3/pay/transactions/out-trade-no/${paid}/close`, { mchid: MCHID });
    expect([refused.status, refused.body?.code]).toEqual([400, 'ORDERPAID']);
    const unknown = await call('GET', `/v3/pay/transactions/out-trade-no/NOSUCH123?mchid=${MCHID}`);
    expect([unknown.status, unknown.body?.code]).toEqual([404, 'ORDER_NOT_EXIST']);
  });

  it('pay() refuses after time_expire unless told to play the late-payment race', async () => {
    const outTradeNo = newOutTradeNo();
    expect((await prepay(outTradeNo, { time_expire: new Date(Date.now() - 1000).toISOString() })).status).toBe(200);
    expect(() => sim.pay(outTradeNo)).toThrow(/expired/);
    const late = sim.pay(outTradeNo, { ignoreTimeExpire: true });
    await late.done;
    expect([late.acknowledged, late.resource.trade_state]).toEqual([true, 'SUCCESS']);
  });

  it('fail() leaves the trade PAYERROR without a notification', async () => {
    const outTradeNo = newOutTradeNo();
    expect((await prepay(outTradeNo)).status).toBe(200);
    const sent = sim.notifications.length;
    sim.fail(outTradeNo);
    expect((await call('GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${MCHID}`)).body?.trade_state).toBe('PAYERROR');
    expect(sim.notifications).toHaveLength(sent);
  });

  it('crafts notifications: a clean one is accepted, every tampered one is refused', async () => {
    const outTradeNo = await paidTrade();
    const resource = sim.transactionResource(outTradeNo);
    const expected: Record<NotificationTamper, { verdict: string; decrypt: string | null }> = {
      body: { verdict: 'bad_signature', decrypt: null },
      ciphertext: { verdict: 'ok', decrypt: 'authentication_failed' },
      tag: { verdict: 'ok', decrypt: 'authentication_failed' },
      aad: { verdict: 'ok', decrypt: 'authentication_failed' },
      key: { verdict: 'ok', decrypt: 'authentication_failed' },
      'signing-key': { verdict: 'bad_signature', decrypt: null },
      timestamp: { verdict: 'stale_timestamp', decrypt: null },
      serial: { verdict: 'unknown_serial', decrypt: null },
      signtest: { verdict: 'probe_signature', decrypt: null },
    };
    const clean = await sim.sendNotification(receiver.url, sim.craftNotification({ resource }));
    expect(clean.status).toBe(204);
    expect((receiver.deliveries.at(-1) as Delivery).resource?.out_trade_no).toBe(outTradeNo);

    for (const [tamper, want] of Object.entries(expected) as [NotificationTamper, { verdict: string; decrypt: string | null }][]) {
      const answer = await sim.sendNotification(receiver.url, sim.craftNotification({ resource, tamper }));
      const received = receiver.deliveries.at(-1) as Delivery;
      const verdict = received.verdict.ok ? 'ok' : received.verdict.reason;
      expect({ tamper, status: answer.status, verdict }).toEqual({ tamper, status: 401, verdict: want.verdict });
      if (want.decrypt) expect({ tamper, decrypt: received.decryptFailure }).toEqual({ tamper, decrypt: want.decrypt });
    }
  });

  it('fails on request: scheduled errors, a hang, and an answer signed with the wrong key', async () => {
    sim.failNext({ kind: 'error', status: 500, code: 'SYSTEM_ERROR' }, { pathPrefix: '/v3/pay/' });
    const failed = await prepay(newOutTradeNo());
    expect([failed.status, failed.body?.code]).toEqual([500, 'SYSTEM_ERROR']);
    expect((await prepay(newOutTradeNo())).status).toBe(200);

    sim.failNext({ kind: 'bad-response-signature' });
    const forged = await prepay(newOutTradeNo());
    expect(forged.status).toBe(200);
    expect(answerVerdict(forged)).toEqual({ ok: false, reason: 'bad_signature' });

    sim.setFailure({ kind: 'error', status: 429, code: 'FREQUENCY_LIMITED', message: '频率超限' }, { method: 'GET' });
    expect((await call('GET', '/v3/refund/domestic/refunds/ANY')).status).toBe(429);
    expect((await call('GET', '/v3/refund/domestic/refunds/ANY')).status).toBe(429);
    expect((await prepay(newOutTradeNo())).status).toBe(200);
    sim.setFailure(null);

    sim.failNext({ kind: 'hang' });
    await expect(fetch(`${sim.url}/v3/certificates`, { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    sim.failNext({ kind: 'reset' });
    await expect(fetch(`${sim.url}/v3/certificates`)).rejects.toThrow();
  });

  it("accepts wechatpay-node-v3 2.2.1's own requests (jsapi, query, close, refunds) through createHttp", async () => {
    const pay = new Pay({
      appid: APPID,
      mchid: MCHID,
      serial_no: MERCHANT_SERIAL,
      publicKey: Buffer.from(
        selfSignedCertificatePem({
          privateKey: merchantKeys.privateKey,
          publicKey: merchantKeys.publicKey,
          serialHex: MERCHANT_SERIAL,
          commonName: MCHID,
          notBefore: new Date(Date.now() - 86_400_000),
          notAfter: new Date(Date.now() + 365 * 86_400_000),
        }),
      ),
      privateKey: Buffer.from(merchantKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
      key: APIV3_KEY,
    });
    // The library's own superagent transport, only with WeChat's host swapped for the simulator.
    const transport = new PayRequest();
    const toSimulator = (url: string) => url.replace('https://api.mch.weixin.qq.com', sim.url);
    pay.createHttp({
      post: (url, params, headers) => transport.post(toSimulator(url), params, headers),
      get: (url, headers) => transport.get(toSimulator(url), headers),
      upload: (url, params, headers) => transport.upload(toSimulator(url), params, headers),
    });

    const outTradeNo = newOutTradeNo();
    const created = await pay.transactions_jsapi({
      description: '侨都职教商城-陶艺杯',
      out_trade_no: outTradeNo,
      time_expire: new Date(Date.now() + 15 * 60_000).toISOString().replace(/\.\d+Z$/, '+00:00'),
      notify_url: receiver.url,
      amount: { total: 4500, currency: 'CNY' },
      payer: { openid: 'o_customer_2' },
    });
    expect(created.status).toBe(200);
    expect(created.data?.package).toMatch(/^prepay_id=wx/);
    expect(sim.trade(outTradeNo)?.prepayId).toBe(String(created.data?.package).slice('prepay_id='.length));

    const unpaid = await pay.query({ out_trade_no: outTradeNo });
    expect([unpaid.status, unpaid.data?.trade_state]).toEqual([200, 'NOTPAY']);
    await sim.pay(outTradeNo).done;
    const paid = await pay.query({ out_trade_no: outTradeNo });
    expect(paid.data?.trade_state).toBe('SUCCESS');

    const refunded = await pay.refunds({ out_trade_no: outTradeNo, out_refund_no: `R${outTradeNo}`, amount: { refund: 500, total: 4500, currency: 'CNY' } });
    expect([refunded.status, refunded.data?.status]).toEqual([200, 'PROCESSING']);
    const found = await pay.find_refunds(`R${outTradeNo}`);
    expect(found.data?.out_refund_no).toBe(`R${outTradeNo}`);

    const other = newOutTradeNo();
    expect((await pay.transactions_jsapi({ description: '陶艺杯', out_trade_no: other, notify_url: receiver.url, amount: { total: 1 }, payer: { openid: 'o_x' } })).status).toBe(200);
    expect((await pay.close(other)).status).toBe(204);
    expect((await pay.query({ out_trade_no: other })).data?.trade_state).toBe('CLOSED');

    if (mode === 'platform_certificate') {
      // The library parses the simulator's certificate list (with @fidm/x509) as it would WeChat's.
      const certificates = await pay.get_certificates(APIV3_KEY);
      expect(certificates.map((entry) => entry.serial_no)).toEqual([sim.platformKeyId]);
    }

    // Every call the library made passed the Authorization check.
    const libraryCalls = sim.requests.filter((request) => request.headers['user-agent'] === '127.0.0.1');
    expect(libraryCalls.length).toBeGreaterThanOrEqual(7);
    expect(libraryCalls.every((request) => request.status !== 401)).toBe(true);
  });
});

describe('WeChat Pay simulator refunds in demo mode', () => {
  it('settles refunds by itself when autoSettleRefundsAfterMs is set', async () => {
    const sim = await startWeChatPaySimulator({
      mchid: MCHID,
      appIds: [APPID],
      merchantPublicKey: merchantKeys.publicKey,
      merchantSerial: MERCHANT_SERIAL,
      apiV3Key: APIV3_KEY,
      mode: 'public_key',
      notifyRetryDelaysMs: RETRY_DELAYS_MS,
      autoSettleRefundsAfterMs: 20,
    });
    const receiver = await startReceiver(() => sim.verificationKeys);
    try {
      const post = (path: string, body: object) => {
        const text = JSON.stringify(body);
        return fetch(`${sim.url}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: authorizationHeader(signer, 'POST', path, text) },
          body: text,
        });
      };
      const outTradeNo = newOutTradeNo();
      const prepaid = await post('/v3/pay/transactions/jsapi', {
        appid: APPID,
        mchid: MCHID,
        description: '自动退款',
        out_trade_no: outTradeNo,
        notify_url: receiver.url,
        amount: { total: 800 },
        payer: { openid: 'o_demo' },
      });
      expect(prepaid.status).toBe(200);
      await sim.pay(outTradeNo).done;
      const refunded = await post('/v3/refund/domestic/refunds', {
        out_trade_no: outTradeNo,
        out_refund_no: 'AUTO1',
        notify_url: receiver.url,
        amount: { refund: 800, total: 800, currency: 'CNY' },
      });
      expect(((await refunded.json()) as { status: string }).status).toBe('PROCESSING');
      await expect.poll(() => sim.refund('AUTO1')?.status).toBe('SUCCESS');
      await sim.settled();
      expect(receiver.deliveries.map((delivery) => [delivery.eventType, delivery.verdict.ok])).toEqual([
        ['TRANSACTION.SUCCESS', true],
        ['REFUND.SUCCESS', true],
      ]);
    } finally {
      await sim.close();
      await receiver.close();
    }
  });
});
