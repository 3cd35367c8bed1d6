import type { Address, AddressList, DemoPersona, LoginResponse, MeResponse, MyDataExport } from '@qiaodu/shared';
import { schema } from '@qiaodu/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { authed, loginAs } from '../support/auth';
import { manualClock } from '../support/clock';
import { getJson } from '../support/test-app';

const DAY_MS = 24 * 3_600_000;
const clock = manualClock(new Date('2026-11-29T02:00:00Z'));
const fixture = useSeededApp({ overrides: { clock: clock.now } });
const url = (path: string) => `${fixture.app.baseUrl}${path}`;

const me = (token: string) => getJson<MeResponse>(url('/api/me'), authed(token));

function send<T = unknown>(method: string, path: string, token: string, body?: unknown) {
  return getJson<T>(url(path), { method, ...authed(token, body) });
}

const ADDRESS = { name: '陈晓琳', phone: '13912345678', areaCode: '440705', detail: '会城街道中心路 1 号' };

describe('demo login', () => {
  it('should list a customer, a student of every team, a lead, a teacher, a mentor and an admin', async () => {
    const res = await getJson<DemoPersona[]>(url('/api/auth/demo-personas'));
    expect(res.status).toBe(200);
    const byKey = new Map(res.body.map((p) => [p.persona, p]));
    expect(byKey.get('customer')?.role).toBe('customer');
    expect(byKey.get('admin')?.role).toBe('admin');
    expect(byKey.get('mentor')?.role).toBe('mentor');
    expect(byKey.get('teacher')?.role).toBe('teacher');
    expect(byKey.get('lead-tiantian')?.title).toContain('组长');
    for (const team of ['天天市集运营一组', '非遗文创组', '直播带货组', '粤菜美食组']) {
      expect(res.body.some((p) => p.role === 'student' && p.title.includes(team))).toBe(true);
    }
  });

  it('should log in as a persona and answer who that is', async () => {
    const res = await getJson<LoginResponse>(url('/api/auth/demo-login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'customer' }),
    });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^qds_[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).toMatchObject({ displayName: '陈晓琳', roles: ['customer'] });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('should refuse an unknown persona with 404 and a malformed one with 400', async () => {
    const unknown = await getJson(url('/api/auth/demo-login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'nobody' }),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'PERSONA_NOT_FOUND' } });
    const malformed = await getJson(url('/api/auth/demo-login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: "admin' or '1'='1" }),
    });
    expect(malformed.status).toBe(400);
  });
});

describe('GET /api/me', () => {
  it('should show a customer no console', async () => {
    const res = await me(await loginAs(fixture.app.baseUrl, 'customer'));
    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual(['customer']);
    expect(res.body.teams).toEqual([]);
    expect(res.body.console.sections).toEqual([]);
    expect(res.body.session.channel).toBe('demo');
  });

  it('should show a student their team, post and the student console', async () => {
    const res = await me(await loginAs(fixture.app.baseUrl, 'lead-tiantian'));
    expect(res.body.teams).toEqual([
      expect.objectContaining({ name: '天天市集运营一组', relation: 'member', post: 'store_ops', isLead: true }),
    ]);
    expect(res.body.console.sections).toEqual(['team', 'products', 'stock', 'orders', 'shifts']);
  });

  it('should show a teacher the supervised teams, a mentor their partner and an admin everything to manage', async () => {
    const teacher = await me(await loginAs(fixture.app.baseUrl, 'teacher'));
    expect(teacher.body.teams.map((t) => [t.name, t.relation])).toEqual([
      ['天天市集运营一组', 'supervisor'],
      ['非遗文创组', 'supervisor'],
    ]);
    expect(teacher.body.console.sections).toEqual(['teams', 'approvals', 'grading', 'payments']);
    const mentor = await me(await loginAs(fixture.app.baseUrl, 'mentor'));
    expect(mentor.body.partner?.name).toContain('鲤鱼');
    expect(mentor.body.teams.every((t) => t.relation === 'partner')).toBe(true);
    expect(mentor.body.teams.length).toBeGreaterThan(0);
    const admin = await me(await loginAs(fixture.app.baseUrl, 'admin'));
    expect(admin.body.console.sections).toEqual(['teams', 'approvals', 'grading', 'partners', 'people', 'payments']);
  });

  it('should refuse missing, malformed and tampered tokens with 401', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'customer');
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const authorization of [undefined, 'Bearer', `Basic ${token}`, `Bearer ${tampered}`, 'Bearer qds_short', `Bearer ${token}x`]) {
      const res = await getJson(url('/api/me'), { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
    }
  });

  it('should rename the user, refusing emoji, control characters, symbols and oversized names', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'customer-2');
    for (const displayName of ['小明😀', 'a\u0000b', "x'; drop table users; --", '名'.repeat(21), '  ', '<script>']) {
      const res = await send('PATCH', '/api/me', token, { displayName });
      expect(res.status, displayName).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
    expect((await me(token)).body.user.displayName).toBe('黄志明');
    const renamed = await send<MeResponse>('PATCH', '/api/me', token, { displayName: ' 黄 志明 ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.user.displayName).toBe('黄 志明');
  });
});

describe('sessions', () => {
  it('should end a session at logout and keep other sessions of the same user', async () => {
    const first = await loginAs(fixture.app.baseUrl, 'student-feiyi');
    const second = await loginAs(fixture.app.baseUrl, 'student-feiyi');
    expect((await send('POST', '/api/auth/logout', first)).status).toBe(200);
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(200);
  });

  it('should slide the expiry forward with use and expire an idle session', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'student-zhibo');
    const before = (await me(token)).body.session.expiresAt;
    clock.advance(20 * DAY_MS);
    const renewed = await me(token);
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.session.expiresAt)).toBeGreaterThan(Date.parse(before));
    clock.advance(20 * DAY_MS);
    expect((await me(token)).status).toBe(200);
    clock.advance(31 * DAY_MS);
    expect((await me(token)).status).toBe(401);
  });
});

