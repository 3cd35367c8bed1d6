import { schema } from '@qiaodu/db';
import { ERROR_CODES, endpoints, type Endpoint } from '@qiaodu/shared';
import { asc, count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { loginAs } from '../support/auth';
import { getJson } from '../support/test-app';

/**
 * The logged-in side of "no input may produce a 500": every body field and path parameter of
 * every endpoint, sent by callers the policy lets through (the admin reaches every console
 * endpoint; a customer their own account), with values no form would send.
 */
const fixture = useSeededApp();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  tokens.admin = await loginAs(fixture.app.baseUrl, 'admin');
  tokens.customer = await loginAs(fixture.app.baseUrl, 'customer');
});

const ODD_VALUES: unknown[] = [
  null,
  42,
  -1,
  2 ** 53,
  1.5,
  true,
  '',
  ' ',
  'x'.repeat(10_000),
  '\u0000',
  'a\u0007b',
  'a\udc00b',
  '😀🐟',
  "' or 1=1 --",
  "Robert'); drop table users; --",
  '<script>alert(1)</script>',
  { nested: { deeper: [1, 2, 3] } },
  [1, 'two'],
];
const ODD_BODIES: unknown[] = [null, [], 'text', 0, { unknownField: 1 }];
const ODD_IDS = ['abc', '0', '-1', '1.5', '99999999999', "1'--", '%00'];

/** Key data of the tables these endpoints write, without timestamps a no-op update may touch. */
async function snapshot(): Promise<string> {
  const db = fixture.testDb.database.db;
  const tables = [schema.users, schema.teams, schema.partners, schema.teamMembers, schema.teamSupervisors, schema.addresses, schema.teamPartners];
  const counts = await Promise.all(tables.map(async (table) => (await db.select({ n: count() }).from(table))[0]!.n));
  const users = await db
    .select({ id: schema.users.id, name: schema.users.displayName, roles: schema.users.roles, status: schema.users.status })
    .from(schema.users)
    .orderBy(asc(schema.users.id));
  const partners = await db.select({ id: schema.partners.id, name: schema.partners.name }).from(schema.partners).orderBy(asc(schema.partners.id));
  const teams = await db.select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).orderBy(asc(schema.teams.id));
  return JSON.stringify({ counts, users, partners, teams });
}

function tokenFor(endpoint: Endpoint): string {
  return endpoint.tag === 'me' ? tokens.customer! : tokens.admin!;
}

function fill(path: string, id: string): string {
  return path.replace(/:[A-Za-z]+/g, id);
}

async function send(endpoint: Endpoint, path: string, body: unknown) {
  const headers: Record<string, string> = {};
  if (endpoint.access !== 'public') headers.authorization = `Bearer ${tokenFor(endpoint)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return getJson<{ error?: { code: string; message: string } }>(`${fixture.app.baseUrl}${path}`, {
    method: endpoint.method.toUpperCase(),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function expectClientError(res: { status: number; body: { error?: { code: string; message: string } } }, context: string) {
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  expect(ERROR_CODES, context).toContain(res.body.error?.code);
  expect(res.body.error?.message, context).toMatch(/[\u4e00-\u9fa5]/);
}

// Logging out or deleting the account would end the callers' sessions mid-test.
const SKIPPED = new Set(['logout']);

describe('bad input from logged-in callers', () => {
  it('should answer odd values in every body field with a 4xx and change nothing', async () => {
    const before = await snapshot();
    for (const [name, endpoint] of Object.entries(endpoints) as [string, Endpoint][]) {
      if (!endpoint.body || SKIPPED.has(name)) continue;
      const shape = (endpoint.body as { shape?: Record<string, unknown> }).shape ?? {};
      const path = fill(endpoint.path, '1');
      for (const body of ODD_BODIES) {
        expectClientError(await send(endpoint, path, body), `${name} ${JSON.stringify(body)}`);
      }
      for (const key of Object.keys(shape)) {
        for (const value of ODD_VALUES) {
          const res = await send(endpoint, path, { [key]: value });
          const context = `${name} {${key}: ${JSON.stringify(value).slice(0, 40)}}`;
          expect(res.status, context).toBeLessThan(500);
          if (res.status >= 400) expectClientError(res, context);
        }
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('should answer malformed path parameters with a 4xx on every endpoint that has them', async () => {
    const withParams = (Object.entries(endpoints) as [string, Endpoint][]).filter(([, e]) => e.path.includes(':'));
    expect(withParams.length).toBeGreaterThan(5);
    for (const [name, endpoint] of withParams) {
      for (const id of ODD_IDS) {
        const res = await send(endpoint, fill(endpoint.path, id), endpoint.body ? {} : undefined);
        expectClientError(res, `${name} ${id}`);
      }
    }
  });
});
