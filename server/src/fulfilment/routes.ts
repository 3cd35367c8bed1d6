import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import type { OrderDeps } from '../orders/deps';
import { createParcelService } from './parcel-service';
import { createPickupService } from './pickup-service';
import { createTeamOrderReader } from './reader';

/**
 * Fulfilment by the team that owns the goods: its queues and pick list, shipping its parcel,
 * preparing and handing over pickup orders, printing labels. The mounter has asked the policy
 * about each endpoint's access for the team in the path; everything here is scoped to that
 * team's parcel, and an order without one is not found.
 */
export function mountFulfilmentRoutes(mount: RouteMounter, deps: OrderDeps): void {
  const reader = createTeamOrderReader(deps);
  const parcels = createParcelService({ ...deps, reader });
  const pickups = createPickupService({ ...deps, reader });

  mount(endpoints.listTeamOrders, ({ actor, params, query }) => reader.list(actor, params.teamId, query));
  mount(endpoints.getTeamOrder, ({ actor, params }) => reader.detail(actor, params.teamId, params.orderId));
  mount(endpoints.getPickList, ({ params, query }) => reader.pickList(params.teamId, query));
  mount(endpoints.shipTeamOrder, ({ actor, params, body }) => parcels.ship(actor, params.teamId, params.orderId, body));
  mount(endpoints.markTeamOrderReady, ({ actor, params }) => parcels.markReady(actor, params.teamId, params.orderId));
  mount(endpoints.printShippingLabel, ({ actor, params }) => parcels.printLabel(actor, params.teamId, params.orderId));
  mount(endpoints.verifyPickup, ({ actor, params, body }) => pickups.verify(actor, params.teamId, body.code));
}
