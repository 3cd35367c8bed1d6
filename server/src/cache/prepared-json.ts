import { createHash } from 'node:crypto';
import { EncodedBody } from './encoded-body';

/**
 * A JSON answer serialised once. Cached answers are served many times with their ETag and
 * compressed forms made on first use, so serving one costs no stringify and no gzip; one-off
 * answers go through the same path. Plain data: services may build it without knowing HTTP.
 */
export class PreparedJson {
  readonly body: EncodedBody;
  /** Whether clients may revalidate it with If-None-Match (never for personal data). */
  readonly revalidatable: boolean;

  constructor(
    readonly json: string,
    options: { etag: boolean } = { etag: true },
  ) {
    const raw = Buffer.from(json);
    this.revalidatable = options.etag;
    this.body = new EncodedBody(raw, true, options.etag ? createHash('sha1').update(raw).digest('base64url') : null);
  }

  static of(value: unknown, options?: { etag: boolean }): PreparedJson {
    return new PreparedJson(JSON.stringify(value), options);
  }
}
