import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMAGE_BYTES_MAX } from '@qiaodu/shared';
import { httpEdge } from '@qiaodu/server/http/edge';
import { closeGracefully, createHttpServer } from '@qiaodu/server/http/server';
import { storeProductImage } from '@qiaodu/server/media/product-image';
import { createLocalDiskStorage, UPLOADS_URL_PREFIX } from '@qiaodu/server/media/storage';
import { readUpload } from '@qiaodu/server/media/upload';
import { staticFiles } from '@qiaodu/server/static/storefront';
import Koa from 'koa';
import pino from 'pino';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getJson } from '../support/test-app';

/*
 * readUpload and storeProductImage behind a real HTTP server, as the product routes use them,
 * with the app's own error edge and static files: what a phone's upload meets on the wire.
 */

let server: Server;
let base: string;
let mediaDir: string;
/** Status of every answered request, in order: the abort test reads what the server decided. */
const outcomes: { path: string; status: number; code?: string }[] = [];

beforeAll(async () => {
  mediaDir = await mkdtemp(join(tmpdir(), 'qiaodu-upload-'));
  const storage = createLocalDiskStorage({ dir: mediaDir, urlPrefix: UPLOADS_URL_PREFIX });
  const app = new Koa();
  app.silent = true;
  app.use(async (ctx, next) => {
    try {
      await next();
    } finally {
      const body = ctx.body as { error?: { code?: string } } | null;
      outcomes.push({ path: ctx.path, status: ctx.status, code: body?.error?.code });
    }
  });
  app.use(httpEdge(app, pino({ level: 'silent' })));
  app.use(staticFiles({ storefrontDist: null, media: { [UPLOADS_URL_PREFIX]: mediaDir } }));
  app.use(async (ctx) => {
    if (ctx.method !== 'POST' || ctx.path !== '/upload') return;
    const file = await readUpload(ctx, { field: 'file', maxBytes: IMAGE_BYTES_MAX });
    const image = await storeProductImage(storage, file.bytes, 'products/1');
    ctx.body = { filename: file.filename, mimeType: file.mimeType, fields: file.fields, image };
  });
  server = createHttpServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server) await closeGracefully(server, 1_000);
  if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
});

beforeEach(async () => {
  outcomes.length = 0;
  await rm(mediaDir, { recursive: true, force: true });
  await mkdir(mediaDir);
});

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(mediaDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

function form(bytes: Uint8Array, filename: string, type: string, fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  body.set('file', new Blob([bytes], { type }), filename);
  return body;
}

interface ErrorBody {
  error: { code: string; message: string };
}

describe('uploading a product image over HTTP', () => {
  it('should process a JPEG, keep its Chinese file name and text fields, and serve the sizes for good', async () => {
    const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#c33' } }).jpeg().toBuffer();
    const response = await getJson<{ filename: string; fields: Record<string, string>; image: { url: string; feedUrl: string; width: number } }>(
      `${base}/upload`,
      { method: 'POST', body: form(jpeg, '生恭鲤鱼.jpg', 'image/jpeg', { alt: '鲤鱼灯' }) },
    );
    expect(response.status).toBe(200);
    expect(response.body.filename).toBe('生恭鲤鱼.jpg');
    expect(response.body.fields).toEqual({ alt: '鲤鱼灯' });
    expect(response.body.image.width).toBe(1080);
    expect(await storedFiles()).toHaveLength(3);

    const served = await fetch(`${base}${response.body.image.feedUrl}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(480);
  });

  it('should answer 413 IMAGE_TOO_LARGE to an 11 MB file promptly and store nothing', async () => {
    const started = performance.now();
    const response = await getJson<ErrorBody>(`${base}/upload`, {
      method: 'POST',
      body: form(new Uint8Array(11 * 1024 * 1024), 'big.jpg', 'image/jpeg'),
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('IMAGE_TOO_LARGE');
    expect(response.body.error.message).toMatch(/10 MB/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await storedFiles()).toEqual([]);
    // The server is fine afterwards.
    expect((await getJson(`${base}/upload`, { method: 'POST', body: form(new Uint8Array(0), '', 'application/octet-stream') })).status).toBe(400);
  });

  /** Sends `total` bytes of one file (or until answered) and reads the answer while still sending. */
  function sendHuge(total: number, announce: boolean) {
    return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = request(`${base}/upload`, {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=x', ...(announce ? { 'Content-Length': String(total) } : {}) },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, sent });
        });
      });
      req.on('error', reject);
      req.write('--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (sent < total && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
  }

  it('should refuse a body announced far above the limit before reading it, and the client still reads the 413', async () => {
    const total = 500 * 1024 * 1024;
    const answer = await sendHuge(total, true);
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.body) as ErrorBody).error.code).toBe('IMAGE_TOO_LARGE');
    expect(answer.sent).toBeLessThan(total);
  });

  it('should stop reading an unannounced (chunked) body soon after the limit', async () => {
    const total = 500 * 1024 * 1024;
    const answer = await sendHuge(total, false);
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.body) as ErrorBody).error.code).toBe('IMAGE_TOO_LARGE');
    expect(answer.sent).toBeLessThan(100 * 1024 * 1024);
    expect(await storedFiles()).toEqual([]);
  });

  it('should answer 415 to a body that is not a multipart form', async () => {
    const response = await getJson<ErrorBody>(`${base}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file: 'x' }),
    });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('should answer 400 to a multipart body without a boundary or cut short', async () => {
    const noBoundary = await getJson<ErrorBody>(`${base}/upload`, { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.error.code).toBe('BAD_REQUEST');
    const cut = await getJson<ErrorBody>(`${base}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\xff\xd8\xff',
    });
    expect(cut.status).toBe(400);
    expect(cut.body.error).toMatchObject({ code: 'BAD_REQUEST', message: '上传内容格式不正确' });
  });

  it('should answer 400 VALIDATION_FAILED when the form has no file in the field', async () => {
    const body = new FormData();
    body.set('alt', '没有图片');
    body.set('picture', new Blob([new Uint8Array(10)]), 'other.jpg');
    const response = await getJson<ErrorBody>(`${base}/upload`, { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: '请选择要上传的文件' });
  });

  it('should judge a file by its content, not by its name or declared type', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const response = await getJson<ErrorBody>(`${base}/upload`, { method: 'POST', body: form(pdf, 'photo.jpg', 'image/jpeg') });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('IMAGE_UNSUPPORTED');
    expect(await storedFiles()).toEqual([]);
  });

  it('should answer a client that gives up mid-upload with a 400, not a 500, and keep serving', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${base}/upload`, {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(5 * 1024 * 1024) },
      });
      req.on('error', () => resolve());
      req.write('--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
      req.write(Buffer.alloc(1024 * 1024), () => setTimeout(() => req.destroy(), 50));
    });
    await expect.poll(() => outcomes.find((outcome) => outcome.path === '/upload'), { timeout: 5_000 }).toBeDefined();
    expect(outcomes.find((outcome) => outcome.path === '/upload')).toEqual({ path: '/upload', status: 400, code: 'BAD_REQUEST' });
    expect(await storedFiles()).toEqual([]);
    expect((await fetch(`${base}/upload`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });
});
