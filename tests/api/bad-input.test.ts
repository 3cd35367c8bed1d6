import { request } from 'node:http';
import { schema } from '@qiaodu/db';
import { ERROR_CODES, endpoints } from '@qiaodu/shared';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';

const fixture = useSeededApp();

interface RawResponse {
  status: number;
  body: string;
}

/** node:http rather than fetch, so we can send what a browser never would. */
function send(method: string, path: string, options: { body?: string | Buffer; headers?: Record<string, string> } = {}) {
  const url = new URL(fixture.app.baseUrl);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

async function snapshot() {
  const db = fixture.testDb.database.db;
  const tables = [schema.partners, schema.teams, schema.categories, schema.products, schema.skus, schema.productImages];
  const counts = await Promise.all(tables.map(async (table) => (await db.select({ n: count() }).from(table))[0]!.n));
  const skus = await db.select({ id: schema.skus.id, price: schema.skus.priceFen, stock: schema.skus.stockAvailable }).from(schema.skus);
  return JSON.stringify({ counts, skus: skus.sort((a, b) => a.id - b.id) });
}

const MALFORMED_IDS = ['abc', '0', '-1', '1.5', '0x10', '1e1', '01', '1.0', '99999999999', '%E0%A4%A', '%00', '1;drop%20table%20products', "1'--", '%20'];

const LIST_QUERIES = [
  'page=-1',
  'page=0',
  'page=abc',
  'page=1.5',
  'page=1&page=2',
  'pageSize=100000',
  'pageSize=0',
  'pageSize=-5',
  'sort=cheapest',
  'sort=',
  'category=abc',
  'category=-3',
  'partner=1e99',
  'partnerKind=factory',
  'heritage=maybe',
  'minPriceFen=1.5',
  'minPriceFen=-100',
  'maxPriceFen=abc',
  'minPriceFen=900&maxPriceFen=100',
  `q=${encodeURIComponent('鲤'.repeat(51))}`,
  // PostgreSQL text cannot hold NUL: this was a 500 before the schema refused it.
  'q=%00',
  'q=%E9%B2%A4%00%E9%B1%BC',
  'q=%1B%5B31m',
];

function expectClientError(res: RawResponse, context: string) {
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  const parsed = JSON.parse(res.body) as { error: { code: string; message: string } };
  expect(ERROR_CODES, context).toContain(parsed.error.code);
  // Messages are for users, who read Chinese.
  expect(parsed.error.message, context).toMatch(/[\u4e00-\u9fa5]/);
}

describe('bad input', () => {
  it('should answer every malformed id on every endpoint with a 4xx and a code', async () => {
    const withId = Object.values(endpoints).filter((endpoint) => endpoint.path.includes(':id'));
    expect(withId.length).toBeGreaterThan(0);
    for (const endpoint of withId) {
      for (const id of MALFORMED_IDS) {
        const path = endpoint.path.replace(':id', id);
        expectClientError(await send(endpoint.method.toUpperCase(), path), `${endpoint.method} ${path}`);
      }
    }
  });

  it('should answer every malformed list query with a 4xx and a code', async () => {
    for (const query of LIST_QUERIES) {
      const res = await send('GET', `/api/products?${query}`);
      expectClientError(res, query);
      if (res.status === 400) expect(JSON.parse(res.body).error.code, query).toBe('VALIDATION_FAILED');
    }
  });

  it('should never answer 5xx to odd values in any query field of any endpoint', async () => {
    const oddValues = ['', '%20', '%00', '-1', '0', '1e400', 'NaN', 'Infinity', 'null', 'true', '%5B%5D', '%7B%7D', "'%20or%201=1--", '%E9', encodeURIComponent('鲤'.repeat(60))];
    for (const endpoint of Object.values(endpoints)) {
      const shape = (endpoint.query as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      const keys = [...Object.keys(shape), 'unknownField'];
      const path = endpoint.path.replace(':id', '1');
      for (const key of keys) {
        for (const value of oddValues) {
          const res = await send(endpoint.method.toUpperCase(), `${path}?${key}=${value}`);
          expect(res.status, `${endpoint.method} ${path}?${key}=${value}`).toBeLessThan(500);
          if (res.status >= 400) expectClientError(res, `${path}?${key}=${value}`);
        }
      }
    }
  });

  it('should refuse oversized URLs, with our error body even before Koa sees them', async () => {
    const long = await send('GET', `/api/products?q=${'a'.repeat(10_000)}`);
    expectClientError(long, '10 KB query');
    expect(long.status).toBe(414);
    const huge = await send('GET', `/api/products?q=${'a'.repeat(1024 * 1024)}`);
    expectClientError(huge, '1 MB query');
    expect(huge.status).toBe(431);
  });

  it('should refuse bodies that are not JSON, too big, or sent where nothing is accepted', async () => {
    const json = { 'Content-Type': 'application/json' };
    const invalid = await send('POST', '/api/products', { body: '{"title": ', headers: json });
    expectClientError(invalid, 'invalid JSON');
    expect(JSON.parse(invalid.body).error.code).toBe('INVALID_JSON');
    const text = await send('POST', '/api/products', { body: 'hello', headers: { 'Content-Type': 'text/plain' } });
    expect(JSON.parse(text.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await send('POST', '/api/products', { body: `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`, headers: json });
    expectClientError(big, '2 MB body');
    expect(big.status).toBe(413);
    const wrongMethod = await send('POST', '/api/products', { body: '{}', headers: json });
    expect(JSON.parse(wrongMethod.body).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('should answer unknown routes and methods with a code, never a 5xx', async () => {
    const cases: [string, string][] = [
      ['GET', '/api/nope'],
      ['GET', '/api/products/1/nope'],
      ['DELETE', '/api/products'],
      ['PUT', '/api/categories'],
      ['PATCH', '/api/health'],
      ['PROPFIND', '/api/products'],
      ['GET', '/media/seed/../../../package.json'],
      ['GET', '/media/seed/%2e%2e%2f%2e%2e%2fpackage.json'],
      ['GET', '/media/seed/nothing-here.svg'],
    ];
    for (const [method, path] of cases) expectClientError(await send(method, path), `${method} ${path}`);
    const wrongMethod = await send('DELETE', '/api/products/1');
    expect(wrongMethod.status).toBe(405);
    expect(JSON.parse(wrongMethod.body).error.code).toBe('METHOD_NOT_ALLOWED');
    const unknownRoute = await send('GET', '/api/nope');
    expect(JSON.parse(unknownRoute.body).error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('should change nothing in the database while refusing all of that', async () => {
    const before = await snapshot();
    for (const query of LIST_QUERIES) await send('GET', `/api/products?${query}`);
    for (const id of MALFORMED_IDS) await send('GET', `/api/products/${id}`);
    await send('POST', '/api/products', { body: '{"priceFen": 1}', headers: { 'Content-Type': 'application/json' } });
    await send('DELETE', '/api/products/1');
    expect(await snapshot()).toBe(before);
  });
});
