import { ROUTES } from '@qiaodu/shared';
import type { EndpointResponse, Endpoints, ProductListQuery } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

export type CategoryList = EndpointResponse<Endpoints['listCategories']>;
export type ProductList = EndpointResponse<Endpoints['listProducts']>;
export type ProductDetail = EndpointResponse<Endpoints['getProduct']>;
export type PartnerDetail = EndpointResponse<Endpoints['getPartner']>;

/** What the storefront may ask the product list for: the parsed query, every field optional. */
export type ProductListParams = Partial<ProductListQuery>;

export function listCategories(options: CallOptions = {}): Promise<CategoryList> {
  const { method, path } = ROUTES.listCategories;
  return request<CategoryList>(method, path, options);
}

export function listProducts(query: ProductListParams, options: CallOptions = {}): Promise<ProductList> {
  const { method, path } = ROUTES.listProducts;
  return request<ProductList>(method, path, { ...options, query: { ...query } });
}

export function getProduct(id: number, options: CallOptions = {}): Promise<ProductDetail> {
  const { method, path } = ROUTES.getProduct;
  return request<ProductDetail>(method, path, { ...options, params: { id } });
}

export function getPartner(id: number, options: CallOptions = {}): Promise<PartnerDetail> {
  const { method, path } = ROUTES.getPartner;
  return request<PartnerDetail>(method, path, { ...options, params: { id } });
}
