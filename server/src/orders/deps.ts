import type { Db } from '@qiaodu/db';
import type { Logger } from 'pino';
import type { RefundExecutor } from '../after-sales/refund-executor';
import type { MediaStorage } from '../media/storage';
import type { OrderSettings } from './settings';

/** What the cart, order, fulfilment and after-sales modules are built from (app.ts). */
export interface OrderDeps {
  db: Db;
  clock: () => Date;
  settings: OrderSettings;
  logger: Logger;
  media: MediaStorage;
  refundExecutor: RefundExecutor;
  /** The demo payment (an order is paid at once) is offered only by a demo shop. */
  demoPayment: boolean;
}
