import type { KeyObject } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoWeChatPay, type DemoWeChatPay, type NotificationKind } from '@qiaodu/server/wechatpay/demo-mode';
import type { WeChatPayConfig } from '@qiaodu/server/wechatpay/config';
import { decryptResource, verifyNotificationSignature, type EncryptedResource, type NotificationVerdict } from '@qiaodu/server/wechatpay/notification';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Demo mode: the simulator in process with kept keys, a real gateway pointed at it, and
 * notifications handed to a function instead of an HTTP POST. Here that function verifies and
 * decrypts what it gets with the gateway's own keys, as the shop's notification handler does.
 */

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
let counter = 0;
const newOutTradeNo = () => `QD${Date.now()}${String((counter += 1)).padStart(4, '0')}`;

function platformKey(config: WeChatPayConfig): { publicKeyId: string; publicKey: KeyObject } {
  if (config.verification.mode !== 'public_key') throw new Error('demo mode runs public-key mode');
  return config.verification;
}

interface Received {
  kind: NotificationKind;
  verdict: NotificationVerdict;
  eventType: string;
  resource: Record<string, unknown>;
}

/** A stand-in for the notify handler: verifies, decrypts, and answers `answers` in turn (then 204). */
function handler(demo: () => DemoWeChatPay, answers: number[] = []) {
  const received: Received[] = [];
  const deliver = async (kind: NotificationKind, request: { headers: Record<string, string>; body: string }) => {
    const serial = request.headers['Wechatpay-Serial'] ?? '';
    const key = await demo().gateway.verificationKey(serial);
    const verdict = verifyNotificationSignature({
      headers: {
        timestamp: request.headers['Wechatpay-Timestamp'],
        nonce: request.headers['Wechatpay-Nonce'],
        signature: request.headers['Wechatpay-Signature'],
        serial,
      },
      rawBody: Buffer.from(request.body, 'utf8'),
      keys: key ? new Map([[serial, key]]) : new Map(),
      now: new Date(),
    });
    const body = JSON.parse(request.body) as { event_type: string; resource: EncryptedResource };
    const resource = JSON.parse(decryptResource(body.resource, demo().config.apiV3Key)) as Record<string, unknown>;
    received.push({ kind, verdict, eventType: body.event_type, resource });
    const status = answers.shift() ?? 204;
    return { status, body: status === 204 ? '' : JSON.stringify({ code: 'FAIL', message: '稍后重试' }) };
  };
  return { received, deliver };
}

