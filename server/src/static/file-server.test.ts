import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileServer, type FileServerLimits } from './file-server';

let dir: string;
let root: string;
let http: Server | null = null;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qiaodu-files-'));
  root = join(dir, 'root');
  await mkdir(root);
  await writeFile(join(dir, 'secret.txt'), 'outside the root');
});

afterEach(async () => {
  if (http) await new Promise((resolve) => http?.close(resolve));
  http = null;
  await rm(dir, { recursive: true, force: true });
});

/** A real server whose only job is `files.serve(ctx, <path from ?p=>)`. */
async function serving(limits?: FileServerLimits) {
  const files = new FileServer(root, limits);
  const app = new Koa();
  app.use(async (ctx) => {
    const path = typeof ctx.query.p === 'string' ? ctx.query.p : '';
    if (!(await files.serve(ctx, path, 'public, max-age=60', { 'X-Extra': 'yes' }))) {
      ctx.status = 404;
      ctx.body = 'missing';
    }
  });
  http = createServer(app.callback());
  const server = http;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const get = (path: string, init?: RequestInit) => fetch(`${base}?p=${encodeURIComponent(path)}`, init);
  return { files, get };
}

const bytes = (size: number, fill: number) => Buffer.alloc(size, fill);

describe('FileServer', () => {
  it('should find a file written after it started, and a new version of it', async () => {
    const { get } = await serving();
    expect((await get('uploads/a.webp')).status).toBe(404);

    await mkdir(join(root, 'uploads'));
    await writeFile(join(root, 'uploads/a.webp'), bytes(100, 1));
    const first = await get('uploads/a.webp');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/webp');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    expect(first.headers.get('x-extra')).toBe('yes');
    expect(Buffer.from(await first.arrayBuffer())).toEqual(bytes(100, 1));

    await writeFile(join(root, 'uploads/a.webp'), bytes(120, 2));
    const second = await get('uploads/a.webp');
    expect(Buffer.from(await second.arrayBuffer())).toEqual(bytes(120, 2));
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));

    await rm(join(root, 'uploads/a.webp'));
    expect((await get('uploads/a.webp')).status).toBe(404);
  });

  it('should reload a file changed in place with the same size', async () => {
    const { get } = await serving();
    const path = join(root, 'same.txt');
    await writeFile(path, 'aaaa');
    expect(await (await get('same.txt')).text()).toBe('aaaa');
    await writeFile(path, 'bbbb');
    await utimes(path, new Date(), new Date(Date.now() + 5_000));
    expect(await (await get('same.txt')).text()).toBe('bbbb');
  });

  it('should never serve anything outside its folder', async () => {
    const { get } = await serving();
    await writeFile(join(root, 'inside.txt'), 'inside');
    expect((await get('inside.txt')).status).toBe(200);
    for (const path of ['../secret.txt', '..%2fsecret.txt', '%2e%2e/secret.txt', 'sub/../../secret.txt', `${dir}/secret.txt`, 'inside.txt%00.png', '%E0%A4%A']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe('missing');
    }
    expect((await get('')).status).toBe(404);
  });

  it('should keep at most its byte budget in memory however many files are served', async () => {
    const { files, get } = await serving({ maxCachedBytes: 100_000, maxCachedFileBytes: 40_000 });
    for (let i = 0; i < 12; i += 1) await writeFile(join(root, `p${i}.webp`), bytes(30_000, i));
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 12; i += 1) {
        const response = await get(`p${i}.webp`);
        expect(Buffer.from(await response.arrayBuffer()).equals(bytes(30_000, i))).toBe(true);
        expect(files.memoryBytes).toBeLessThanOrEqual(100_000);
      }
    }
    expect(files.memoryBytes).toBeGreaterThan(0);
  });

  it('should stream a file above the size limit from disk without keeping it', async () => {
    const { files, get } = await serving({ maxCachedBytes: 100_000, maxCachedFileBytes: 40_000 });
    const big = Buffer.alloc(300_000);
    for (let i = 0; i < big.length; i += 1) big[i] = i % 256;
    await writeFile(join(root, 'zoom.webp'), big);

    const response = await get('zoom.webp');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('300000');
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(Buffer.from(await response.arrayBuffer()).equals(big)).toBe(true);
    expect(files.memoryBytes).toBe(0);

    const etag = response.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await get('zoom.webp', { headers: { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' } });
    expect(again.status).toBe(304);

    const head = await get('zoom.webp', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('300000');
  });

  it('should answer 304 to a client that has the cached file already', async () => {
    const { get } = await serving();
    await writeFile(join(root, 'feed.webp'), bytes(2_000, 7));
    const etag = (await get('feed.webp')).headers.get('etag') ?? '';
    expect((await get('feed.webp', { headers: { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' } })).status).toBe(304);
  });
});
