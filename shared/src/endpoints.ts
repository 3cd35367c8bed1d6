import {
  CategoryListResponse,
  PartnerDetail,
  ProductDetail,
  ProductListQuery,
  ProductListResponse,
} from './catalog';
import { defineEndpoint } from './endpoint';
import { IdParams } from './primitives';
import { HealthResponse } from './system';

export const endpoints = {
  health: defineEndpoint({
    method: 'get',
    path: '/api/health',
    summary: '健康检查：服务与数据库是否可用',
    tag: 'system',
    response: HealthResponse,
    errors: ['SERVICE_UNAVAILABLE'],
  }),
  listCategories: defineEndpoint({
    method: 'get',
    path: '/api/categories',
    summary: '商品分类（最多两级）',
    tag: 'catalog',
    response: CategoryListResponse,
    errors: [],
  }),
  getPartner: defineEndpoint({
    method: 'get',
    path: '/api/partners/:id',
    summary: '合作伙伴 / 非遗传承人详情',
    tag: 'catalog',
    params: IdParams,
    response: PartnerDetail,
    errors: ['PARTNER_NOT_FOUND'],
  }),
  listProducts: defineEndpoint({
    method: 'get',
    path: '/api/products',
    summary: '在售商品列表：筛选、搜索、排序、分页',
    tag: 'catalog',
    query: ProductListQuery,
    response: ProductListResponse,
    errors: [],
  }),
  getProduct: defineEndpoint({
    method: 'get',
    path: '/api/products/:id',
    summary: '商品详情：规格、合作伙伴与非遗溯源',
    tag: 'catalog',
    params: IdParams,
    response: ProductDetail,
    errors: ['PRODUCT_NOT_FOUND'],
  }),
} as const;

export type Endpoints = typeof endpoints;
