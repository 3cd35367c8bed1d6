import { schema } from '@qiaodu/db';
import type { PaymentState, SIMULATED_PAYMENT_OUTCOMES } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import { AppError } from '../http/app-error';
import { loggableError } from '../http/loggable-error';
import type { OrderDeps } from '../orders/deps';
import { findOwnOrder } from '../orders/order-reader';
import { payabilityOf } from './payability';

const { paymentAttempts } = schema;

type Outcome = (typeof SIMULATED_PAYMENT_OUTCOMES)[number];

/**
 * The 模拟支付 sheet's pay / fail buttons (demo mode only): the customer's own order is paid or
 * failed at the in-process simulator, which sends WeChat's notification through the same intake
 * as the real endpoint; the answer is read after that notification was handled.
 */
export function createSimulateService(deps: OrderDeps, readState: (customerId: number, orderId: number, options: { fresh: boolean }) => Promise<PaymentState>) {
  const { db, clock, logger } = deps;

  return {
    async simulate(customerId: number, orderId: number, outcome: Outcome): Promise<PaymentState> {
      const simulator = deps.paymentSimulator;
      if (!simulator) throw new AppError('PAYMENT_UNAVAILABLE', '只有演示模式可以模拟支付');
      const order = await findOwnOrder(db, customerId, orderId);
      if (!order) throw new AppError('ORDER_NOT_FOUND');
      const payability = payabilityOf(order, clock());
      if (!payability.payable) throw new AppError('INVALID_STATE', payability.message);
      if (!simulator.knowsTrade(order.orderNo)) {
        // The simulator restarted with the process and forgot the trade: the prepay ids kept for
        // this order are dead, so the next 支付 asks for a new one.
        await db.delete(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
        throw new AppError('SIMULATED_TRADE_UNKNOWN');
      }
      try {
        if (outcome === 'pay') await simulator.pay(order.orderNo);
        else simulator.fail(order.orderNo);
      } catch (error) {
        // The simulator refuses a trade it no longer holds open (paid meanwhile, closed, expired).
        // Failing one that failed already changes nothing: the state read below says what it is.
        logger.warn({ err: loggableError(error), orderNo: order.orderNo, outcome }, 'simulated payment refused');
        if (outcome === 'pay') throw new AppError('INVALID_STATE', '这笔模拟支付已结束，请刷新订单后重试');
      }
      return readState(customerId, orderId, { fresh: true });
    },
  };
}
