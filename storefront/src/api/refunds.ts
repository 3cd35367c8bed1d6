import { ROUTES } from '@qiaodu/shared';
import type { EndpointQuery, Endpoints, RefundDetail, RefundList, RequestRefundBody } from '@qiaodu/shared';
import { ApiError, bearerToken, buildUrl, CLIENT_ERROR_MESSAGES, isAbortError, parseErrorBody, reportUnauthenticated, request } from './http';
import type { CallOptions } from './http';

export type RefundListParams = Partial<EndpointQuery<Endpoints['listRefunds']>>;

export function requestRefund(orderId: number, body: RequestRefundBody): Promise<RefundDetail> {
  const { method, path } = ROUTES.requestRefund;
  return request<RefundDetail>(method, path, { params: { id: orderId }, body });
}

export function listRefunds(query: RefundListParams, options: CallOptions = {}): Promise<RefundList> {
  const { method, path } = ROUTES.listRefunds;
  return request<RefundList>(method, path, { ...options, query: { ...query } });
}

export function getRefund(id: number, options: CallOptions = {}): Promise<RefundDetail> {
  const { method, path } = ROUTES.getRefund;
  return request<RefundDetail>(method, path, { ...options, params: { id } });
}

export function withdrawRefund(id: number): Promise<RefundDetail> {
  const { method, path } = ROUTES.withdrawRefund;
  return request<RefundDetail>(method, path, { params: { id } });
}

/** A photo on a slow phone link, then resized by the server: longer than a JSON call. */
const PHOTO_TIMEOUT_MS = 120_000;

/**
 * A 凭证 photo for a refund request (multipart, field `file`); answers the URL that goes into
 * the request's `photos`. `request` sends JSON only, so this one call uses fetch with FormData.
 */
export async function uploadRefundPhoto(orderId: number, file: Blob): Promise<string> {
  const { method, path } = ROUTES.uploadRefundPhoto;
  const token = bearerToken();
  const form = new FormData();
  form.append('file', file, file instanceof File ? file.name : 'photo');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PHOTO_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(buildUrl(path, { id: orderId }), {
        method: method.toUpperCase(),
        headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: form,
        signal: controller.signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw new ApiError('TIMEOUT', CLIENT_ERROR_MESSAGES.TIMEOUT, 0);
      throw new ApiError('NETWORK_ERROR', CLIENT_ERROR_MESSAGES.NETWORK_ERROR, 0);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = parseErrorBody(response.status, body);
      if (token && error.code === 'UNAUTHENTICATED') reportUnauthenticated(token);
      throw error;
    }
    const url = typeof body === 'object' && body !== null ? (body as { url?: unknown }).url : undefined;
    if (typeof url !== 'string') throw new ApiError('BAD_RESPONSE', CLIENT_ERROR_MESSAGES.BAD_RESPONSE, response.status);
    return url;
  } finally {
    clearTimeout(timer);
  }
}
