import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { EncodedBody } from './encoded-body';

/**
 * A JSON response body. Cached answers are serialised once and served many times, with a
 * strong ETag and compressed forms made on first use, so serving one costs no stringify and
 * no gzip; one-off answers go through the same path and are compressed once.
 */
export class PreparedJson {
  /** Strong ETag of the body; null for answers that are never revalidated (personal data). */
  readonly etag: string | null;
  private readonly body: EncodedBody;

  constructor(
    readonly json: string,
    options: { etag: boolean } = { etag: true },
  ) {
    const raw = Buffer.from(json);
    this.etag = options.etag ? `"${createHash('sha1').update(raw).digest('base64url')}"` : null;
    this.body = new EncodedBody(raw, true);
  }

  static of(value: unknown, options?: { etag: boolean }): PreparedJson {
    return new PreparedJson(JSON.stringify(value), options);
  }

  /** Answers with this body (or 304 when the client's If-None-Match matches the ETag). */
  respond(ctx: Context, status: number, cacheControl: string | undefined): void {
    ctx.status = status;
    if (cacheControl) ctx.set('Cache-Control', cacheControl);
    if (this.etag) {
      ctx.set('ETag', this.etag);
      if (ctx.fresh) {
        ctx.status = 304;
        return;
      }
    }
    ctx.type = 'application/json; charset=utf-8';
    this.body.send(ctx);
  }
}
