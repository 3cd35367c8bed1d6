import { createHash } from 'node:crypto';

/**
 * A response serialised once and served many times (from a cache), with its strong ETag.
 * Serving it costs no JSON.stringify and lets clients revalidate with If-None-Match.
 */
export class PreparedJson {
  readonly etag: string;

  constructor(readonly json: string) {
    this.etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  }

  static of(value: unknown): PreparedJson {
    return new PreparedJson(JSON.stringify(value));
  }
}
