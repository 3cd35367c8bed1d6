import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Database } from '@qiaodu/db';
import { SEED_IMAGES_DIR } from '@qiaodu/db/seed';
import { buildApp, type AppDeps, type BuiltApp } from '@qiaodu/server';
import { closeGracefully, createHttpServer } from '@qiaodu/server/http/server';
import { createLocalDiskStorage, UPLOADS_URL_PREFIX } from '@qiaodu/server/media/storage';
import pino from 'pino';

export interface RunningApp {
  baseUrl: string;
  built: BuiltApp;
  /** The folder uploaded media went to (a fresh temporary one unless overridden). */
  mediaDir: string;
  stop(): Promise<void>;
}

/** The real app on a random port over a real database, as main.ts builds it. */
export interface StartOptions {
  storefrontDist?: string | null;
  /** Any other dependency of the app: a clock to move, WeChat simulators, low rate limits. */
  overrides?: Partial<Omit<AppDeps, 'database'>>;
  /**
   * Dependencies that need the app's own address (a merchant config's PUBLIC_BASE_URL, from which
   * the notify URLs are built); merged after `overrides`. The server listens before the app is built.
   */
  overridesFor?: (baseUrl: string) => Partial<Omit<AppDeps, 'database'>>;
}

export async function startApp(database: Database, options: StartOptions = {}): Promise<RunningApp> {
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const mediaDir = await mkdtemp(join(tmpdir(), 'qiaodu-media-'));
  // Listen first, so the address is known while building; until then requests get a 503.
  let handler: ReturnType<BuiltApp['app']['callback']> | null = null;
  const server: Server = createHttpServer((req, res) => {
    if (handler) return void handler(req, res);
    res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' }).end('{"error":{"code":"STARTING","message":"启动中"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  let built: BuiltApp;
  try {
    built = await buildApp({
      database,
      logger,
      validateResponses: true,
      storefrontDist: options.storefrontDist ?? null,
      mediaDirs: { '/media/seed/': SEED_IMAGES_DIR },
      // Test files log in dozens of times a minute from one address; rate-limit tests lower it.
      loginRateLimitPerMinute: 10_000,
      mediaStorage: createLocalDiskStorage({ dir: mediaDir, urlPrefix: UPLOADS_URL_PREFIX }),
      ...options.overrides,
      ...options.overridesFor?.(baseUrl),
    });
  } catch (error) {
    await closeGracefully(server, 2_000);
    await rm(mediaDir, { recursive: true, force: true });
    throw error;
  }
  handler = built.app.callback();
  return {
    baseUrl,
    built,
    mediaDir,
    async stop() {
      await closeGracefully(server, 2_000);
      await built.close();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function getJson<T = unknown>(url: string, init?: RequestInit): Promise<JsonResponse<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // leave the text: tests assert on it
  }
  return { status: response.status, headers: response.headers, body: body as T };
}
