import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'koa';
import { EncodedBody } from '../cache/encoded-body';
import { sendEncoded } from '../http/respond';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);

interface LoadedFile {
  body: EncodedBody;
  type: string;
  mtimeMs: number;
  size: number;
  /** What it holds in memory, compressed copies included (an estimate: they are made lazily). */
  cost: number;
}

export interface FileServerLimits {
  /** Files kept in memory together at most, in bytes; the least recently served go first. */
  maxCachedBytes: number;
  /** Larger files are streamed from disk on every request and never kept. */
  maxCachedFileBytes: number;
}

export const DEFAULT_FILE_SERVER_LIMITS: FileServerLimits = { maxCachedBytes: 32 * 1024 * 1024, maxCachedFileBytes: 1024 * 1024 };

/**
 * Serves the files of one folder. Small files are kept in memory, compressed at most once per
 * encoding, in a cache bounded by total size: the uploads folder grows while the shop runs, so
 * an unbounded one would keep every picture ever looked at. Every request checks the disk, so
 * a file written after start-up is found and a changed one is reloaded.
 */
export class FileServer {
  /** In least-recently-served order: a Map iterates in insertion order and a hit re-inserts. */
  private readonly files = new Map<string, LoadedFile>();

  private cachedBytes = 0;

  private readonly root: string;

  constructor(
    root: string,
    private readonly limits: FileServerLimits = DEFAULT_FILE_SERVER_LIMITS,
  ) {
    this.root = resolve(root);
  }

  /** Bytes held in memory now (tests and diagnostics). */
  get memoryBytes(): number {
    return this.cachedBytes;
  }

  /** Serves `relativePath` if it is a file under the root; false when there is none. */
  async serve(ctx: Context, relativePath: string, cacheControl: string, extraHeaders: Readonly<Record<string, string>> = {}): Promise<boolean> {
    const full = this.resolve(relativePath);
    if (!full) return false;
    let info;
    try {
      info = await stat(full);
    } catch {
      return false;
    }
    if (!info.isFile()) return false;
    if (info.size > this.limits.maxCachedFileBytes) return this.stream(ctx, full, cacheControl, extraHeaders);
    const file = await this.load(full, info.mtimeMs, info.size);
    if (!file) return false;
    ctx.set(extraHeaders);
    sendEncoded(ctx, file.body, { status: 200, contentType: file.type, cacheControl });
    return true;
  }

  private resolve(relativePath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(relativePath);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const full = normalize(join(this.root, decoded));
    return full === this.root || full.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep) ? full : null;
  }

  private async load(full: string, mtimeMs: number, size: number): Promise<LoadedFile | null> {
    const cached = this.files.get(full);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) {
      // Served again: to the back of the eviction line.
      this.files.delete(full);
      this.files.set(full, cached);
      return cached;
    }
    let body: Buffer;
    try {
      body = await readFile(full);
    } catch {
      // Removed between the stat and the read.
      return null;
    }
    const ext = extname(full).toLowerCase();
    const compressible = COMPRESSIBLE.has(ext);
    const loaded: LoadedFile = {
      body: new EncodedBody(body, compressible, createHash('sha1').update(body).digest('base64url')),
      type: contentTypeOf(ext),
      mtimeMs,
      size,
      cost: compressible ? body.length * 2 : body.length,
    };
    this.remember(full, loaded);
    return loaded;
  }

  private remember(full: string, file: LoadedFile): void {
    // A concurrent request may have loaded the same file meanwhile: replace, never count twice.
    const previous = this.files.get(full);
    if (previous) this.forget(full, previous);
    this.files.set(full, file);
    this.cachedBytes += file.cost;
    for (const [oldest, evicted] of this.files) {
      if (this.cachedBytes <= this.limits.maxCachedBytes) break;
      this.forget(oldest, evicted);
    }
  }

  private forget(full: string, file: LoadedFile): void {
    this.files.delete(full);
    this.cachedBytes -= file.cost;
  }

  /**
   * A large file goes from disk as it is, with a validator made of its size and time. It is
   * opened before answering, so a file removed meanwhile is a 404 and not a broken stream.
   */
  private async stream(ctx: Context, full: string, cacheControl: string, extraHeaders: Readonly<Record<string, string>>): Promise<boolean> {
    let handle;
    try {
      handle = await open(full, 'r');
    } catch {
      return false;
    }
    let info;
    try {
      info = await handle.stat();
    } catch {
      await handle.close();
      return false;
    }
    ctx.set(extraHeaders);
    ctx.status = 200;
    ctx.set('Cache-Control', cacheControl);
    ctx.set('ETag', `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`);
    if (ctx.fresh) {
      await handle.close();
      ctx.status = 304;
      return true;
    }
    ctx.type = contentTypeOf(extname(full).toLowerCase());
    // Koa destroys the stream (closing the file) when the answer ends, HEAD and aborts included.
    ctx.body = handle.createReadStream();
    ctx.length = info.size;
    return true;
  }
}

function contentTypeOf(ext: string): string {
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