describe('web-view tickets', () => {
  async function ticketFor(persona: string): Promise<string> {
    const token = await loginAs(fixture.app.baseUrl, persona);
    const res = await send<{ ticket: string; expiresAt: string }>('POST', '/api/auth/tickets', token);
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(60_000);
    return res.body.ticket;
  }
  const exchange = (ticket: unknown) =>
    getJson<LoginResponse>(url('/api/auth/tickets/exchange'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket }),
    });

  it('should exchange a ticket once for a session of the same user', async () => {
    const ticket = await ticketFor('customer');
    const first = await exchange(ticket);
    expect(first.status).toBe(200);
    const session = await me(first.body.token);
    expect(session.body.user.displayName).toBe('陈晓琳');
    expect(session.body.session.channel).toBe('web_view_ticket');
    const again = await exchange(ticket);
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ error: { code: 'LOGIN_TICKET_INVALID' } });
  });

  it('should end the web-view session with the session that issued its ticket', async () => {
    const parent = await loginAs(fixture.app.baseUrl, 'customer');
    const ticket = (await send<{ ticket: string }>('POST', '/api/auth/tickets', parent)).body.ticket;
    const child = (await exchange(ticket)).body.token;
    // A web-view session cannot pass itself on: no chain of tickets outlives the real login.
    const refused = await send('POST', '/api/auth/tickets', child);
    expect(refused.status).toBe(403);
    expect((await send('POST', '/api/auth/logout', parent)).status).toBe(200);
    expect((await me(child)).status).toBe(401);
  });

  it('should not let a ticket carry a session past its 90-day end', async () => {
    const parent = await loginAs(fixture.app.baseUrl, 'student-yuecai');
    // Used every 20 days, the login stays alive up to its 90-day end.
    for (let period = 0; period < 4; period++) {
      clock.advance(20 * DAY_MS);
      expect((await me(parent)).status).toBe(200);
    }
    // Day 80 of the login: the web-view session may live 10 more days, not 30.
    const ticket = (await send<{ ticket: string }>('POST', '/api/auth/tickets', parent)).body.ticket;
    const child = (await exchange(ticket)).body.token;
    const session = (await me(child)).body.session;
    expect(Date.parse(session.expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(10 * DAY_MS + 60_000);
    clock.advance(11 * DAY_MS);
    expect((await me(child)).status).toBe(401);
    expect((await me(parent)).status).toBe(401);
  });

  it('should refuse a ticket whose issuing session has ended', async () => {
    const parent = await loginAs(fixture.app.baseUrl, 'customer');
    const ticket = (await send<{ ticket: string }>('POST', '/api/auth/tickets', parent)).body.ticket;
    await send('POST', '/api/auth/logout', parent);
    expect((await exchange(ticket)).status).toBe(401);
  });

  it('should refuse a ticket after 60 seconds', async () => {
    const ticket = await ticketFor('customer');
    clock.advance(61_000);
    expect((await exchange(ticket)).status).toBe(401);
  });

  it('should refuse malformed tickets as bad input and need a session to issue one', async () => {
    for (const ticket of ['', 'short', "qdt_' or 1=1 --", 42, null, 'x'.repeat(500)]) {
      expect((await exchange(ticket)).status, String(ticket)).toBe(400);
    }
    expect((await getJson(url('/api/auth/tickets'), { method: 'POST' })).status).toBe(401);
  });
});

