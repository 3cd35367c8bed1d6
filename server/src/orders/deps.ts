import type { Db } from '@qiaodu/db';
import type { Logger } from 'pino';
import type { RefundExecutor } from '../after-sales/refund-executor';
import type { MediaStorage } from '../media/storage';
import type { WeChatPayGateway } from '../wechatpay/gateway';
import type { OrderSettings } from './settings';

/** What the cart, order, fulfilment and after-sales modules are built from (app.ts). */
export interface OrderDeps {
  db: Db;
  clock: () => Date;
  settings: OrderSettings;
  logger: Logger;
  media: MediaStorage;
  refundExecutor: RefundExecutor;
  /** A demo shop (demo personas log in): its seed pays a few demo orders without WeChat. */
  demoPayment: boolean;
  /**
   * WeChat Pay: the merchant's (WECHATPAY_*), or the built-in simulator in a demo shop without a
   * merchant; null in a shop with WeChat login but no merchant (paying answers PAYMENT_UNAVAILABLE).
   */
  wechatPay: WeChatPayGateway | null;
  /** Demo mode only: drives the in-process simulator for the 模拟支付 sheet. */
  paymentSimulator: PaymentSimulatorControl | null;
}

/** The 模拟支付 sheet's buttons, played on the in-process simulator (wechatpay/demo-mode.ts). */
export interface PaymentSimulatorControl {
  /** The simulator holds this trade (it forgets everything when the process restarts). */
  knowsTrade(outTradeNo: string): boolean;
  /** The customer pays: resolves once the TRANSACTION.SUCCESS notification was answered (or given up). */
  pay(outTradeNo: string): Promise<void>;
  /** The customer's payment fails (PAYERROR); WeChat sends no notification. */
  fail(outTradeNo: string): void;
}
