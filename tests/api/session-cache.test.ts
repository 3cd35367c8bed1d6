import { schema } from '@qiaodu/db';
import type { ErrorBody, MeResponse, Role } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { authed, loginAs } from '../support/auth';
import { manualClock } from '../support/clock';
import { getJson } from '../support/test-app';

/**
 * Logged-in requests are answered from an in-process cache of who each token belongs to.
 * Whatever ends a session or changes what its user may do must be seen by the very next
 * request, however recently the token was used (and so cached).
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const clock = manualClock(new Date('2026-11-29T02:00:00Z'));
const fixture = useSeededApp({ overrides: { clock: clock.now } });
const db = () => fixture.testDb.database.db;
const url = (path: string) => `${fixture.app.baseUrl}${path}`;

type Answer<T> = T & Partial<ErrorBody>;
const call = <T = unknown>(token: string, method: string, path: string, body?: unknown) =>
  getJson<Answer<T>>(url(path), { method, ...authed(token, body) });
const me = (token: string) => call<MeResponse>(token, 'GET', '/api/me');

let personSeq = 0;
/** A person of this file's own, so ending their sessions hurts no other test. */
async function newPerson(roles: Role[]): Promise<{ id: number; token: string }> {
  personSeq += 1;
  const persona = `session-cache-${personSeq}`;
  const [row] = await db()
    .insert(schema.users)
    .values({ persona, displayName: `缓存测试${personSeq}`, roles })
    .returning({ id: schema.users.id });
  return { id: row!.id, token: await loginAs(fixture.app.baseUrl, persona) };
}

async function teamId(slug: string): Promise<number> {
  const [row] = await db().select({ id: schema.teams.id }).from(schema.teams).where(eq(schema.teams.slug, slug));
  return row!.id;
}

/** Asks until the answer is as expected or two seconds passed; a change made outside the app arrives by NOTIFY. */
async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 2_000;
  let value = await ask();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await ask();
  }
  return value;
}