describe('address book', () => {
  it('should add an address with region names from the code and list the default first', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'customer');
    const created = await send<Address>('POST', '/api/me/addresses', token, { ...ADDRESS, isDefault: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ province: '广东省', city: '江门市', county: '新会区', isDefault: true });
    const list = await send<AddressList>('GET', '/api/me/addresses', token);
    expect(list.body.max).toBe(20);
    expect(list.body.items[0]?.id).toBe(created.body.id);
    expect(list.body.items.filter((a) => a.isDefault)).toHaveLength(1);
  });

  it('should answer 404 for another customer’s address, for reading, changing and deleting', async () => {
    const owner = await loginAs(fixture.app.baseUrl, 'customer');
    const other = await loginAs(fixture.app.baseUrl, 'customer-2');
    const [address] = (await send<AddressList>('GET', '/api/me/addresses', owner)).body.items;
    const id = address!.id;
    for (const [method, path, body] of [
      ['GET', `/api/me/addresses/${id}`, undefined],
      ['PUT', `/api/me/addresses/${id}`, ADDRESS],
      ['DELETE', `/api/me/addresses/${id}`, undefined],
      ['POST', `/api/me/addresses/${id}/default`, undefined],
    ] as const) {
      const res = await send(method, path, other, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toMatchObject({ error: { code: 'ADDRESS_NOT_FOUND' } });
    }
    expect((await send<Address>('GET', `/api/me/addresses/${id}`, owner)).body).toEqual(address);
  });

  it('should move the default and keep exactly one', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'customer');
    const items = (await send<AddressList>('GET', '/api/me/addresses', token)).body.items;
    const last = items[items.length - 1]!;
    expect((await send<Address>('POST', `/api/me/addresses/${last.id}/default`, token)).body.isDefault).toBe(true);
    const after = (await send<AddressList>('GET', '/api/me/addresses', token)).body.items;
    expect(after[0]?.id).toBe(last.id);
    expect(after.filter((a) => a.isDefault)).toHaveLength(1);
  });

  it('should keep exactly one default when the default is turned off or deleted', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'teacher');
    const list = async () => (await send<AddressList>('GET', '/api/me/addresses', token)).body.items;
    const first = (await send<Address>('POST', '/api/me/addresses', token, { ...ADDRESS, detail: '第一个地址 1 号' })).body;
    const second = (await send<Address>('POST', '/api/me/addresses', token, { ...ADDRESS, detail: '第二个地址 2 号' })).body;
    expect(first.isDefault).toBe(true);
    await send('PUT', `/api/me/addresses/${first.id}`, token, { ...ADDRESS, detail: '第一个地址 1 号', isDefault: false });
    expect((await list()).filter((a) => a.isDefault).map((a) => a.id)).toEqual([second.id]);
    await send('DELETE', `/api/me/addresses/${second.id}`, token);
    expect((await list()).map((a) => [a.id, a.isDefault])).toEqual([[first.id, true]]);
    const only = await send<Address>('PUT', `/api/me/addresses/${first.id}`, token, { ...ADDRESS, detail: '第一个地址 1 号', isDefault: false });
    expect(only.body.isDefault).toBe(true);
  });

  it('should refuse bad addresses with field errors and store nothing', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'customer-2');
    const count = async () => (await send<AddressList>('GET', '/api/me/addresses', token)).body.items.length;
    const before = await count();
    const bad = [
      { ...ADDRESS, phone: '1391234567' },
      { ...ADDRESS, phone: '23912345678' },
      { ...ADDRESS, phone: '+8613912345678' },
      { ...ADDRESS, areaCode: '440700' },
      { ...ADDRESS, areaCode: '999999' },
      { ...ADDRESS, name: '🐟鲤鱼' },
      { ...ADDRESS, detail: '中心路\u0007 1 号' },
      // Half a surrogate pair was a 500 on PGlite, with the address in the error log.
      { ...ADDRESS, detail: '秘密路\udc00 77 号' },
      { ...ADDRESS, detail: '好'.repeat(81) },
      { ...ADDRESS, province: '北京市' },
      { ...ADDRESS, name: undefined },
    ];
    for (const body of bad) {
      const res = await send<{ error: { code: string; details: { path: string }[] } }>('POST', '/api/me/addresses', token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details[0]?.path).toMatch(/^body/);
    }
    expect(await count()).toBe(before);
  });

  it('should keep SQL-looking text as plain text', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'customer-2');
    const detail = "1 号'); delete from addresses; --";
    const res = await send<Address>('POST', '/api/me/addresses', token, { ...ADDRESS, detail });
    expect(res.status).toBe(201);
    expect(res.body.detail).toBe(detail);
    expect((await send<AddressList>('GET', '/api/me/addresses', await loginAs(fixture.app.baseUrl, 'customer'))).body.items.length).toBeGreaterThan(0);
  });

  it('should hold at most 20 addresses, even when added all at once', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'student-yuecai');
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => send('POST', '/api/me/addresses', token, { ...ADDRESS, detail: `中心路 ${i + 1} 号` })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409)).toBe(true);
    expect(refused[0]?.body).toMatchObject({ error: { code: 'ADDRESS_LIMIT_REACHED' } });
    const list = (await send<AddressList>('GET', '/api/me/addresses', token)).body.items;
    expect(list).toHaveLength(20);
    expect(list.filter((a) => a.isDefault)).toHaveLength(1);
  });
});

