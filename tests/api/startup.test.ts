import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, ROOT, startNodeProcess } from '../support/processes';
import { TEST_DATABASE_URL } from '../support/test-database';

let dataDir: string;
let databaseUrl: string | undefined;
let adminCleanup: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'qiaodu-startup-'));
  if (TEST_DATABASE_URL) {
    const name = `qiaodu_startup_${process.pid}_${Date.now()}`;
    const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    adminCleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
});

afterAll(async () => {
  await adminCleanup?.();
  await rm(dataDir, { recursive: true, force: true });
});

const env = () => ({
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl ?? '',
  STOREFRONT_DIST: 'none',
  LOG_LEVEL: 'warn',
});

async function productTotal(baseUrl: string): Promise<number> {
  const body = (await (await fetch(`${baseUrl}/api/products`)).json()) as { total: number };
  return body.total;
}

/** The demo customer's orders by status (the demo shop places a few on its first start). */
async function demoCustomerOrders(baseUrl: string): Promise<string[]> {
  const login = await fetch(`${baseUrl}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: 'customer' }),
  });
  const { token } = (await login.json()) as { token: string };
  const list = await fetch(`${baseUrl}/api/orders`, { headers: { authorization: `Bearer ${token}` } });
  return ((await list.json()) as { items: { status: string }[] }).items.map((order) => order.status).sort();
}

/** Runs main.ts to completion (it should refuse to start) and returns its exit code and stderr. */
async function runToExit(): Promise<{ code: number | null; stderr: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env(), PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

describe('starting and stopping the server process', () => {
  // Three real server processes start here (tsx compiles the server each time): minutes on a busy 2-core machine.
  it('should migrate and seed an empty database on first start, and stop cleanly on SIGTERM', { timeout: 180_000 }, async () => {
    const first = await startNodeProcess('server/src/main.ts', env(), '/api/health');
    const total = await productTotal(first.baseUrl);
    expect(total).toBeGreaterThanOrEqual(29);
    // Placed through the real services, so the console has parcels to ship and one to pay.
    const demoOrders = await demoCustomerOrders(first.baseUrl);
    expect(demoOrders).toEqual(['paid', 'pending_payment']);

    if (!TEST_DATABASE_URL) {
      // Embedded mode: a second process on the same data directory must not open it.
      expect(existsSync(join(dataDir, 'qiaodu.lock'))).toBe(true);
      const second = await runToExit();
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('正被进程');
    } else {
      // PostgreSQL: processes are stateless and share the database.
      const second = await startNodeProcess('server/src/main.ts', env(), '/api/health');
      expect(await productTotal(second.baseUrl)).toBe(total);
      await second.stop();
      expect(second.child.exitCode).toBe(0);
    }

    await first.stop();
    expect(first.child.exitCode).toBe(0);
    expect(existsSync(join(dataDir, 'qiaodu.lock'))).toBe(false);

    // Data survives a restart, and a non-empty catalog is not seeded again.
    const again = await startNodeProcess('server/src/main.ts', env(), '/api/health');
    expect(await productTotal(again.baseUrl)).toBe(total);
    expect(await demoCustomerOrders(again.baseUrl)).toEqual(demoOrders);
    await again.stop();
    expect(again.child.exitCode).toBe(0);
  });
});
