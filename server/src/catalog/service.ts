import type { Db } from '@qiaodu/db';
import type { ProductListQuery } from '@qiaodu/shared';
import type { ChangeAwareCache } from '../cache/change-aware-cache';
import { AppError } from '../http/app-error';
import { PreparedJson } from '../cache/prepared-json';
import { toCategoryTree, toPartnerDetail, toProductDetail, toProductSummary } from './mapper';
import * as repository from './repository';

/**
 * Catalog reads for the shop. Answers are prepared once and cached until the database
 * reports a catalog change, which is what lets the list run near bare-Koa speed.
 */
export function createCatalogService(db: Db, cache: ChangeAwareCache<PreparedJson>) {
  async function cached(key: string, load: () => Promise<PreparedJson>): Promise<PreparedJson> {
    return (await cache.getOrLoad(key, load))!;
  }

  async function cachedOrNotFound(
    key: string,
    load: () => Promise<PreparedJson | null>,
    notFound: 'PRODUCT_NOT_FOUND' | 'PARTNER_NOT_FOUND',
  ): Promise<PreparedJson> {
    const result = await cache.getOrLoad(key, load);
    if (!result) throw new AppError(notFound);
    return result;
  }

  return {
    listProducts(query: ProductListQuery): Promise<PreparedJson> {
      // The parsed query's keys come in schema order, so equal queries serialise equally.
      const key = `products:${JSON.stringify(query)}`;
      return cached(
        key,
        async () => {
          const { rows, total } = await repository.findProductPage(db, query);
          return PreparedJson.of({
            items: rows.map(toProductSummary),
            total,
            page: query.page,
            pageSize: query.pageSize,
          });
        },
      );
    },

    getProduct(id: number): Promise<PreparedJson> {
      return cachedOrNotFound(
        `product:${id}`,
        async () => {
          const row = await repository.findProductOnSale(db, id);
          return row ? PreparedJson.of(toProductDetail(row)) : null;
        },
        'PRODUCT_NOT_FOUND',
      );
    },

    listCategories(): Promise<PreparedJson> {
      return cached('categories', async () =>
        PreparedJson.of({ items: toCategoryTree(await repository.findAllCategories(db)) }),
      );
    },

    getPartner(id: number): Promise<PreparedJson> {
      return cachedOrNotFound(
        `partner:${id}`,
        async () => {
          const row = await repository.findPartner(db, id);
          return row ? PreparedJson.of(toPartnerDetail(row)) : null;
        },
        'PARTNER_NOT_FOUND',
      );
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
