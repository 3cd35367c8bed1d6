import type { RouteMounter } from '../http/route';
import type { OrderDeps } from '../orders/deps';

// Placeholder replaced in this work; mounts nothing yet.
export function mountCartRoutes(mount: RouteMounter, deps: OrderDeps): void {
  void mount;
  void deps;
}
