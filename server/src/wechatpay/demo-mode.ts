import { createPublicKey } from 'node:crypto';
import type { Logger } from 'pino';
import type { PaymentSimulatorControl } from '../orders/deps';
import { startWeChatPaySimulator } from '../wechatpay-simulator/simulator';
import { createWeChatPayGateway } from './client';
import type { WeChatPayConfig } from './config';
import { loadDemoKeys } from './demo-keys';
import type { WeChatPayGateway } from './gateway';

/*
 * Demo mode's WeChat Pay: no merchant is configured, so the built-in simulator plays WeChat in
 * this process, and a real gateway (client.ts, the production code path) talks to it over HTTP on
 * 127.0.0.1. Its notifications do not go over HTTP: they are handed to `deliver`, which calls the
 * same handler the notify route uses, because the server does not know (or may not be reachable
 * at) its own address when it builds the app. The notify URLs in the config are placeholders with
 * the real paths: the simulator checks them like WeChat would and derives the kind from them.
 */

/** WeChat's documentation sample merchant and AppID: obviously not a real shop's. */
export const DEMO_MCHID = '1900000109';
export const DEMO_APPID = 'wxd930ea5d5a258f4f';
/** Where the placeholders point: the real notify paths, on an address that is never called. */
const DEMO_NOTIFY_URL = 'http://127.0.0.1/api/pay/wechat/notify';
const DEMO_REFUND_NOTIFY_URL = 'http://127.0.0.1/api/pay/wechat/refund-notify';
/** Demo refunds settle by themselves shortly after they are accepted, as most real ones do. */
const DEMO_REFUND_SETTLE_MS = 1000;

export type NotificationKind = 'transaction' | 'refund';

export interface DemoWeChatPayOptions {
  /** Where the generated keys are kept (DATA_DIR/wechatpay-demo); null: in memory, shared per process. */
  keysDir: string | null;
  logger: Logger;
  /** Hands one notification attempt to the notification handler; its answer is WeChat's "acknowledged or not". */
  deliver: (kind: NotificationKind, request: { headers: Record<string, string>; body: string }) => Promise<{ status: number; body: string }>;
}

export interface DemoWeChatPay {
  config: WeChatPayConfig;
  gateway: WeChatPayGateway;
  control: PaymentSimulatorControl;
  close(): Promise<void>;
}

function kindOf(url: string, eventType: string): NotificationKind {
  if (new URL(url).pathname.endsWith('/refund-notify')) return 'refund';
  return eventType.startsWith('REFUND.') ? 'refund' : 'transaction';
}

export async function startDemoWeChatPay(options: DemoWeChatPayOptions): Promise<DemoWeChatPay> {
  const keys = await loadDemoKeys(options.keysDir);
  const simulator = await startWeChatPaySimulator({
    mchid: DEMO_MCHID,
    appIds: [DEMO_APPID],
    merchantPublicKey: createPublicKey(keys.merchantKey),
    merchantSerial: keys.merchantSerial,
    apiV3Key: keys.apiV3Key,
    mode: 'public_key',
    platformKey: { privateKey: keys.platformKey, keyId: keys.platformKeyId },
    autoSettleRefundsAfterMs: DEMO_REFUND_SETTLE_MS,
    // WeChat's real retry schedule: a notification the shop failed to take is retried for a day.
    sendNotification: (url, notification) =>
      options.deliver(kindOf(url, notification.eventType), { headers: notification.headers, body: notification.body }),
  });
  const config: WeChatPayConfig = {
    mchid: DEMO_MCHID,
    appId: DEMO_APPID,
    mpAppId: null,
    merchantSerial: keys.merchantSerial,
    privateKey: keys.merchantKey,
    privateKeyPem: keys.merchantKeyPem,
    merchantCertificatePem: null,
    apiV3Key: keys.apiV3Key,
    verification: { mode: 'public_key', publicKeyId: keys.platformKeyId, publicKey: simulator.platformPublicKey },
    apiBase: simulator.url,
    notifyUrl: DEMO_NOTIFY_URL,
    refundNotifyUrl: DEMO_REFUND_NOTIFY_URL,
  };
  const gateway = createWeChatPayGateway(config, { logger: options.logger, simulated: true });
  options.logger.info({ simulator: simulator.url, keys: options.keysDir ?? 'memory' }, 'wechatpay demo mode: built-in simulator');

  const control: PaymentSimulatorControl = {
    knowsTrade: (outTradeNo) => simulator.trade(outTradeNo) !== undefined,
    async pay(outTradeNo) {
      // The first attempt is what the sheet waits for; if the shop refused it, WeChat's retries go
      // on behind it and the payment page's query of the trade recovers it meanwhile.
      await simulator.pay(outTradeNo).firstAttempt;
    },
    fail: (outTradeNo) => simulator.fail(outTradeNo),
  };

  return {
    config,
    gateway,
    control,
    async close() {
      await gateway.close();
      await simulator.close();
    },
  };
}
