import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import type { OrderDeps } from '../orders/deps';
import { createPaymentConsoleService } from './console-service';
import type { ResourceApplier } from './notification-types';
import { createPayService } from './pay-service';
import { createPaymentStateService } from './payment-state';
import { createSimulateService } from './simulate-service';

/**
 * WeChat Pay's JSON endpoints: paying the caller's own order, its payment state, the demo
 * 模拟支付 sheet, and the console's 支付异常 and payment event log. The notify endpoints WeChat
 * calls are mounted apart (notification-routes.ts): they are not this API's JSON.
 * `transaction` applies payments our own queries find, under the notification's exactly-once rules.
 */
export function mountPaymentRoutes(mount: RouteMounter, deps: OrderDeps, appliers: { transaction: ResourceApplier }): void {
  const payments = createPayService(deps, appliers.transaction);
  const states = createPaymentStateService(deps, appliers.transaction);
  const simulator = createSimulateService(deps, states.state);
  const review = createPaymentConsoleService(deps);

  mount(endpoints.payOrder, ({ actor, params, body }) => payments.pay(actor.userId, params.id, body.channel));
  mount(endpoints.getPaymentState, ({ actor, params }) => states.state(actor.userId, params.id));
  mount(endpoints.simulatePayment, ({ actor, params, body }) => simulator.simulate(actor.userId, params.id, body.outcome));

  mount(endpoints.listPaymentFlags, ({ query }) => review.listFlags(query));
  mount(endpoints.resolvePaymentFlag, ({ actor, params, body }) => review.resolveFlag(actor, params.id, body.note));
  mount(endpoints.listPaymentEvents, ({ query }) => review.listEvents(query));
}
