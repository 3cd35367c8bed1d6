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
  mount(endpoints.listCategories, () => catalog.listCategories(), { cacheControl: SHORT_LIVED });
  mount(endpoints.listProducts, ({ query }) => catalog.listProducts(query), { cacheControl: REVALIDATE });
  mount(endpoints.getProduct, ({ params }) => catalog.getProduct(params.id), { cacheControl: REVALIDATE });
  mount(endpoints.getPartner, ({ params }) => catalog.getPartner(params.id), { cacheControl: SHORT_LIVED });
}
