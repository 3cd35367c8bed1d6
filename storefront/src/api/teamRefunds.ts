import { ROUTES } from '@qiaodu/shared';
import type { EndpointBody, EndpointQuery, EndpointResponse, Endpoints, TeamRefundList } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

/** A team's 售后 queue and its decisions: approve, reject, retry a failed refund, restock or write off. */

export type TeamRefundQuery = EndpointQuery<Endpoints['listTeamRefunds']>;
export type TeamRefundDetail = EndpointResponse<Endpoints['getTeamRefund']>;
export type RefundDisposition = EndpointBody<Endpoints['disposeRefund']>['disposition'];

export function listTeamRefunds(teamId: number, query: TeamRefundQuery, options: CallOptions = {}): Promise<TeamRefundList> {
  const { method, path } = ROUTES.listTeamRefunds;
  return request<TeamRefundList>(method, path, { ...options, params: { teamId }, query: { ...query } });
}

export function getTeamRefund(teamId: number, refundId: number, options: CallOptions = {}): Promise<TeamRefundDetail> {
  const { method, path } = ROUTES.getTeamRefund;
  return request<TeamRefundDetail>(method, path, { ...options, params: { teamId, refundId } });
}

/** An empty comment is left out: the server takes the approval without one. */
export function approveRefund(teamId: number, refundId: number, comment: string): Promise<TeamRefundDetail> {
  const { method, path } = ROUTES.approveRefund;
  return request<TeamRefundDetail>(method, path, { params: { teamId, refundId }, body: comment ? { comment } : {} });
}

export function rejectRefund(teamId: number, refundId: number, comment: string): Promise<TeamRefundDetail> {
  const { method, path } = ROUTES.rejectRefund;
  return request<TeamRefundDetail>(method, path, { params: { teamId, refundId }, body: { comment } });
}

export function retryRefund(teamId: number, refundId: number): Promise<TeamRefundDetail> {
  const { method, path } = ROUTES.retryRefund;
  return request<TeamRefundDetail>(method, path, { params: { teamId, refundId } });
}

export function disposeRefund(teamId: number, refundId: number, disposition: RefundDisposition): Promise<TeamRefundDetail> {
  const { method, path } = ROUTES.disposeRefund;
  return request<TeamRefundDetail>(method, path, { params: { teamId, refundId }, body: { disposition } });
}
