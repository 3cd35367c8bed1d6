import { ROUTES } from '@qiaodu/shared';
import type {
  ApprovalQueue,
  ConsoleImage,
  ConsoleProductDetail,
  ConsoleProductList,
  EndpointBody,
  EndpointQuery,
  Endpoints,
  ProductDetail,
  ProductInput,
  TeamOverview,
} from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

export type TeamProductQuery = EndpointQuery<Endpoints['listTeamProducts']>;
export type ReviewDecision = EndpointBody<Endpoints['approveProduct']>;
export type ApprovalQueueItem = ApprovalQueue['items'][number];

/** The workflow actions that answer with the whole product and take no body. */
export type ProductAction = 'submitProduct' | 'withdrawProduct' | 'takeProductOffShelf' | 'relistProduct';

export function listTeamProducts(teamId: number, query: TeamProductQuery, options: CallOptions = {}): Promise<ConsoleProductList> {
  const { method, path } = ROUTES.listTeamProducts;
  return request<ConsoleProductList>(method, path, { ...options, params: { teamId }, query: { ...query } });
}

export function getTeamProduct(teamId: number, productId: number, options: CallOptions = {}): Promise<ConsoleProductDetail> {
  const { method, path } = ROUTES.getTeamProduct;
  return request<ConsoleProductDetail>(method, path, { ...options, params: { teamId, productId } });
}

export function createProduct(teamId: number, body: ProductInput): Promise<ConsoleProductDetail> {
  const { method, path } = ROUTES.createProduct;
  return request<ConsoleProductDetail>(method, path, { params: { teamId }, body });
}

export function updateProduct(teamId: number, productId: number, body: ProductInput): Promise<ConsoleProductDetail> {
  const { method, path } = ROUTES.updateProduct;
  return request<ConsoleProductDetail>(method, path, { params: { teamId, productId }, body });
}

export function deleteProduct(teamId: number, productId: number): Promise<void> {
  const { method, path } = ROUTES.deleteProduct;
  return request<unknown>(method, path, { params: { teamId, productId } }).then(() => undefined);
}

export function previewProduct(teamId: number, productId: number, options: CallOptions = {}): Promise<ProductDetail> {
  const { method, path } = ROUTES.previewProduct;
  return request<ProductDetail>(method, path, { ...options, params: { teamId, productId } });
}

export function runProductAction(action: ProductAction, teamId: number, productId: number): Promise<ConsoleProductDetail> {
  const { method, path } = ROUTES[action];
  return request<ConsoleProductDetail>(method, path, { params: { teamId, productId } });
}

export function approveProduct(teamId: number, productId: number, body: ReviewDecision): Promise<ConsoleProductDetail> {
  const { method, path } = ROUTES.approveProduct;
  return request<ConsoleProductDetail>(method, path, { params: { teamId, productId }, body });
}

export function rejectProduct(teamId: number, productId: number, comment: string): Promise<ConsoleProductDetail> {
  const { method, path } = ROUTES.rejectProduct;
  return request<ConsoleProductDetail>(method, path, { params: { teamId, productId }, body: { comment } });
}

export function deleteProductImage(teamId: number, productId: number, imageId: number): Promise<void> {
  const { method, path } = ROUTES.deleteProductImage;
  return request<unknown>(method, path, { params: { teamId, productId, imageId } }).then(() => undefined);
}

export function reorderProductImages(teamId: number, productId: number, imageIds: number[]): Promise<ConsoleImage[]> {
  const { method, path } = ROUTES.reorderProductImages;
  return request<{ images: ConsoleImage[] }>(method, path, { params: { teamId, productId }, body: { imageIds } }).then((answer) => answer.images);
}

export function listApprovals(options: CallOptions = {}): Promise<ApprovalQueueItem[]> {
  const { method, path } = ROUTES.listApprovals;
  return request<ApprovalQueue>(method, path, options).then((queue) => queue.items);
}

export function getTeamOverview(teamId: number, options: CallOptions = {}): Promise<TeamOverview> {
  const { method, path } = ROUTES.getTeamOverview;
  return request<TeamOverview>(method, path, { ...options, params: { teamId } });
}
