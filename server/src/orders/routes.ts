import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import type { OrderDeps } from './deps';
import { createOrderService } from './order-service';
import { createPlacementService } from './placement/service';

/** Tells a client its POST /api/orders was answered with the order placed earlier under its key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** The customer's orders. Every route acts on the caller's own orders only. */
export function mountOrderRoutes(mount: RouteMounter, deps: OrderDeps): void {
  const placement = createPlacementService(deps);
  const orders = createOrderService(deps);
  const created = { created: true };

  mount(
    endpoints.placeOrder,
    async ({ actor, body }, ctx) => {
      const placed = await placement.place(actor.userId, body, ctx.get('idempotency-key') || undefined);
      if (placed.replayed) ctx.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
      return placed.order;
    },
    created,
  );
  // Before /api/orders/:id, which would take "counts" for an id.
  mount(endpoints.countOrders, ({ actor }) => orders.counts(actor.userId));
  mount(endpoints.listOrders, ({ actor, query }) => orders.list(actor.userId, query));
  mount(endpoints.getOrder, ({ actor, params }) => orders.detail(actor.userId, params.id));
  mount(endpoints.cancelOrder, ({ actor, params, body }) => orders.cancel(actor.userId, params.id, body.reason));
  mount(endpoints.confirmReceipt, ({ actor, params }) => orders.confirmReceipt(actor.userId, params.id));
}
