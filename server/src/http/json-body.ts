import type { Middleware } from 'koa';
import { AppError } from './app-error';

declare module 'koa' {
  interface Request {
    /** The parsed JSON body; undefined when the request had none. */
    body?: unknown;
  }
}

export const MAX_JSON_BODY_BYTES = 256 * 1024;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * WeChat Pay's notify endpoints read the body themselves: their signature covers the exact bytes
 * received, which a parse here would consume (payments/notification-routes.ts). Compared in
 * lower case: the router matches paths case-insensitively, so /API/Pay/WeChat/notify reaches them too.
 */
const RAW_BODY_PREFIX = '/api/pay/wechat/';

/**
 * Reads JSON bodies with a size limit. A body that is not JSON, or JSON sent as another type,
 * is a 4xx with a code before any handler runs. Multipart uploads get their own parser later.
 */
export function jsonBody(): Middleware {
  return async (ctx, next) => {
    if (!METHODS_WITH_BODY.has(ctx.method) || !hasBody(ctx.req.headers) || ctx.path.toLowerCase().startsWith(RAW_BODY_PREFIX)) {
      await next();
      return;
    }
    if (!ctx.is('application/json')) {
      if (ctx.is('multipart/form-data')) {
        await next();
        return;
      }
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请求内容必须是 JSON（Content-Type: application/json）');
    }
    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > MAX_JSON_BODY_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
    const text = await readText(ctx.req, MAX_JSON_BODY_BYTES);
    try {
      ctx.request.body = text.length === 0 ? undefined : (JSON.parse(text) as unknown);
    } catch {
      throw new AppError('INVALID_JSON');
    }
    await next();
  };
}

function hasBody(headers: NodeJS.Dict<string | string[]>): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}

async function readText(stream: NodeJS.ReadableStream, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buffer.length;
      if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE');
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The client went away mid-body (ECONNRESET, aborted): its fault, not a 500.
    throw new AppError('BAD_REQUEST', '请求在传输中被中断', undefined, { cause: error });
  }
  return Buffer.concat(chunks).toString('utf8');
}
