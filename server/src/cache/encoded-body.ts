import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';

/** Below this, compression costs more than the bytes it saves. */
const MIN_COMPRESS_BYTES = 1024;

export type Encoding = 'br' | 'gzip' | 'identity';

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

export interface SelectedBody {
  body: Buffer;
  encoding: Encoding;
  /** Strong ETag of exactly these bytes (each encoding has its own), or null. */
  etag: string | null;
}

const ETAG_SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz', identity: '' };

/**
 * A response body that is compressed at most once per encoding and then reused: cached API
 * answers and static files are served many times, so per-request compression would be waste.
 * Knows nothing of HTTP frameworks; http/respond.ts puts it on the wire.
 */
export class EncodedBody {
  private gzip: Buffer | undefined;
  private brotli: Buffer | undefined;

  /** @param etagBase a hash of `raw` when answers should be revalidatable, else null */
  constructor(
    readonly raw: Buffer,
    private readonly compressible: boolean,
    private readonly etagBase: string | null,
  ) {}

  select(acceptEncoding: string | undefined): SelectedBody {
    const encoding =
      this.compressible && this.raw.length >= MIN_COMPRESS_BYTES ? preferredEncoding(acceptEncoding) : 'identity';
    return {
      body: encoding === 'identity' ? this.raw : this.encoded(encoding),
      encoding,
      etag: this.etagBase ? `"${this.etagBase}${ETAG_SUFFIX[encoding]}"` : null,
    };
  }

  private encoded(encoding: 'br' | 'gzip'): Buffer {
    // Moderate levels: the first request for a body pays for this on the event loop.
    if (encoding === 'gzip') {
      this.gzip ??= gzipSync(this.raw, { level: 6 });
      return this.gzip;
    }
    this.brotli ??= brotliCompressSync(this.raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });
    return this.brotli;
  }
}
