import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import type { AddressService } from './address-service';
import type { MeService } from './me-service';

/** The caller's own account and address book: every query is scoped to `actor.userId`. */
export function mountAccountRoutes(mount: RouteMounter, deps: { me: MeService; addresses: AddressService }): void {
  const { me, addresses } = deps;
  const ok = { ok: true as const };

  mount(endpoints.getMe, ({ actor }) => me.me(actor));
  mount(endpoints.updateMe, ({ actor, body }) => me.rename(actor, body.displayName));
  mount(endpoints.exportMyData, async ({ actor }, ctx) => {
    ctx.set('Content-Disposition', 'attachment; filename="qiaodu-my-data.json"');
    return me.export(actor);
  });
  mount(endpoints.deleteMe, async ({ actor }) => {
    await me.deleteAccount(actor);
    return ok;
  });

  mount(endpoints.listAddresses, ({ actor }) => addresses.list(actor.userId));
  mount(endpoints.createAddress, ({ actor, body }) => addresses.create(actor.userId, body), { created: true });
  mount(endpoints.getAddress, ({ actor, params }) => addresses.get(actor.userId, params.id));
  mount(endpoints.updateAddress, ({ actor, params, body }) => addresses.update(actor.userId, params.id, body));
  mount(endpoints.deleteAddress, async ({ actor, params }) => {
    await addresses.remove(actor.userId, params.id);
    return ok;
  });
  mount(endpoints.setDefaultAddress, ({ actor, params }) => addresses.setDefault(actor.userId, params.id));
}
