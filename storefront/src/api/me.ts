import { ROUTES } from '@qiaodu/shared';
import type { Endpoints, MeResponse, MyDataExport } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';
import type { EndpointBody } from '@qiaodu/shared';

export function getMe(options: CallOptions = {}): Promise<MeResponse> {
  const { method, path } = ROUTES.getMe;
  return request<MeResponse>(method, path, options);
}

export function updateMe(body: EndpointBody<Endpoints['updateMe']>): Promise<MeResponse> {
  const { method, path } = ROUTES.updateMe;
  return request<MeResponse>(method, path, { body });
}

export function exportMyData(options: CallOptions = {}): Promise<MyDataExport> {
  const { method, path } = ROUTES.exportMyData;
  return request<MyDataExport>(method, path, options);
}

export function deleteMe(body: EndpointBody<Endpoints['deleteMe']>): Promise<void> {
  const { method, path } = ROUTES.deleteMe;
  return request<unknown>(method, path, { body }).then(() => undefined);
}
