import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error';
import { createGate, type Gate } from './limiter';
import { holdUploadSlot, UPLOADS_AT_ONCE, UPLOADS_WAITING } from './upload';

/**
 * A real HTTP server whose handler takes an upload slot and then waits for the test to let it
 * finish, standing for reading the body and processing the picture.
 */
async function serve(gate: Gate) {
  const waiting: (() => void)[] = [];
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.status = error.status;
      ctx.body = { error: { code: error.code, message: error.message } };
      if (error.headers) ctx.set(error.headers);
    }
  });
  app.use(async (ctx) => {
    await holdUploadSlot(ctx, gate);
    await new Promise<void>((resolve) => waiting.push(resolve));
    ctx.body = { ok: true };
  });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    /** Lets the oldest held request answer. */
    finishOne: () => waiting.shift()?.(),
    held: () => waiting.length,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !test(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(test()).toBe(true);
}

let closeServer: (() => Promise<unknown>) | null = null;
afterEach(async () => {
  await closeServer?.();
  closeServer = null;
});

describe('holdUploadSlot', () => {
  it('should bound uploads in flight across the process and refuse more than can wait with 503 and Retry-After', async () => {
    expect([UPLOADS_AT_ONCE, UPLOADS_WAITING]).toEqual([3, 6]);
    const gate = createGate(2, 1);
    const server = await serve(gate);
    closeServer = server.close;
    const answers = [fetch(server.url), fetch(server.url), fetch(server.url)].map((answer) => answer.then((res) => res.status));
    await until(() => server.held() === 2 && gate.waiting === 1);

    const refused = await fetch(server.url);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(await refused.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: '上传的人太多，请稍后重试' } });

    // An answer sent gives its slot to the one waiting.
    server.finishOne();
    await until(() => server.held() === 2 && gate.waiting === 0);
    server.finishOne();
    server.finishOne();
    expect(await Promise.all(answers)).toEqual([200, 200, 200]);
    await until(() => gate.running === 0);
  });

  it('should give the place back when a client leaves, whether holding a slot or waiting for one', async () => {
    const gate = createGate(1, 1);
    const server = await serve(gate);
    closeServer = server.close;
    const holder = new AbortController();
    const waiter = new AbortController();
    const holding = fetch(server.url, { signal: holder.signal }).catch(() => 'gone');
    await until(() => server.held() === 1);
    const waiting = fetch(server.url, { signal: waiter.signal }).catch(() => 'gone');
    await until(() => gate.waiting === 1);

    waiter.abort();
    await until(() => gate.waiting === 0);
    holder.abort();
    await until(() => gate.running === 0);
    expect(await Promise.all([holding, waiting])).toEqual(['gone', 'gone']);

    // The gate is whole again: a new upload gets a slot at once.
    const next = fetch(server.url).then((res) => res.status);
    await until(() => gate.running === 1 && server.held() === 2);
    server.finishOne();
    server.finishOne();
    expect(await next).toBe(200);
  });
});
