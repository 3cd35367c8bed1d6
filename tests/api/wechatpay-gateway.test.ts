import { verify, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWeChatPayGateway } from '@qiaodu/server/wechatpay/client';
import type { WeChatPayConfig } from '@qiaodu/server/wechatpay/config';
import { WeChatPayApiError, type WeChatPayGateway } from '@qiaodu/server/wechatpay/gateway';
import { verifyNotificationSignature, type NotificationVerdict } from '@qiaodu/server/wechatpay/notification';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestMerchant, merchantCertificatePem, merchantConfigFor, startMerchantSimulator } from '../support/wechatpay-merchant';
import type { WeChatPayKeyMode, WeChatPaySimulator } from '../support/wechatpay-simulator';

/*
 * The production WeChat Pay client (wechatpay-node-v3 for the calls and their signatures, our
 * transport and verification) against the simulator over real HTTP, in both of WeChat's key modes.
 */

const merchant = createTestMerchant();
const { mchid: MCHID, appId: APPID, mpAppId: MP_APPID } = merchant;
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
let tradeCounter = 0;
const newOutTradeNo = () => `QD${Date.now()}${String((tradeCounter += 1)).padStart(4, '0')}`;

/** Receives the simulator's notifications and verifies them with the gateway's keys. */
async function startReceiver(keyFor: (serial: string) => Promise<KeyObject | null>) {
  const verdicts: NotificationVerdict[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const header = (name: string) => req.headers[name] as string | undefined;
      const serial = header('wechatpay-serial') ?? '';
      void keyFor(serial).then((key) => {
        verdicts.push(
          verifyNotificationSignature({
            headers: { timestamp: header('wechatpay-timestamp'), nonce: header('wechatpay-nonce'), signature: header('wechatpay-signature'), serial },
            rawBody: Buffer.concat(chunks),
            keys: key ? new Map([[serial, key]]) : new Map(),
            now: new Date(),
          }),
        );
        res.writeHead(204).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    verdicts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function configFor(sim: WeChatPaySimulator, notifyBase: string, apiBase = sim.url): WeChatPayConfig {
  return {
    ...merchantConfigFor(merchant, sim, notifyBase),
    // Platform-certificate mode runs with the merchant certificate, public-key mode without (the
    // library's constructor then gets the merchant public key instead).
    merchantCertificatePem: sim.mode === 'platform_certificate' ? Buffer.from(merchantCertificatePem(merchant)) : null,
    apiBase,
  };
}

async function apiError(promise: Promise<unknown>): Promise<WeChatPayApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(WeChatPayApiError);
  return error as WeChatPayApiError;
}

describe.each<WeChatPayKeyMode>(['public_key', 'platform_certificate'])('WeChat Pay gateway (%s mode)', (mode) => {
  let sim: WeChatPaySimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let config: WeChatPayConfig;
  let gateway: WeChatPayGateway;

  beforeAll(async () => {
    sim = await startMerchantSimulator(merchant, { mode, notifyRetryDelaysMs: [20, 20] });
    receiver = await startReceiver((serial) => gateway.verificationKey(serial));
    config = configFor(sim, receiver.base);
    gateway = createWeChatPayGateway(config, { logger, timeoutMs: 2000 });
  });

  afterAll(async () => {
    await gateway?.close();
    await sim?.close();
    await receiver?.close();
  });

  const prepay = (outTradeNo: string, overrides: { appId?: string; totalFen?: number; description?: string } = {}) =>
    gateway.jsapiPrepay({
      appId: overrides.appId ?? APPID,
      description: overrides.description ?? '侨都职教商城-生恭鲤鱼陶艺杯',
      outTradeNo,
      timeExpire: new Date(Date.now() + 15 * 60_000),
      totalFen: overrides.totalFen ?? 4500,
      payerOpenid: 'o_customer_1',
    });

  it('prepays with the WeChat-shaped body and signs pay parameters the merchant key verifies', async () => {
    const outTradeNo = newOutTradeNo();
    const timeExpire = new Date(Date.now() + 15 * 60_000);
    const description = `${'非遗'.repeat(70)}🐟`;
    const { prepayId } = await gateway.jsapiPrepay({ appId: APPID, description, outTradeNo, timeExpire, totalFen: 4500, payerOpenid: 'o_customer_1' });

    const trade = sim.trade(outTradeNo);
    expect(prepayId).toBe(trade?.prepayId);
    expect(prepayId).toMatch(/^wx/);
    expect([...(trade?.description ?? '')]).toHaveLength(127);
    const sent = JSON.parse(sim.requests.filter((request) => request.path === '/v3/pay/transactions/jsapi').at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toMatchObject({
      appid: APPID,
      mchid: MCHID,
      out_trade_no: outTradeNo,
      notify_url: config.notifyUrl,
      amount: { total: 4500, currency: 'CNY' },
      payer: { openid: 'o_customer_1' },
    });
    expect(sent.time_expire).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(Date.parse(sent.time_expire as string)).toBe(Math.floor(timeExpire.getTime() / 1000) * 1000);

    const params = gateway.payParams(APPID, prepayId);
    expect(params).toMatchObject({ appId: APPID, package: `prepay_id=${prepayId}`, signType: 'RSA' });
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    expect(verify('sha256', Buffer.from(message), merchant.publicKey, Buffer.from(params.paySign, 'base64'))).toBe(true);
    // A fresh nonce every time: a reused prepay id gets new parameters.
    expect(gateway.payParams(APPID, prepayId).nonceStr).not.toBe(params.nonceStr);

    // The official account's AppID prepays for the WeChat browser.
    const other = newOutTradeNo();
    await prepay(other, { appId: MP_APPID });
    expect(sim.trade(other)?.appid).toBe(MP_APPID);
  });

  it('queries a trade: null when WeChat has none, NOTPAY, then SUCCESS with the transaction id', async () => {
    expect(await gateway.queryTransaction(newOutTradeNo())).toBeNull();
    const outTradeNo = newOutTradeNo();
    await prepay(outTradeNo);
    expect(await gateway.queryTransaction(outTradeNo)).toMatchObject({ out_trade_no: outTradeNo, mchid: MCHID, appid: APPID, trade_state: 'NOTPAY' });
    await sim.pay(outTradeNo).done;
    const paid = await gateway.queryTransaction(outTradeNo);
    expect(paid).toMatchObject({ trade_state: 'SUCCESS', transaction_id: sim.trade(outTradeNo)?.transactionId, amount: { total: 4500 } });
  });

  it("notifications verify with the gateway's keys (the same keys answers are checked with)", async () => {
    const before = receiver.verdicts.length;
    const outTradeNo = newOutTradeNo();
    await prepay(outTradeNo);
    const delivery = sim.pay(outTradeNo);
    await delivery.done;
    expect(delivery.acknowledged).toBe(true);
    expect(receiver.verdicts.slice(before)).toEqual([{ ok: true }]);
  });

  it("closes a trade: 'closed', 'paid' when WeChat says ORDERPAID, 'unknown' when it never had it", async () => {
    const open = newOutTradeNo();
    await prepay(open);
    expect(await gateway.closeTransaction(open)).toBe('closed');
    expect(sim.trade(open)?.state).toBe('CLOSED');

    const paid = newOutTradeNo();
    await prepay(paid);
    await sim.pay(paid).done;
    expect(await gateway.closeTransaction(paid)).toBe('paid');
    expect(sim.trade(paid)?.state).toBe('SUCCESS');

    expect(await gateway.closeTransaction(newOutTradeNo())).toBe('unknown');
  });

  it('refunds by transaction id or by order number, idempotently, and queries refunds', async () => {
    const outTradeNo = newOutTradeNo();
    await prepay(outTradeNo, { totalFen: 9000 });
    await sim.pay(outTradeNo).done;
    const transactionId = sim.trade(outTradeNo)?.transactionId as string;

    const input = { outRefundNo: `R${outTradeNo}A`, transactionId, outTradeNo, refundFen: 3000, totalFen: 9000, reason: `${'质量问题'.repeat(30)}` };
    const created = await gateway.createRefund(input);
    expect(created).toMatchObject({ out_refund_no: input.outRefundNo, status: 'PROCESSING', transaction_id: transactionId, amount: { refund: 3000, total: 9000 } });
    const body = JSON.parse(sim.requests.filter((request) => request.path === '/v3/refund/domestic/refunds').at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ transaction_id: transactionId, notify_url: config.refundNotifyUrl, amount: { refund: 3000, total: 9000, currency: 'CNY' } });
    expect(body.out_trade_no).toBeUndefined();
    expect([...(body.reason as string)]).toHaveLength(80);
    // The same out_refund_no again is the same refund (a retry after a lost answer).
    expect((await gateway.createRefund(input)).refund_id).toBe(created.refund_id);

    const byOrderNo = await gateway.createRefund({ ...input, outRefundNo: `R${outTradeNo}B`, transactionId: null, reason: '' });
    expect(byOrderNo.out_trade_no).toBe(outTradeNo);
    const second = JSON.parse(sim.requests.filter((request) => request.path === '/v3/refund/domestic/refunds').at(-1)?.body ?? '{}') as Record<string, unknown>;
    expect([second.out_trade_no, second.transaction_id, second.reason]).toEqual([outTradeNo, undefined, undefined]);

    expect(await gateway.queryRefund(input.outRefundNo)).toMatchObject({ status: 'PROCESSING' });
    await sim.refundOutcome(input.outRefundNo, 'SUCCESS')?.done;
    expect(await gateway.queryRefund(input.outRefundNo)).toMatchObject({ status: 'SUCCESS', refund_id: created.refund_id });
    expect(await gateway.queryRefund(`R${newOutTradeNo()}`)).toBeNull();

    // More than is left is WeChat's refusal, not retryable.
    const refused = await apiError(gateway.createRefund({ ...input, outRefundNo: `R${outTradeNo}C`, refundFen: 9000 }));
    expect([refused.code, refused.status, refused.retryable]).toEqual(['INVALID_REQUEST', 400, false]);
  });

  it('never trusts an answer signed with another key, not even a successful one', async () => {
    const outTradeNo = newOutTradeNo();
    await prepay(outTradeNo);
    sim.failNext({ kind: 'bad-response-signature' });
    const error = await apiError(gateway.queryTransaction(outTradeNo));
    expect(error.code).toBe('BAD_RESPONSE_SIGNATURE');
    sim.failNext({ kind: 'bad-response-signature' }, { pathPrefix: '/v3/pay/transactions/jsapi' });
    expect((await apiError(prepay(newOutTradeNo()))).code).toBe('BAD_RESPONSE_SIGNATURE');
  });

  it('never trusts an unsigned answer: a "no such order" from something that is not WeChat is not null', async () => {
    // Something between us and WeChat (a proxy, a captive portal) answering in WeChat's words, unsigned.
    const impostor = createServer((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 'ORDER_NOT_EXIST', message: '订单不存在' }));
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    const fooled = createWeChatPayGateway(configFor(sim, receiver.base, `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`), { logger });
    try {
      if (mode === 'public_key') {
        const error = await apiError(fooled.queryTransaction(newOutTradeNo()));
        expect([error.code, error.status]).toEqual(['BAD_RESPONSE_SIGNATURE', 404]);
        expect((await apiError(fooled.closeTransaction(newOutTradeNo()))).code).toBe('BAD_RESPONSE_SIGNATURE');
        expect((await apiError(fooled.queryRefund('R1234567'))).code).toBe('BAD_RESPONSE_SIGNATURE');
      } else {
        // Without certificates from WeChat nothing can verify at all: still refused, never null.
        expect((await apiError(fooled.queryTransaction(newOutTradeNo()))).code).toBe('BAD_RESPONSE_SIGNATURE');
      }
    } finally {
      await fooled.close();
      await new Promise<void>((resolve) => impostor.close(() => resolve()));
    }
  });

  it('gives up on a hung call after timeoutMs (TIMEOUT), and a dropped connection is NETWORK; both retryable', async () => {
    const quick = createWeChatPayGateway(config, { logger, timeoutMs: 300 });
    try {
      sim.failNext({ kind: 'hang' }, { pathPrefix: '/v3/pay/' });
      const started = Date.now();
      const timedOut = await apiError(quick.queryTransaction(newOutTradeNo()));
      const elapsed = Date.now() - started;
      expect([timedOut.code, timedOut.status, timedOut.retryable]).toEqual(['TIMEOUT', null, true]);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      // Far below the 5 s default, with room for a loaded CI machine.
      expect(elapsed).toBeLessThan(3000);

      sim.failNext({ kind: 'reset' }, { pathPrefix: '/v3/pay/' });
      const reset = await apiError(quick.closeTransaction(newOutTradeNo()));
      expect([reset.code, reset.status, reset.retryable]).toEqual(['NETWORK', null, true]);
    } finally {
      await quick.close();
    }
  });

  it("passes WeChat's error codes on: SYSTEM_ERROR is retryable, a refusal is not", async () => {
    sim.failNext({ kind: 'error', status: 500, code: 'SYSTEM_ERROR', message: '系统繁忙' }, { pathPrefix: '/v3/pay/' });
    const busy = await apiError(prepay(newOutTradeNo()));
    expect([busy.code, busy.status, busy.retryable, busy.message]).toEqual(['SYSTEM_ERROR', 500, true, '系统繁忙']);

    sim.failNext({ kind: 'error', status: 429, code: 'FREQUENCY_LIMITED' }, { pathPrefix: '/v3/refund/' });
    expect((await apiError(gateway.queryRefund('R7654321'))).retryable).toBe(true);

    sim.failNext({ kind: 'error', status: 403, code: 'NOT_ENOUGH', message: '基本账户余额不足' }, { pathPrefix: '/v3/refund/' });
    const poor = await apiError(gateway.queryRefund('R7654321'));
    expect([poor.code, poor.status, poor.retryable]).toEqual(['NOT_ENOUGH', 403, false]);

    // A bad merchant number never reaches WeChat (the library puts it into the URL path unescaped).
    const calls = sim.requests.length;
    expect((await apiError(gateway.queryTransaction('../v3/certificates'))).code).toBe('PARAM_ERROR');
    expect(sim.requests).toHaveLength(calls);
  });

  it('finds the verification key by Wechatpay-Serial and refuses one it does not know', async () => {
    expect((await gateway.verificationKey(sim.platformKeyId))?.equals(sim.platformPublicKey)).toBe(true);
    expect(await gateway.verificationKey(mode === 'public_key' ? 'PUB_KEY_ID_0199999999999999999999999999' : 'ABCDEF0123456789')).toBeNull();
  });

  // Public-key mode has no certificates to download.
  if (mode === 'platform_certificate') {
    it(
      'downloads platform certificates once, again on an unknown serial at most once a minute, and every 12 hours',
      async () => {
        let now = Date.now();
        const fresh = createWeChatPayGateway(config, { logger, clock: () => new Date(now) });
        const downloads = () => sim.requests.filter((request) => request.path === '/v3/certificates' && request.status === 200).length;
        const before = downloads();
        try {
          // Many notifications arriving at once share one download.
          const keys = await Promise.all(Array.from({ length: 5 }, () => fresh.verificationKey(sim.platformKeyId)));
          expect(keys.every((key) => key?.equals(sim.platformPublicKey))).toBe(true);
          expect(downloads() - before).toBe(1);
          // Answers to calls are verified with the cached certificate: no new download.
          await fresh.queryTransaction(newOutTradeNo());
          expect(downloads() - before).toBe(1);

          // An unknown serial within a minute of the last download: refused without asking WeChat.
          expect(await fresh.verificationKey('0123456789ABCDEF')).toBeNull();
          expect(downloads() - before).toBe(1);
          now += 61_000;
          expect(await fresh.verificationKey('0123456789ABCDEF')).toBeNull();
          expect(downloads() - before).toBe(2);
          expect(await fresh.verificationKey('0123456789ABCDEF')).toBeNull();
          expect(downloads() - before).toBe(2);

          now += 12 * 3_600_000;
          expect(await fresh.verificationKey(sim.platformKeyId)).not.toBeNull();
          expect(downloads() - before).toBe(3);
        } finally {
          await fresh.close();
        }
      },
    );

    it('keeps its certificates when a download fails, and refuses a list it cannot verify', async () => {
      let now = Date.now();
      const fresh = createWeChatPayGateway(config, { logger, clock: () => new Date(now) });
      try {
        // First download answered with the wrong key: the list is not taken.
        sim.failNext({ kind: 'bad-response-signature' }, { pathPrefix: '/v3/certificates' });
        expect(await fresh.verificationKey(sim.platformKeyId)).toBeNull();
        now += 61_000;
        expect(await fresh.verificationKey(sim.platformKeyId)).not.toBeNull();
        // A later failed refresh keeps the certificate already known.
        now += 12 * 3_600_000;
        sim.failNext({ kind: 'error', status: 500, code: 'SYSTEM_ERROR' }, { pathPrefix: '/v3/certificates' });
        expect(await fresh.verificationKey(sim.platformKeyId)).not.toBeNull();
      } finally {
        await fresh.close();
      }
    });
  }
});
