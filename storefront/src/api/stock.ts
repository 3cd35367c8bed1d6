import { ROUTES } from '@qiaodu/shared';
import type {
  AdjustStockBody,
  EndpointQuery,
  Endpoints,
  ReceiveStockBody,
  RecordStockCountBody,
  StockChangeResult,
  StockCountDetail,
  StockCountSummary,
  StockList,
  StockMovementList,
  StockRow,
} from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

export type StockQuery = EndpointQuery<Endpoints['listTeamStock']>;
export type MovementQuery = EndpointQuery<Endpoints['listStockMovements']>;
export type MovementExportQuery = EndpointQuery<Endpoints['exportStockMovements']>;

export function listTeamStock(teamId: number, query: StockQuery, options: CallOptions = {}): Promise<StockList> {
  const { method, path } = ROUTES.listTeamStock;
  return request<StockList>(method, path, { ...options, params: { teamId }, query: { ...query } });
}

export function setLowStockThreshold(teamId: number, skuId: number, lowStockThreshold: number): Promise<StockRow> {
  const { method, path } = ROUTES.setLowStockThreshold;
  return request<StockRow>(method, path, { params: { teamId, skuId }, body: { lowStockThreshold } });
}

export function receiveStock(teamId: number, body: ReceiveStockBody): Promise<StockChangeResult> {
  const { method, path } = ROUTES.receiveStock;
  return request<StockChangeResult>(method, path, { params: { teamId }, body });
}

export function adjustStock(teamId: number, body: AdjustStockBody): Promise<StockChangeResult> {
  const { method, path } = ROUTES.adjustStock;
  return request<StockChangeResult>(method, path, { params: { teamId }, body });
}

export function listStockMovements(teamId: number, query: MovementQuery, options: CallOptions = {}): Promise<StockMovementList> {
  const { method, path } = ROUTES.listStockMovements;
  return request<StockMovementList>(method, path, { ...options, params: { teamId }, query: { ...query } });
}

export function listStockCounts(teamId: number, options: CallOptions = {}): Promise<StockCountSummary[]> {
  const { method, path } = ROUTES.listStockCounts;
  return request<{ items: StockCountSummary[] }>(method, path, { ...options, params: { teamId } }).then((list) => list.items);
}

export function startStockCount(teamId: number, body: { skuIds: number[]; note: string }): Promise<StockCountDetail> {
  const { method, path } = ROUTES.startStockCount;
  return request<StockCountDetail>(method, path, { params: { teamId }, body });
}

export function getStockCount(teamId: number, countId: number, options: CallOptions = {}): Promise<StockCountDetail> {
  const { method, path } = ROUTES.getStockCount;
  return request<StockCountDetail>(method, path, { ...options, params: { teamId, countId } });
}

export function recordStockCount(teamId: number, countId: number, body: RecordStockCountBody): Promise<StockCountDetail> {
  const { method, path } = ROUTES.recordStockCount;
  return request<StockCountDetail>(method, path, { params: { teamId, countId }, body });
}

export function closeStockCount(action: 'approveStockCount' | 'cancelStockCount', teamId: number, countId: number): Promise<StockCountDetail> {
  const { method, path } = ROUTES[action];
  return request<StockCountDetail>(method, path, { params: { teamId, countId } });
}
