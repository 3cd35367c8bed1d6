import type { RouteMounter } from '../http/route';
import type { OrderDeps } from './deps';

// Placeholder replaced in this work; mounts nothing yet.
export function mountOrderRoutes(mount: RouteMounter, deps: OrderDeps): void {
  void mount;
  void deps;
}
