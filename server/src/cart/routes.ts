import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import type { OrderDeps } from '../orders/deps';
import { createCartService } from './cart-service';
import { createCheckoutService } from './checkout-service';

/** The caller's own cart and checkout preview: every query is scoped to `actor.userId`. */
export function mountCartRoutes(mount: RouteMounter, deps: OrderDeps): void {
  const cart = createCartService(deps);
  const checkout = createCheckoutService(deps);

  mount(endpoints.getCart, ({ actor }) => cart.get(actor.userId));
  mount(endpoints.addToCart, ({ actor, body }) => cart.add(actor.userId, body.skuId, body.quantity));
  mount(endpoints.updateCartItem, ({ actor, params, body }) => cart.update(actor.userId, params.skuId, body));
  mount(endpoints.selectCartItems, ({ actor, body }) => cart.select(actor.userId, body.skuIds, body.selected));
  mount(endpoints.removeCartItems, ({ actor, body }) => cart.remove(actor.userId, body.skuIds));
  mount(endpoints.previewCheckout, ({ actor, body }) => checkout.preview(actor.userId, body));
}
