import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { Context } from 'koa';

/** Below this, compression costs more than the bytes it saves. */
const MIN_COMPRESS_BYTES = 1024;

type Encoding = 'br' | 'gzip' | 'identity';

/**
 * Picks br, then gzip, by the client's Accept-Encoding (q-values honoured, `*` counts).
 * Clients send a handful of distinct headers, so answers are memoised: the generic
 * negotiator cost more per request than compression saved.
 */
const negotiated = new Map<string, Encoding>();
const MAX_NEGOTIATED = 256;

export function preferredEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const known = negotiated.get(header);
  if (known) return known;
  const quality = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.trim().split(';');
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find(Boolean);
    quality.set(name, q ? Number(q[1]) : 1);
  }
  const q = (name: string) => quality.get(name) ?? quality.get('*') ?? 0;
  const choice: Encoding = q('br') > 0 ? 'br' : q('gzip') > 0 ? 'gzip' : 'identity';
  if (negotiated.size < MAX_NEGOTIATED) negotiated.set(header, choice);
  return choice;
}

/**
 * A response body that is compressed at most once per encoding and then reused. Cached API
 * answers and static files are served many times, so per-request compression would be waste.
 */
export class EncodedBody {
  private gzip: Buffer | undefined;
  private brotli: Buffer | undefined;

  constructor(
    readonly raw: Buffer,
    private readonly compressible: boolean,
    private readonly effort: 'max' | 'fast' = 'fast',
  ) {}

  private encoded(encoding: 'br' | 'gzip'): Buffer {
    if (encoding === 'gzip') {
      this.gzip ??= gzipSync(this.raw, { level: this.effort === 'max' ? 9 : 6 });
      return this.gzip;
    }
    this.brotli ??= brotliCompressSync(this.raw, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: this.effort === 'max' ? 11 : 5 },
    });
    return this.brotli;
  }

  /** Sets ctx.body to the best encoding the client accepts, and says so in the headers. */
  send(ctx: Context): void {
    // Nothing else sets Vary on these answers, so no need to merge with an existing value.
    ctx.set('Vary', 'Accept-Encoding');
    if (this.compressible && this.raw.length >= MIN_COMPRESS_BYTES) {
      const encoding = preferredEncoding(ctx.req.headers['accept-encoding']);
      if (encoding !== 'identity') {
        ctx.set('Content-Encoding', encoding);
        ctx.body = this.encoded(encoding);
        return;
      }
    }
    ctx.body = this.raw;
  }
}
