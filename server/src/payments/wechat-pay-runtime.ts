import type { AuthOptions } from '@qiaodu/shared';
import type { Logger } from 'pino';
import type { PaymentSimulatorControl } from '../orders/deps';
import { createWeChatPayGateway } from '../wechatpay/client';
import type { WeChatPayConfig } from '../wechatpay/config';
import { startDemoWeChatPay } from '../wechatpay/demo-mode';
import type { WeChatPayGateway } from '../wechatpay/gateway';

export type NotificationKind = 'transaction' | 'refund';

/** The notify endpoints' handler (notification-intake.ts), as the HTTP route calls it. */
export type NotificationIntake = (
  kind: NotificationKind,
  request: { headers: Record<string, string | undefined>; rawBody: Buffer },
) => Promise<{ status: number; body: string }>;

export interface WeChatPayRuntime {
  /** What GET /api/auth/options tells the storefront about paying. */
  payment: AuthOptions['payment'];
  gateway: WeChatPayGateway | null;
  /** Demo mode: the 模拟支付 sheet's buttons. */
  simulator: PaymentSimulatorControl | null;
  /**
   * Demo mode hands the simulator's notifications to the same intake the HTTP route uses; the
   * intake needs the order deps, which need this runtime's gateway, so it is connected after.
   */
  connect(intake: NotificationIntake): void;
  close(): Promise<void>;
}

/** Until connect(): WeChat is told to try again, as it would be by a shop still starting. */
const NOT_READY = { status: 503, body: JSON.stringify({ code: 'FAIL', message: '商户系统正在启动，请稍后重试' }) };

/**
 * Decides how this shop pays. A merchant configured (WECHATPAY_*): real WeChat Pay, whatever the
 * login. No merchant in a demo shop: the built-in simulator in process, with a real gateway
 * pointed at it, so demo payments run the production code path. No merchant behind a real
 * WeChat login: no payment at all (POST /pay answers PAYMENT_UNAVAILABLE).
 */
export async function startWeChatPay(options: {
  merchant: WeChatPayConfig | null;
  demoLogin: boolean;
  /** Where demo mode keeps its generated keys (DATA_DIR); null: fresh keys in memory. */
  demoKeysDir: string | null;
  logger: Logger;
}): Promise<WeChatPayRuntime> {
  const { logger } = options;
  if (options.merchant) {
    const gateway = createWeChatPayGateway(options.merchant, { logger });
    return { payment: 'wechat', gateway, simulator: null, connect: () => undefined, close: () => gateway.close() };
  }
  if (!options.demoLogin) {
    return { payment: 'unavailable', gateway: null, simulator: null, connect: () => undefined, close: async () => undefined };
  }

  let intake: NotificationIntake | null = null;
  const demo = await startDemoWeChatPay({
    keysDir: options.demoKeysDir,
    logger,
    deliver: async (kind: NotificationKind, request: { headers: Record<string, string>; body: string }) => {
      if (!intake) return NOT_READY;
      // Header names as Koa hands them to the HTTP route: lower-case.
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
      return intake(kind, { headers, rawBody: Buffer.from(request.body, 'utf8') });
    },
  });
  return {
    payment: 'simulator',
    gateway: demo.gateway,
    simulator: demo.control,
    connect(handler) {
      intake = handler;
    },
    close: () => demo.close(),
  };
}
