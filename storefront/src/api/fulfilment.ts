import { ROUTES } from '@qiaodu/shared';
import type { EndpointBody, EndpointQuery, Endpoints, PickList, ShippingLabel, TeamOrderDetail, TeamOrderList } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

/** A team's side of orders: its queues, the pick list, shipping, pickup preparation and handover. */

export type TeamOrderQuery = EndpointQuery<Endpoints['listTeamOrders']>;
export type PickListQuery = EndpointQuery<Endpoints['getPickList']>;
export type ShipOrderInput = EndpointBody<Endpoints['shipTeamOrder']>;

export function listTeamOrders(teamId: number, query: TeamOrderQuery, options: CallOptions = {}): Promise<TeamOrderList> {
  const { method, path } = ROUTES.listTeamOrders;
  return request<TeamOrderList>(method, path, { ...options, params: { teamId }, query: { ...query } });
}

export function getTeamOrder(teamId: number, orderId: number, options: CallOptions = {}): Promise<TeamOrderDetail> {
  const { method, path } = ROUTES.getTeamOrder;
  return request<TeamOrderDetail>(method, path, { ...options, params: { teamId, orderId } });
}

export function getPickList(teamId: number, query: PickListQuery, options: CallOptions = {}): Promise<PickList> {
  const { method, path } = ROUTES.getPickList;
  return request<PickList>(method, path, { ...options, params: { teamId }, query: { ...query } });
}

export function shipTeamOrder(teamId: number, orderId: number, body: ShipOrderInput): Promise<TeamOrderDetail> {
  const { method, path } = ROUTES.shipTeamOrder;
  return request<TeamOrderDetail>(method, path, { params: { teamId, orderId }, body });
}

export function markTeamOrderReady(teamId: number, orderId: number): Promise<TeamOrderDetail> {
  const { method, path } = ROUTES.markTeamOrderReady;
  return request<TeamOrderDetail>(method, path, { params: { teamId, orderId } });
}

/** Reveals the full recipient; the server logs every call (PIPL), so it is a POST made on purpose. */
export function printShippingLabel(teamId: number, orderId: number): Promise<ShippingLabel> {
  const { method, path } = ROUTES.printShippingLabel;
  return request<ShippingLabel>(method, path, { params: { teamId, orderId } });
}

export function verifyPickup(teamId: number, code: string): Promise<TeamOrderDetail> {
  const { method, path } = ROUTES.verifyPickup;
  return request<TeamOrderDetail>(method, path, { params: { teamId }, body: { code } });
}
