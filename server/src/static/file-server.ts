import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
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
}

/**
 * Serves the files of one folder, compressing each at most once per encoding and keeping the
 * result in memory: the folders it serves are small and their files rarely change.
 */
export class FileServer {
  private readonly files = new Map<string, LoadedFile>();

  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Serves `relativePath` if it is a file under the root; false when there is none. */
  async serve(ctx: Context, relativePath: string, cacheControl: string, extraHeaders: Readonly<Record<string, string>> = {}): Promise<boolean> {
    const file = await this.load(relativePath);
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

  private async load(relativePath: string): Promise<LoadedFile | null> {
    const full = this.resolve(relativePath);
    if (!full) return null;
    let info;
    try {
      info = await stat(full);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const cached = this.files.get(full);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(full);
    const ext = extname(full).toLowerCase();
    const loaded: LoadedFile = {
      body: new EncodedBody(body, COMPRESSIBLE.has(ext), createHash('sha1').update(body).digest('base64url')),
      type: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      mtimeMs: info.mtimeMs,
    };
    this.files.set(full, loaded);
    return loaded;
  }
}
