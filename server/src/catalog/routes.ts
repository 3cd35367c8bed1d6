import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import type { CatalogService } from './service';

/**
 * Catalog answers may be stored by WeChat's webview and proxies but must be revalidated
 * (cheap: a 304 from the ETag), because price and stock change while a customer browses.
 */
const REVALIDATE = 'public, max-age=0, must-revalidate';
/** Categories change rarely; a minute of staleness is harmless. */
const SHORT_LIVED = 'public, max-age=60, stale-while-revalidate=300';

export function mountCatalogRoutes(mount: RouteMounter, catalog: CatalogService): void {
  // The shop's catalog is the same for every customer, so whole responses may be cached by URL.
  const shortLived = { cacheControl: SHORT_LIVED, sameForEveryone: true };
  const revalidate = { cacheControl: REVALIDATE, sameForEveryone: true };
  mount(endpoints.listCategories, () => catalog.listCategories(), shortLived);
  mount(endpoints.listProducts, ({ query }) => catalog.listProducts(query), revalidate);
  mount(endpoints.getProduct, ({ params }) => catalog.getProduct(params.id), revalidate);
  mount(endpoints.getPartner, ({ params }) => catalog.getPartner(params.id), shortLived);
}