describe('session cache', () => {
  it('should refuse a token right after its logout, though it was just used', async () => {
    const { token } = await newPerson(['customer']);
    expect((await me(token)).status).toBe(200);
    expect((await me(token)).status).toBe(200);
    expect((await call(token, 'POST', '/api/auth/logout')).status).toBe(200);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body.error?.code).toBe('UNAUTHENTICATED');
  });

  it('should accept a fresh login at once after the same token was refused', async () => {
    const person = await newPerson(['customer']);
    const bogus = `${person.token.slice(0, -4)}AAAA`;
    expect((await me(bogus)).status).toBe(401);
    expect((await me(person.token)).status).toBe(200);
  });

  it('should refuse a disabled user at once', async () => {
    const person = await newPerson(['customer']);
    const admin = await loginAs(fixture.app.baseUrl, 'admin');
    expect((await me(person.token)).status).toBe(200);
    const disabled = await call(admin, 'PATCH', `/api/console/people/${person.id}`, { status: 'disabled' });
    expect(disabled.status).toBe(200);
    expect((await me(person.token)).status).toBe(401);
  });

  it('should end the old session on a role change and give a new login the new role', async () => {
    const person = await newPerson(['customer']);
    const admin = await loginAs(fixture.app.baseUrl, 'admin');
    const tiantian = await teamId('tiantian-yunying-1');
    expect((await call(person.token, 'GET', `/api/console/teams/${tiantian}`)).status).toBe(403);
    const promoted = await call(admin, 'PATCH', `/api/console/people/${person.id}`, { roles: ['customer', 'student'] });
    expect(promoted.status).toBe(200);
    expect((await me(person.token)).status).toBe(401);
    const fresh = await loginAs(fixture.app.baseUrl, `session-cache-${personSeq}`);
    expect((await me(fresh)).body.user.roles).toEqual(['customer', 'student']);
  });

  it('should see a team membership given and taken by an admin on the next request', async () => {
    const person = await newPerson(['customer', 'student']);
    const admin = await loginAs(fixture.app.baseUrl, 'admin');
    const tiantian = await teamId('tiantian-yunying-1');
    const team = `/api/console/teams/${tiantian}`;
    expect((await me(person.token)).body.teams).toEqual([]);
    // Someone else's team is not found rather than forbidden.
    expect((await call(person.token, 'GET', team)).status).toBe(404);

    expect((await call(admin, 'PUT', `${team}/members/${person.id}`, { post: 'video' })).status).toBe(200);
    expect((await me(person.token)).body.teams.map((t) => [t.id, t.post])).toEqual([[tiantian, 'video']]);
    expect((await call(person.token, 'GET', team)).status).toBe(200);

    expect((await call(admin, 'PUT', `${team}/members/${person.id}`, { post: 'copywriting' })).status).toBe(200);
    expect((await me(person.token)).body.teams.map((t) => t.post)).toEqual(['copywriting']);

    expect((await call(admin, 'DELETE', `${team}/members/${person.id}`)).status).toBe(200);
    expect((await me(person.token)).body.teams).toEqual([]);
    expect((await call(person.token, 'GET', team)).status).toBe(404);
  });

  it('should see a change written straight to the database (another process, psql) soon', async () => {
    const person = await newPerson(['customer', 'student']);
    const tiantian = await teamId('tiantian-yunying-1');
    expect((await me(person.token)).body.teams).toEqual([]);
    await db().insert(schema.teamMembers).values({ teamId: tiantian, userId: person.id, post: 'warehouse' });
    const teams = await eventually(() => me(person.token), (res) => res.body.teams.length === 1);
    expect(teams.body.teams.map((t) => t.post)).toEqual(['warehouse']);

    await db().update(schema.sessions).set({ revokedAt: clock.now() }).where(eq(schema.sessions.userId, person.id));
    expect((await eventually(() => me(person.token), (res) => res.status === 401)).status).toBe(401);
  });

  it('should notify on a logout, but not on a login, a rename or the hourly renewal', async () => {
    const heard: string[] = [];
    const unlisten = await fixture.testDb.database.listen('session_changed', { onNotify: (table) => heard.push(table) });
    try {
      const person = await newPerson(['customer']);
      await me(person.token);
      const renamed = await call<MeResponse>(person.token, 'PATCH', '/api/me', { displayName: '改过的名字' });
      expect(renamed.status).toBe(200);
      clock.advance(2 * HOUR_MS);
      const renewed = await me(person.token);
      expect(renewed.body.user.displayName).toBe('改过的名字');
      expect(Date.parse(renewed.body.session.expiresAt)).toBe(clock.now().getTime() + 30 * DAY_MS);
      // Notifications travel over another connection on PostgreSQL: give one time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toEqual([]);

      expect((await call(person.token, 'POST', '/api/auth/logout')).status).toBe(200);
      expect(await eventually(async () => heard, (tables) => tables.length > 0)).toEqual(['sessions']);
    } finally {
      await unlisten();
    }
  });

  it('should expire a cached session when the clock passes its expiry, and slide it with use', async () => {
    const { token } = await newPerson(['customer']);
    const first = await me(token);
    expect(first.status).toBe(200);
    // Past the hourly renewal: the cached answer must not hide it.
    clock.advance(2 * HOUR_MS);
    const renewed = await me(token);
    expect(Date.parse(renewed.body.session.expiresAt)).toBe(clock.now().getTime() + 30 * DAY_MS);
    // Used again within the hour (a cache hit): the same expiry, nothing rewritten.
    clock.advance(10 * 60_000);
    expect((await me(token)).body.session.expiresAt).toBe(renewed.body.session.expiresAt);
    const [row] = await db()
      .select({ lastSeenAt: schema.sessions.lastSeenAt })
      .from(schema.sessions)
      .where(eq(schema.sessions.userId, renewed.body.user.id));
    expect(row!.lastSeenAt.getTime()).toBe(Date.parse(renewed.body.session.expiresAt) - 30 * DAY_MS);

    clock.advance(31 * DAY_MS);
    expect((await me(token)).status).toBe(401);
  });
});
