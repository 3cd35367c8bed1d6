import { ROUTES } from '@qiaodu/shared';
import type { ConsoleImage, ProductImageKind } from '@qiaodu/shared';
import { ApiError, bearerToken, buildUrl, CLIENT_ERROR_MESSAGES, parseErrorBody, reportUnauthenticated } from './http';
import type { QueryParams } from './http';
import { fileNameFromDisposition } from './contentDisposition';

/**
 * Calls `request` cannot make: a multipart upload whose progress the page shows (fetch reports
 * none), and a file download. Both carry the session's bearer token and read errors the same way.
 */

export interface ImageUpload {
  teamId: number;
  productId: number;
  file: Blob;
  kind: ProductImageKind;
  alt?: string;
  /** 0–100, as the bytes go out. */
  onProgress?: (percent: number) => void;
}

export interface UploadHandle {
  done: Promise<ConsoleImage>;
  abort(): void;
}

/** Image processing on the server takes a few seconds for a large photo on a slow phone link. */
const UPLOAD_TIMEOUT_MS = 120_000;

export function uploadProductImage(upload: ImageUpload): UploadHandle {
  const { method, path } = ROUTES.uploadProductImage;
  const xhr = new XMLHttpRequest();
  const done = new Promise<ConsoleImage>((resolve, reject) => {
    const token = bearerToken();
    xhr.open(method.toUpperCase(), buildUrl(path, { teamId: upload.teamId, productId: upload.productId }));
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.setRequestHeader('accept', 'application/json');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) upload.onProgress?.(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        // judged by the status below
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        upload.onProgress?.(100);
        resolve(body as ConsoleImage);
        return;
      }
      const error = xhr.status >= 200 && xhr.status < 300 ? new ApiError('BAD_RESPONSE', CLIENT_ERROR_MESSAGES.BAD_RESPONSE, xhr.status) : parseErrorBody(xhr.status, body);
      if (token && error.code === 'UNAUTHENTICATED') reportUnauthenticated(token);
      reject(error);
    };
    xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', CLIENT_ERROR_MESSAGES.NETWORK_ERROR, 0));
    xhr.ontimeout = () => reject(new ApiError('TIMEOUT', CLIENT_ERROR_MESSAGES.TIMEOUT, 0));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));

    const form = new FormData();
    form.append('kind', upload.kind);
    if (upload.alt) form.append('alt', upload.alt);
    // The file goes last: a streaming parser then knows kind and alt before the bytes.
    form.append('file', upload.file, upload.file instanceof File ? upload.file.name : 'image');
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** A file the API served, with the name its Content-Disposition gives (null when it gives none). */
export interface DownloadedFile {
  blob: Blob;
  fileName: string | null;
}

/** Fetches a file the API serves (CSV exports) with the session's token, as a Blob. */
export async function downloadFile(path: string, params: Record<string, number>, query: QueryParams): Promise<DownloadedFile> {
  const token = bearerToken();
  let response: Response;
  try {
    response = await fetch(buildUrl(path, params, query), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError('NETWORK_ERROR', CLIENT_ERROR_MESSAGES.NETWORK_ERROR, 0);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    const error = parseErrorBody(response.status, body);
    if (token && error.code === 'UNAUTHENTICATED') reportUnauthenticated(token);
    throw error;
  }
  return { blob: await response.blob(), fileName: fileNameFromDisposition(response.headers.get('content-disposition')) };
}
