import {
  CategoryListResponse,
  PartnerDetail,
  ProductDetail,
  ProductListQuery,
  ProductListResponse,
} from './catalog';
import { defineEndpoint } from './endpoint';
import { IdParams } from './primitives';
import { ROUTES } from './routes';
import { HealthResponse } from './system';

export const endpoints = {
  health: defineEndpoint({
    ...ROUTES.health,
    summary: '健康检查：服务与数据库是否可用',
    tag: 'system',
    response: HealthResponse,
    errors: ['SERVICE_UNAVAILABLE'],
  }),
  listCategories: defineEndpoint({
    ...ROUTES.listCategories,
    summary: '商品分类（最多两级）',
    tag: 'catalog',
    response: CategoryListResponse,
    errors: [],
  }),
  getPartner: defineEndpoint({
    ...ROUTES.getPartner,
    summary: '合作伙伴 / 非遗传承人详情',
    tag: 'catalog',
    params: IdParams,
    response: PartnerDetail,
    errors: ['PARTNER_NOT_FOUND'],
  }),
  listProducts: defineEndpoint({
    ...ROUTES.listProducts,
    summary: '在售商品列表：筛选、搜索、排序、分页',
    tag: 'catalog',
    query: ProductListQuery,
    response: ProductListResponse,
    errors: [],
  }),
  getProduct: defineEndpoint({
    ...ROUTES.getProduct,
    summary: '商品详情：规格、合作伙伴与非遗溯源',
    tag: 'catalog',
    params: IdParams,
    response: ProductDetail,
    errors: ['PRODUCT_NOT_FOUND'],
  }),
} as const;

export type Endpoints = typeof endpoints;
