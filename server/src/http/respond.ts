import type { Context } from 'koa';
import type { EncodedBody } from '../cache/encoded-body';
import type { PreparedJson } from '../cache/prepared-json';

export interface SendOptions {
  status: number;
  contentType: string;
  cacheControl?: string;
}

/**
 * Puts an EncodedBody on the wire: the best encoding the client accepts, its own ETag,
 * and a 304 when the client already has exactly those bytes.
 */
export function sendEncoded(ctx: Context, encoded: EncodedBody, options: SendOptions): void {
  ctx.status = options.status;
  // Set before the freshness check: a 304 must carry the same Vary as the 200.
  // Appended: CORS may already vary the answer by Origin.
  ctx.vary('Accept-Encoding');
  if (options.cacheControl) ctx.set('Cache-Control', options.cacheControl);
  const selected = encoded.select(ctx.req.headers['accept-encoding']);
  if (selected.etag) {
    ctx.set('ETag', selected.etag);
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
  }
  ctx.type = options.contentType;
  if (selected.encoding !== 'identity') ctx.set('Content-Encoding', selected.encoding);
  ctx.body = selected.body;
}

export function sendJson(ctx: Context, prepared: PreparedJson, status: number, cacheControl?: string): void {
  sendEncoded(ctx, prepared.body, { status, contentType: 'application/json; charset=utf-8', cacheControl });
}
