import type { Db } from '@qiaodu/db';
import type { ProductListQuery } from '@qiaodu/shared';
import type { ChangeAwareCache } from '../cache/change-aware-cache';
import { AppError } from '../http/app-error';
import { PreparedJson } from '../http/prepared-json';
import { toCategoryTree, toPartnerDetail, toProductDetail, toProductSummary } from './mapper';
import * as repository from './repository';

/**
 * Catalog reads for the shop. Answers are prepared once and cached until the database
 * reports a catalog change, which is what lets the list run near bare-Koa speed.
 */
export function createCatalogService(db: Db, cache: ChangeAwareCache) {
  async function required(key: string, load: () => Promise<PreparedJson | null>, notFound: AppError) {
    const result = await cache.getOrLoad(key, load);
    if (!result) throw notFound;
    return result;
  }

  return {
    listProducts(query: ProductListQuery): Promise<PreparedJson> {
      const key = `products:${JSON.stringify(query, Object.keys(query).sort())}`;
      return required(
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
        new AppError('INTERNAL_ERROR'),
      );
    },

    getProduct(id: number): Promise<PreparedJson> {
      return required(
        `product:${id}`,
        async () => {
          const row = await repository.findProductOnSale(db, id);
          return row ? PreparedJson.of(toProductDetail(row)) : null;
        },
        new AppError('PRODUCT_NOT_FOUND'),
      );
    },

    listCategories(): Promise<PreparedJson> {
      return required(
        'categories',
        async () => PreparedJson.of({ items: toCategoryTree(await repository.findAllCategories(db)) }),
        new AppError('INTERNAL_ERROR'),
      );
    },

    getPartner(id: number): Promise<PreparedJson> {
      return required(
        `partner:${id}`,
        async () => {
          const row = await repository.findPartner(db, id);
          return row ? PreparedJson.of(toPartnerDetail(row)) : null;
        },
        new AppError('PARTNER_NOT_FOUND'),
      );
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
