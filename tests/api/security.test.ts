import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authed, loginAs } from '../support/auth';
import { getJson, startApp, type RunningApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ALLOWED_ORIGIN = 'https://admin.qiaodu.example.cn';
const logLines: string[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);

let testDb: TestDatabase;
let app: RunningApp;
let second: RunningApp;
/** The same app serving a (tiny) built storefront, for the pages' headers. */
let pages: RunningApp;
let distDir: string;
/** Behind one load balancer of ours (TRUST_PROXY, one hop). */
let proxied: RunningApp;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const overrides = { logger, corsOrigins: [ALLOWED_ORIGIN], loginRateLimitPerMinute: 4 };
  app = await startApp(testDb.database, { overrides });
  // A second API process on the same database, as behind a load balancer.
  second = await startApp(await testDb.openAnother(), { overrides });
  distDir = await mkdtemp(join(tmpdir(), 'qiaodu-dist-'));
  await writeFile(join(distDir, 'index.html'), '<!doctype html><title>侨都职教商城</title>');
  pages = await startApp(testDb.database, { storefrontDist: distDir, overrides: { logger } });
  proxied = await startApp(testDb.database, { overrides: { logger, trustProxy: true, loginRateLimitPerMinute: 3 } });
});

afterAll(async () => {
  await proxied?.stop();
  await pages?.stop();
  if (distDir) await rm(distDir, { recursive: true, force: true });
  await second?.stop();
  await app?.stop();
  await testDb?.dispose();
});

const demoLogin = (base: string) =>
  getJson(`${base}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.0.0.9' },
    body: JSON.stringify({ persona: 'customer' }),
  });

describe('security headers', () => {
  it('should forbid content sniffing on answers and on errors', async () => {
    for (const path of ['/api/health', '/api/products/999999', '/api/nowhere', '/api/me', '/media/seed/nothing.svg']) {
      const res = await fetch(`${app.baseUrl}${path}`);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('should keep the shop’s pages from leaking their URL, being framed or running foreign script', async () => {
    for (const path of ['/', '/me?ticket=qdt_x', '/products/1']) {
      const res = await fetch(`${pages.baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self' https://res.wx.qq.com");
    }
  });
});

describe('CORS', () => {
  it('should allow only the configured origin, on answers and on errors', async () => {
    const allowed = await fetch(`${app.baseUrl}/api/me`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(allowed.status).toBe(401);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const other = await fetch(`${app.baseUrl}/api/health`, { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toContain('Origin');
  });

  it('should answer a preflight from the configured origin and not from others', async () => {
    const preflight = (origin: string) =>
      fetch(`${app.baseUrl}/api/me/addresses`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    const refused = await preflight('https://evil.example.com');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe('logs', () => {
  it('should never contain tokens, tickets, phone numbers or addresses', async () => {
    const token = await loginAs(app.baseUrl, 'customer-2');
    const ticket = (await getJson<{ ticket: string }>(`${app.baseUrl}/api/auth/tickets`, { method: 'POST', ...authed(token) })).body.ticket;
    const phone = '13698765432';
    const detail = '北新区秘密路 77 号';
    await getJson(`${app.baseUrl}/api/me/addresses`, {
      method: 'POST',
      ...authed(token, { name: '黄志明', phone, areaCode: '440703', detail }),
    });
    await getJson(`${app.baseUrl}/api/me/addresses`, { method: 'POST', ...authed(token, { name: '黄志明', phone, areaCode: '1', detail }) });
    await fetch(`${app.baseUrl}/products/1?ticket=${ticket}&from=share`);
    await fetch(`${app.baseUrl}/api/me?code=${phone}`, { headers: { authorization: `Bearer ${token}` } });
    await fetch(`${app.baseUrl}/api/console/people?q=${phone}`, { headers: { authorization: `Bearer ${token}` } });
    await fetch(`${app.baseUrl}/api/products?pageSize=5&phone=${phone}`);
    const text = logLines.join('');
    expect(text).toContain('/products/1?ticket=[redacted]&from=share');
    for (const secret of [token, ticket, phone, detail]) expect(text).not.toContain(secret);
  });
});

describe('login rate limit', () => {
  it('should count logins from one address across API processes and answer 429 with Retry-After', async () => {
    const results = [
      await demoLogin(app.baseUrl),
      await demoLogin(second.baseUrl),
      await demoLogin(app.baseUrl),
      await demoLogin(second.baseUrl),
    ];
    // The first logins of this file (the log test) count in the same minute and address.
    const limited = await demoLogin(app.baseUrl);
    expect(results.some((r) => r.status === 200)).toBe(true);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('login rate limit behind a load balancer', () => {
  const loginFrom = (forwardedFor: string) =>
    getJson(`${proxied.baseUrl}/api/auth/demo-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ persona: 'customer' }),
    });

  it('should key on the address our proxy saw, not on what the client wrote before it', async () => {
    // The client makes up the first entries; the load balancer appends the real address.
    const spoofed = await Promise.all(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'].map((fake) => loginFrom(`${fake}, 198.51.100.20`)));
    expect(spoofed.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
    // Someone else, behind the same balancer, is not locked out by the first client.
    expect((await loginFrom('198.51.100.20, 198.51.100.30')).status).toBe(200);
  });
});
