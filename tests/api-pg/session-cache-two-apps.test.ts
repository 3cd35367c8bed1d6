import { schema } from '@qiaodu/db';
import type { ErrorBody, MeResponse } from '@qiaodu/shared';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { useSecondApp, useSeededApp } from '../support/app-fixture';
import { authed, loginAs } from '../support/auth';
import { getJson } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-database';

/**
 * PostgreSQL only: two API instances on one database, each with its own connection pool and
 * its own session cache, as two server processes behind a load balancer. A logout or a team
 * change made through one must reach the other's cache by NOTIFY, without waiting for an entry
 * to age out.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const second = useSecondApp(fixture);

type Answer<T> = T & Partial<ErrorBody>;
const call = <T = unknown>(baseUrl: string, token: string, method: string, path: string, body?: unknown) =>
  getJson<Answer<T>>(`${baseUrl}${path}`, { method, ...authed(token, body) });

/** Asks until the answer is as expected or two seconds passed. */
async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 2_000;
  let value = await ask();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await ask();
  }
  return value;
}

let personSeq = 0;
async function newStudent(): Promise<{ id: number; token: string }> {
  personSeq += 1;
  const persona = `session-two-apps-${personSeq}`;
  const [row] = await db()
    .insert(schema.users)
    .values({ persona, displayName: `双实例${personSeq}`, roles: ['customer', 'student'] })
    .returning({ id: schema.users.id });
  return { id: row!.id, token: await loginAs(fixture.app.baseUrl, persona) };
}

describe('session cache across two API instances on PostgreSQL', () => {
  it('should refuse on instance B a token logged out through instance A', async () => {
    const { token } = await newStudent();
    // Both instances have it cached.
    for (const app of [fixture.app, second(), fixture.app, second()]) expect((await call(app.baseUrl, token, 'GET', '/api/me')).status).toBe(200);

    expect((await call(fixture.app.baseUrl, token, 'POST', '/api/auth/logout')).status).toBe(200);
    expect((await call(fixture.app.baseUrl, token, 'GET', '/api/me')).status).toBe(401);
    const onB = await eventually(() => call(second().baseUrl, token, 'GET', '/api/me'), (res) => res.status === 401);
    expect(onB.status).toBe(401);
  });

  it('should show on instance B a team membership given and taken through instance A', async () => {
    const student = await newStudent();
    const admin = await loginAs(fixture.app.baseUrl, 'admin');
    const [team] = await db().select({ id: schema.teams.id }).from(schema.teams).where(eq(schema.teams.slug, 'tiantian-yunying-1'));
    const members = `/api/console/teams/${team!.id}/members/${student.id}`;
    const teamsOnB = () => call<MeResponse>(second().baseUrl, student.token, 'GET', '/api/me');
    expect((await teamsOnB()).body.teams).toEqual([]);
    expect((await teamsOnB()).body.teams).toEqual([]);

    expect((await call(fixture.app.baseUrl, admin, 'PUT', members, { post: 'live_ops' })).status).toBe(200);
    const given = await eventually(teamsOnB, (res) => res.body.teams.length === 1);
    expect(given.body.teams.map((t) => [t.id, t.post])).toEqual([[team!.id, 'live_ops']]);
    // What the policy allows follows: the team's console page opens on B.
    expect((await call(second().baseUrl, student.token, 'GET', `/api/console/teams/${team!.id}`)).status).toBe(200);

    expect((await call(fixture.app.baseUrl, admin, 'DELETE', members)).status).toBe(200);
    const taken = await eventually(teamsOnB, (res) => res.body.teams.length === 0);
    expect(taken.body.teams).toEqual([]);
    expect((await call(second().baseUrl, student.token, 'GET', `/api/console/teams/${team!.id}`)).status).toBe(404);
  });

  it('should refuse on instance B a user disabled through instance A', async () => {
    const student = await newStudent();
    const admin = await loginAs(fixture.app.baseUrl, 'admin');
    expect((await call(second().baseUrl, student.token, 'GET', '/api/me')).status).toBe(200);
    expect((await call(fixture.app.baseUrl, admin, 'PATCH', `/api/console/people/${student.id}`, { status: 'disabled' })).status).toBe(200);
    const onB = await eventually(() => call(second().baseUrl, student.token, 'GET', '/api/me'), (res) => res.status === 401);
    expect(onB.status).toBe(401);
  });
});

/** The LISTEN connection of the session caches (the catalog has one of its own). */
async function sessionListeners(action: 'count' | 'kill'): Promise<number> {
  const rows = await db().execute(
    action === 'kill'
      ? sql`select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'qiaodu-mall-listen' and datname = current_database() and query like '%session_changed%'`
      : sql`select 1 from pg_stat_activity
          where application_name = 'qiaodu-mall-listen' and datname = current_database() and query like '%session_changed%'`,
  );
  return (rows as unknown as unknown[]).length;
}

describe('session cache when its change feed is lost', () => {
  it('should look every token up while it cannot listen, and hear changes again once it listens', async () => {
    const student = await newStudent();
    const me = () => call<MeResponse>(fixture.app.baseUrl, student.token, 'GET', '/api/me');
    expect((await me()).status).toBe(200);
    // A pool opened before the database stops taking new connections, as another process.
    const other = await fixture.testDb.openAnother();
    await other.ping();
    const name = ((await db().execute(sql`select current_database() as name`)) as unknown as { name: string }[])[0]!.name;
    const admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      // As in a failover: both instances' listeners die and cannot come back for a while.
      await admin.unsafe(`alter database "${name}" allow_connections false`);
      expect(await sessionListeners('kill')).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Revoked while nobody listens: no notification will ever say so.
      await other.db.update(schema.sessions).set({ revokedAt: new Date() }).where(eq(schema.sessions.userId, student.id));
      expect((await me()).status).toBe(401);
    } finally {
      await admin.unsafe(`alter database "${name}" allow_connections true`);
      await admin.end();
    }

    // The feeds come back by themselves, and carry the next change again.
    const back = Date.now() + 10_000;
    while (Date.now() < back && (await sessionListeners('count')) < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await sessionListeners('count')).toBe(2);
    const again = await newStudent();
    const onB = () => call(second().baseUrl, again.token, 'GET', '/api/me');
    expect((await onB()).status).toBe(200);
    await other.db.update(schema.sessions).set({ revokedAt: new Date() }).where(eq(schema.sessions.userId, again.id));
    expect((await eventually(onB, (res) => res.status === 401)).status).toBe(401);
    await other.close();
  });
});