describe('my data', () => {
  it('should export the user’s own data as a JSON download without secrets', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'customer');
    const res = await getJson<MyDataExport>(url('/api/me/export'), authed(token));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(res.body.user.displayName).toBe('陈晓琳');
    expect(res.body.user.lastLoginAt).not.toBeNull();
    expect(res.body.addresses.length).toBeGreaterThan(0);
    expect(res.body.sessions.length).toBeGreaterThan(0);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/token|session_key|sessionKey|qds_/i);
  });

  it('should include a staff member’s own phone in their export', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'student-tiantian');
    expect((await getJson<MyDataExport>(url('/api/me/export'), authed(token))).body.user.phone).toBe('13702220101');
  });

  it('should refuse deletion of a staff account and without the confirmation word', async () => {
    const student = await loginAs(fixture.app.baseUrl, 'student-tiantian');
    const refused = await send('DELETE', '/api/me', student, { confirm: '注销' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'ACCOUNT_HAS_STAFF_ROLES' } });
    const customer = await loginAs(fixture.app.baseUrl, 'customer-2');
    expect((await send('DELETE', '/api/me', customer, { confirm: 'yes' })).status).toBe(400);
    expect((await send('DELETE', '/api/me', customer)).status).toBe(400);
    expect((await me(customer)).status).toBe(200);
  });

  it('should erase a deleted customer’s personal data, end their sessions and keep an anonymous row', async () => {
    const token = await loginAs(fixture.app.baseUrl, 'customer-2');
    const userId = (await me(token)).body.user.id;
    expect((await send('DELETE', '/api/me', token, { confirm: '注销' })).status).toBe(200);
    expect((await me(token)).status).toBe(401);
    const { db } = fixture.testDb.database;
    const [row] = await db.select().from(schema.users).where(eq(schema.users.id, userId));
    expect(row).toMatchObject({ displayName: '已注销用户', phone: null, status: 'deleted', persona: null });
    expect(await db.select().from(schema.addresses).where(eq(schema.addresses.userId, userId))).toEqual([]);
    expect(await db.select().from(schema.wechatIdentities).where(eq(schema.wechatIdentities.userId, userId))).toEqual([]);
    const personas = await getJson<DemoPersona[]>(url('/api/auth/demo-personas'));
    expect(personas.body.some((p) => p.persona === 'customer-2')).toBe(false);
  });
});