describe('WeChat Pay demo mode', () => {
  let keysDir: string;
  beforeAll(async () => {
    keysDir = await mkdtemp(join(tmpdir(), 'wechatpay-demo-'));
  });
  afterAll(async () => {
    await rm(keysDir, { recursive: true, force: true });
  });

  it('makes its keys on the first start, keeps them private under keysDir, and reuses them', async () => {
    const first = await startDemoWeChatPay({ keysDir, logger, deliver: async () => ({ status: 204, body: '' }) });
    const firstConfig = first.config;
    await first.close();

    const files = await readdir(keysDir);
    expect(files.sort()).toEqual(['keys.json', 'merchant-key.pem', 'platform-key.pem']);
    for (const file of files) expect(((await stat(join(keysDir, file))).mode & 0o777).toString(8)).toBe('600');

    const second = await startDemoWeChatPay({ keysDir, logger, deliver: async () => ({ status: 204, body: '' }) });
    try {
      const [before, after] = [platformKey(firstConfig), platformKey(second.config)];
      expect(after.publicKeyId).toBe(before.publicKeyId);
      expect(after.publicKey.equals(before.publicKey)).toBe(true);
      expect(second.config.merchantSerial).toBe(firstConfig.merchantSerial);
      expect(second.config.apiV3Key).toBe(firstConfig.apiV3Key);
      expect(second.config.privateKeyPem.equals(firstConfig.privateKeyPem)).toBe(true);
      // The kept platform key still verifies what the restarted simulator signs.
      const outTradeNo = newOutTradeNo();
      await second.gateway.jsapiPrepay({
        appId: second.config.appId,
        description: '重启后',
        outTradeNo,
        timeExpire: new Date(Date.now() + 60_000),
        totalFen: 1,
        payerOpenid: 'demo_openid_1',
      });
      expect(await second.gateway.queryTransaction(outTradeNo)).toMatchObject({ trade_state: 'NOTPAY' });
      // A new simulator, a new port: the API base follows it.
      expect(second.config.apiBase).not.toBe(firstConfig.apiBase);
      expect(second.gateway.simulated).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('without keysDir makes the keys once per process, in memory', async () => {
    const deliver = async () => ({ status: 204, body: '' });
    const one = await startDemoWeChatPay({ keysDir: null, logger, deliver });
    const two = await startDemoWeChatPay({ keysDir: null, logger, deliver });
    try {
      expect(two.config.merchantSerial).toBe(one.config.merchantSerial);
      expect(two.config.apiV3Key).toBe(one.config.apiV3Key);
      expect(two.config.apiBase).not.toBe(one.config.apiBase);
    } finally {
      await one.close();
      await two.close();
    }
  });

  describe('paying and refunding', () => {
    let demo: DemoWeChatPay;
    const notify = handler(() => demo);

    beforeAll(async () => {
      demo = await startDemoWeChatPay({ keysDir, logger, deliver: notify.deliver });
    });
    afterAll(async () => {
      await demo?.close();
    });

    const prepay = (outTradeNo: string, totalFen = 2800) =>
      demo.gateway.jsapiPrepay({
        appId: demo.config.appId,
        description: '生恭鲤鱼 陶艺杯',
        outTradeNo,
        timeExpire: new Date(Date.now() + 15 * 60_000),
        totalFen,
        payerOpenid: 'demo_openid_7',
      });

    it('is a public-key merchant whose notify URLs carry the real paths', () => {
      expect(demo.config).toMatchObject({
        mchid: '1900000109',
        mpAppId: null,
        merchantCertificatePem: null,
        notifyUrl: 'http://127.0.0.1/api/pay/wechat/notify',
        refundNotifyUrl: 'http://127.0.0.1/api/pay/wechat/refund-notify',
      });
      expect(demo.config.appId).toMatch(/^wx[0-9a-f]{16}$/);
      expect(demo.config.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('pays through the 模拟支付 control: the notification reaches deliver in process, signed and encrypted', async () => {
      const outTradeNo = newOutTradeNo();
      expect(demo.control.knowsTrade(outTradeNo)).toBe(false);
      await prepay(outTradeNo);
      expect(demo.control.knowsTrade(outTradeNo)).toBe(true);

      await demo.control.pay(outTradeNo);
      const got = notify.received.at(-1);
      expect(got).toMatchObject({ kind: 'transaction', verdict: { ok: true }, eventType: 'TRANSACTION.SUCCESS' });
      expect(got?.resource).toMatchObject({ out_trade_no: outTradeNo, trade_state: 'SUCCESS', mchid: '1900000109', amount: { total: 2800 } });
      expect(await demo.gateway.queryTransaction(outTradeNo)).toMatchObject({ trade_state: 'SUCCESS' });
    });

    it('fails a payment without a notification', async () => {
      const outTradeNo = newOutTradeNo();
      await prepay(outTradeNo);
      const before = notify.received.length;
      demo.control.fail(outTradeNo);
      expect(await demo.gateway.queryTransaction(outTradeNo)).toMatchObject({ trade_state: 'PAYERROR' });
      expect(notify.received).toHaveLength(before);
    });

    it('settles a refund by itself about a second later, with a REFUND.SUCCESS notification of kind refund', async () => {
      const outTradeNo = newOutTradeNo();
      await prepay(outTradeNo, 5000);
      await demo.control.pay(outTradeNo);
      const refund = await demo.gateway.createRefund({
        outRefundNo: `R${outTradeNo}`,
        transactionId: null,
        outTradeNo,
        refundFen: 2000,
        totalFen: 5000,
        reason: '顾客申请退款',
      });
      expect(refund.status).toBe('PROCESSING');
      await expect.poll(() => notify.received.at(-1)?.eventType, { timeout: 5000 }).toBe('REFUND.SUCCESS');
      expect(notify.received.at(-1)).toMatchObject({ kind: 'refund', verdict: { ok: true }, resource: { out_refund_no: `R${outTradeNo}`, refund_status: 'SUCCESS' } });
      expect(await demo.gateway.queryRefund(`R${outTradeNo}`)).toMatchObject({ status: 'SUCCESS' });
    });
  });

  it('answers pay() after the first attempt even when the shop refuses it, and closes with retries pending', async () => {
    let demo: DemoWeChatPay | null = null;
    const refusing = handler(() => demo as DemoWeChatPay, [500]);
    demo = await startDemoWeChatPay({ keysDir: null, logger, deliver: refusing.deliver });
    const outTradeNo = newOutTradeNo();
    await demo.gateway.jsapiPrepay({
      appId: demo.config.appId,
      description: '陶艺杯',
      outTradeNo,
      timeExpire: new Date(Date.now() + 15 * 60_000),
      totalFen: 100,
      payerOpenid: 'demo_openid_8',
    });
    const started = Date.now();
    await demo.control.pay(outTradeNo);
    // WeChat's first retry is 15 s away; the sheet does not wait for it.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(refusing.received).toHaveLength(1);
    const closing = Date.now();
    await demo.close();
    expect(Date.now() - closing).toBeLessThan(5000);
  });
});
