import { randomBytes } from 'node:crypto';
import { schema } from '@qiaodu/db';
import { ERROR_DEFINITIONS, type DemoPersona, type ErrorCode, type LoginResponse, type MeResponse } from '@qiaodu/shared';
import { count, eq } from 'drizzle-orm';
import type { WeChatConfig } from '@qiaodu/server/wechat/config';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApp, type JsonResponse, type RunningApp, type StartOptions } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startWeChatSimulator, type WeChatPerson, type WeChatSimulator } from '../support/wechat-simulator';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const MINI_PROGRAM = { appId: `wx${hex(8)}`, secret: `mp-secret-${hex(16)}` };
const OFFICIAL_ACCOUNT = { appId: `wx${hex(8)}`, secret: `oa-secret-${hex(16)}` };

const MINI_PROGRAM_LOGIN = '/api/auth/wechat/miniprogram';
const OFFICIAL_ACCOUNT_LOGIN = '/api/auth/wechat/official-account';

interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

let testDb: TestDatabase;
let sim: WeChatSimulator;
/** Configured as in production: a mini-program and a 公众号, both against the simulator. */
let app: RunningApp;
const extraApps: RunningApp[] = [];
/** Every line any app in this file logged, to prove secrets stay out of it. */
const logLines: string[] = [];
/** Codes, openids, unionids and session keys handed out: none may reach a log line. */
const secretsSeen = new Set<string>([MINI_PROGRAM.secret, OFFICIAL_ACCOUNT.secret]);

const capturingLogger = () => pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });

/** Shortened from the 5 s default so the hanging-WeChat test stays quick. */
const WECHAT_TIMEOUT_MS = 400;

function wechatConfig(overrides: Partial<WeChatConfig> = {}): WeChatConfig {
  return { apiBase: sim.url, miniProgram: MINI_PROGRAM, officialAccount: OFFICIAL_ACCOUNT, ...overrides };
}

async function startExtraApp(options: StartOptions['overrides'], database = testDb.database): Promise<RunningApp> {
  const extra = await startApp(database, { overrides: { logger: capturingLogger(), ...options } });
  extraApps.push(extra);
  return extra;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  sim = await startWeChatSimulator({ miniProgram: MINI_PROGRAM, officialAccount: OFFICIAL_ACCOUNT });
  app = await startApp(testDb.database, { overrides: { wechat: wechatConfig(), logger: capturingLogger(), wechatTimeoutMs: WECHAT_TIMEOUT_MS } });
});

afterAll(async () => {
  await Promise.all([app, ...extraApps].map((running) => running?.stop()));
  await sim?.close();
  await testDb?.dispose();
});

/** An openid as WeChat shapes them (28 URL-safe characters) and a session_key known to the test. */
function newPerson(extra: Omit<WeChatPerson, 'openid'> = {}): WeChatPerson {
  const person = { openid: `o${randomBytes(21).toString('base64url')}`, sessionKey: randomBytes(16).toString('base64'), ...extra };
  for (const value of [person.openid, person.unionid, person.sessionKey]) if (value) secretsSeen.add(value);
  return person;
}

function miniProgramCode(person: WeChatPerson): string {
  const code = sim.issueMiniProgramCode(person);
  secretsSeen.add(code);
  return code;
}

function officialAccountCode(person: WeChatPerson): string {
  const code = sim.issueOfficialAccountCode(person);
  secretsSeen.add(code);
  return code;
}

function post<T>(path: string, body: unknown, options: { baseUrl?: string; headers?: Record<string, string> } = {}) {
  return getJson<T>(`${options.baseUrl ?? app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(body),
  });
}

const loginMiniProgram = (code: unknown, baseUrl?: string) => post<LoginResponse & ErrorBody>(MINI_PROGRAM_LOGIN, { code }, { baseUrl });
const loginOfficialAccount = (code: unknown, baseUrl?: string) =>
  post<LoginResponse & ErrorBody>(OFFICIAL_ACCOUNT_LOGIN, { code }, { baseUrl });

async function userCount(): Promise<number> {
  const [row] = await testDb.database.db.select({ n: count() }).from(schema.users);
  return row?.n ?? 0;
}

function identitiesOf(openid: string) {
  return testDb.database.db.select().from(schema.wechatIdentities).where(eq(schema.wechatIdentities.openid, openid));
}

/** Our error body with the code's status; its message is the shared Chinese one (validation names the field instead). */
function expectError(res: JsonResponse<unknown>, status: number, code: ErrorCode): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  if (code !== 'VALIDATION_FAILED') expect((res.body as ErrorBody).error.message).toBe(ERROR_DEFINITIONS[code].message);
}

describe('mini-program login', () => {
  it('should create a customer on the first login and answer a session that works', async () => {
    const before = await userCount();
    const person = newPerson();
    const res = await loginMiniProgram(miniProgramCode(person));

    expect(res.status).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.body.user).toEqual({
      id: expect.any(Number),
      displayName: expect.stringMatching(/^微信用户[0-9A-F]{4}$/),
      avatarUrl: null,
      roles: ['customer'],
    });
    expect(await userCount()).toBe(before + 1);

    const me = await getJson<MeResponse>(`${app.baseUrl}/api/me`, { headers: { authorization: `Bearer ${res.body.token}` } });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: res.body.user.id, roles: ['customer'], status: 'active' });
    expect(me.body.session.channel).toBe('miniprogram');

    const [identity] = await identitiesOf(person.openid);
    expect(identity).toMatchObject({
      userId: res.body.user.id,
      appId: MINI_PROGRAM.appId,
      unionid: null,
      sessionKey: person.sessionKey,
    });
  });

  it('should log the same openid in as the same user and keep the latest session_key', async () => {
    const person = newPerson();
    const first = await loginMiniProgram(miniProgramCode(person));
    const before = await userCount();
    const again = newPerson();
    const second = await loginMiniProgram(miniProgramCode({ ...again, openid: person.openid }));

    expect(second.status).toBe(200);
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(second.body.token).not.toBe(first.body.token);
    expect(await userCount()).toBe(before);
    const identities = await identitiesOf(person.openid);
    expect(identities).toHaveLength(1);
    expect(identities[0]?.sessionKey).toBe(again.sessionKey);
  });

  it('should never answer with the openid, unionid or session_key', async () => {
    const person = newPerson({ unionid: `u${hex(14)}` });
    const code = miniProgramCode(person);
    const res = await fetch(`${app.baseUrl}${MINI_PROGRAM_LOGIN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    for (const secret of [person.openid, person.unionid, person.sessionKey, code, MINI_PROGRAM.secret]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/session_?key|openid|unionid/i);
  });

  it('should send the app secret to WeChat in the documented jscode2session request', async () => {
    const code = miniProgramCode(newPerson());
    const seen = sim.requests.length;
    await loginMiniProgram(code);
    expect(sim.requests.slice(seen)).toEqual([
      {
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: MINI_PROGRAM.appId, secret: MINI_PROGRAM.secret, js_code: code, grant_type: 'authorization_code' },
      },
    ]);
  });
});

describe('official account login', () => {
  it('should create a customer from a snsapi_base code and send the documented request', async () => {
    const person = newPerson();
    const code = officialAccountCode(person);
    const seen = sim.requests.length;
    const res = await loginOfficialAccount(code);

    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual(['customer']);
    expect(sim.requests.slice(seen)).toEqual([
      {
        method: 'GET',
        path: '/sns/oauth2/access_token',
        query: { appid: OFFICIAL_ACCOUNT.appId, secret: OFFICIAL_ACCOUNT.secret, code, grant_type: 'authorization_code' },
      },
    ]);
    const [identity] = await identitiesOf(person.openid);
    expect(identity).toMatchObject({ userId: res.body.user.id, appId: OFFICIAL_ACCOUNT.appId, sessionKey: null });
  });

  it('should refuse the virtual account of a snapshot page without creating anyone', async () => {
    const before = await userCount();
    const person = newPerson({ snapshotUser: true });
    const res = await loginOfficialAccount(officialAccountCode(person));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('WECHAT_USER_BLOCKED');
    expect(res.body.error.message).toContain('使用完整服务');
    expect(await userCount()).toBe(before);
    expect(await identitiesOf(person.openid)).toEqual([]);
  });
});

describe('one person in the mini-program and the 公众号', () => {
  it('should attach a 公众号 openid to the mini-program user with the same unionid', async () => {
    const unionid = `u${hex(14)}`;
    const inMiniProgram = await loginMiniProgram(miniProgramCode(newPerson({ unionid })));
    const before = await userCount();
    const inBrowser = await loginOfficialAccount(officialAccountCode(newPerson({ unionid })));

    expect(inBrowser.status).toBe(200);
    expect(inBrowser.body.user.id).toBe(inMiniProgram.body.user.id);
    expect(await userCount()).toBe(before);
    const identities = await testDb.database.db
      .select({ appId: schema.wechatIdentities.appId })
      .from(schema.wechatIdentities)
      .where(eq(schema.wechatIdentities.userId, inMiniProgram.body.user.id));
    expect(identities.map((row) => row.appId).sort()).toEqual([MINI_PROGRAM.appId, OFFICIAL_ACCOUNT.appId].sort());
  });

  it('should attach a mini-program openid to the 公众号 user with the same unionid', async () => {
    const unionid = `u${hex(14)}`;
    const inBrowser = await loginOfficialAccount(officialAccountCode(newPerson({ unionid })));
    const inMiniProgram = await loginMiniProgram(miniProgramCode(newPerson({ unionid })));
    expect(inMiniProgram.status).toBe(200);
    expect(inMiniProgram.body.user.id).toBe(inBrowser.body.user.id);
  });

  it('should keep different people apart', async () => {
    const one = await loginMiniProgram(miniProgramCode(newPerson({ unionid: `u${hex(14)}` })));
    const other = await loginOfficialAccount(officialAccountCode(newPerson({ unionid: `u${hex(14)}` })));
    expect(other.body.user.id).not.toBe(one.body.user.id);
  });
});

describe('codes WeChat refuses', () => {
  it('should answer WECHAT_CODE_INVALID when a code is used twice', async () => {
    const code = miniProgramCode(newPerson());
    expect((await loginMiniProgram(code)).status).toBe(200);
    expectError(await loginMiniProgram(code), 400, 'WECHAT_CODE_INVALID');
  });

  it('should answer WECHAT_CODE_INVALID for a code WeChat never issued', async () => {
    const code = randomBytes(24).toString('base64url');
    secretsSeen.add(code);
    expectError(await loginMiniProgram(code), 400, 'WECHAT_CODE_INVALID');
    expectError(await loginOfficialAccount(code), 400, 'WECHAT_CODE_INVALID');
  });

  it('should answer WECHAT_CODE_INVALID for a code older than five minutes', async () => {
    const person = newPerson();
    const code = miniProgramCode(person);
    sim.advance(5 * 60_000 + 1_000);
    expectError(await loginMiniProgram(code), 400, 'WECHAT_CODE_INVALID');
    expect(await identitiesOf(person.openid)).toEqual([]);
  });

  it('should not take a mini-program code at the 公众号 login', async () => {
    expectError(await loginOfficialAccount(miniProgramCode(newPerson())), 400, 'WECHAT_CODE_INVALID');
  });

  it.each([
    { errcode: 40029, status: 400, code: 'WECHAT_CODE_INVALID' },
    { errcode: 40163, status: 400, code: 'WECHAT_CODE_INVALID' },
    { errcode: 45011, status: 429, code: 'WECHAT_RATE_LIMITED' },
    { errcode: 40226, status: 403, code: 'WECHAT_USER_BLOCKED' },
    { errcode: -1, status: 503, code: 'WECHAT_BUSY' },
    { errcode: 40013, status: 502, code: 'WECHAT_LOGIN_FAILED' },
    { errcode: 40125, status: 502, code: 'WECHAT_LOGIN_FAILED' },
    { errcode: 41002, status: 502, code: 'WECHAT_LOGIN_FAILED' },
    { errcode: 41004, status: 502, code: 'WECHAT_LOGIN_FAILED' },
    { errcode: 40164, status: 502, code: 'WECHAT_LOGIN_FAILED' },
    { errcode: 99999, status: 502, code: 'WECHAT_LOGIN_FAILED' },
  ] as const)('should answer errcode $errcode as $status $code and create nobody', async ({ errcode, status, code }) => {
    for (const login of [
      { issue: miniProgramCode, send: loginMiniProgram },
      { issue: officialAccountCode, send: loginOfficialAccount },
    ]) {
      const before = await userCount();
      const person = newPerson({ unionid: `u${hex(14)}` });
      const issued = login.issue(person);
      sim.failNext({ kind: 'errcode', errcode });
      const res = await login.send(issued);
      expectError(res, status, code);
      // WeChat's quota resets each minute and says so.
      expect(res.headers.get('retry-after')).toBe(errcode === 45011 ? '60' : null);
      expect(await userCount()).toBe(before);
      expect(await identitiesOf(person.openid)).toEqual([]);
    }
  });
});

describe('malformed codes', () => {
  it.each([
    { label: 'a space', body: { code: 'a b' } },
    { label: '200 characters', body: { code: 'a'.repeat(200) } },
    { label: 'SQL', body: { code: "' OR 1=1 --" } },
    { label: 'an empty string', body: { code: '' } },
    { label: 'no code', body: {} },
    { label: 'a number', body: { code: 12345 } },
    { label: 'null', body: { code: null } },
    { label: 'an extra field', body: { code: 'abc', openid: 'oSomeoneElse' } },
  ])('should refuse $label with VALIDATION_FAILED before calling WeChat', async ({ body }) => {
    const seen = sim.requests.length;
    const before = await userCount();
    for (const path of [MINI_PROGRAM_LOGIN, OFFICIAL_ACCOUNT_LOGIN]) {
      expectError(await post(path, body), 400, 'VALIDATION_FAILED');
    }
    expect(sim.requests.length).toBe(seen);
    expect(await userCount()).toBe(before);
  });
});

describe('WeChat down, slow or talking nonsense', () => {
  it.each([
    { label: 'HTTP 500', failure: { kind: 'http-status', status: 500 }, status: 503, code: 'WECHAT_BUSY' },
    { label: 'HTTP 502', failure: { kind: 'http-status', status: 502 }, status: 503, code: 'WECHAT_BUSY' },
    { label: 'an HTML page', failure: { kind: 'not-json' }, status: 502, code: 'WECHAT_LOGIN_FAILED' },
    { label: 'a dropped connection', failure: { kind: 'reset' }, status: 503, code: 'WECHAT_BUSY' },
  ] as const)('should answer $label as $status $code', async ({ failure, status, code }) => {
    const before = await userCount();
    const person = newPerson();
    const issued = miniProgramCode(person);
    sim.failNext(failure);
    expectError(await loginMiniProgram(issued), status, code);
    expect(await userCount()).toBe(before);
    // The failed call never reached the code: the person can simply try again.
    expect((await loginMiniProgram(issued)).status).toBe(200);
  });

  it('should give up on WeChat after the timeout and answer WECHAT_BUSY', async () => {
    sim.failNext({ kind: 'hang' });
    const started = Date.now();
    expectError(await loginOfficialAccount(officialAccountCode(newPerson())), 503, 'WECHAT_BUSY');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(WECHAT_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(WECHAT_TIMEOUT_MS + 3_000);
  });

  it('should answer answers in an unexpected shape as WECHAT_LOGIN_FAILED', async () => {
    sim.failNext({ kind: 'errcode', errcode: 0 });
    expectError(await loginMiniProgram(miniProgramCode(newPerson())), 502, 'WECHAT_LOGIN_FAILED');
  });

  it('should answer WECHAT_BUSY when WeChat cannot be reached at all', async () => {
    const unreachable = await startExtraApp({ wechat: wechatConfig({ apiBase: 'http://127.0.0.1:1' }) });
    expectError(await loginMiniProgram(miniProgramCode(newPerson()), unreachable.baseUrl), 503, 'WECHAT_BUSY');
  });
});

describe('our own misconfiguration', () => {
  it('should answer WECHAT_LOGIN_FAILED and log the errcode, never the secret', async () => {
    const wrongSecret = `wrong-secret-${hex(16)}`;
    secretsSeen.add(wrongSecret);
    const misconfigured = await startExtraApp({
      wechat: wechatConfig({
        miniProgram: { ...MINI_PROGRAM, secret: wrongSecret },
        officialAccount: { appId: `wx${hex(8)}`, secret: OFFICIAL_ACCOUNT.secret },
      }),
    });
    const logged = logLines.length;
    expectError(await loginMiniProgram(miniProgramCode(newPerson()), misconfigured.baseUrl), 502, 'WECHAT_LOGIN_FAILED');
    expectError(await loginOfficialAccount(officialAccountCode(newPerson()), misconfigured.baseUrl), 502, 'WECHAT_LOGIN_FAILED');
    const errors = logLines.slice(logged).map((line) => JSON.parse(line) as { level: number; errcode?: number });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 50, errcode: 40125 }),
        expect.objectContaining({ level: 50, errcode: 40013 }),
      ]),
    );
  });
});

describe('which logins are offered', () => {
  it('should answer WECHAT_LOGIN_UNAVAILABLE for the 公众号 when none is configured, without calling WeChat', async () => {
    const miniProgramOnly = await startExtraApp({ wechat: wechatConfig({ officialAccount: null }) });
    const seen = sim.requests.length;
    expectError(await loginOfficialAccount(officialAccountCode(newPerson()), miniProgramOnly.baseUrl), 404, 'WECHAT_LOGIN_UNAVAILABLE');
    expect(sim.requests.length).toBe(seen);
    const options = await getJson(`${miniProgramOnly.baseUrl}/api/auth/options`);
    expect(options.body).toEqual({ demo: false, miniProgram: true, officialAccountAppId: null, payment: 'unavailable' });
  });

  it('should hide the demo logins when a mini-program is configured', async () => {
    expectError(await getJson(`${app.baseUrl}/api/auth/demo-personas`), 404, 'ROUTE_NOT_FOUND');
    expectError(await post('/api/auth/demo-login', { persona: 'customer' }), 404, 'ROUTE_NOT_FOUND');
    const options = await getJson(`${app.baseUrl}/api/auth/options`);
    expect(options.body).toEqual({ demo: false, miniProgram: true, officialAccountAppId: OFFICIAL_ACCOUNT.appId, payment: 'unavailable' });
  });

  it('should hide the demo logins, the admin persona among them, when only a 公众号 is configured', async () => {
    const officialAccountOnly = await startExtraApp({ wechat: wechatConfig({ miniProgram: null }) });
    expectError(await getJson(`${officialAccountOnly.baseUrl}/api/auth/demo-personas`), 404, 'ROUTE_NOT_FOUND');
    expectError(await post('/api/auth/demo-login', { persona: 'admin' }, { baseUrl: officialAccountOnly.baseUrl }), 404, 'ROUTE_NOT_FOUND');
    const options = await getJson(`${officialAccountOnly.baseUrl}/api/auth/options`);
    expect(options.body).toEqual({ demo: false, miniProgram: false, officialAccountAppId: OFFICIAL_ACCOUNT.appId, payment: 'unavailable' });
  });

  it('should offer the demo logins and no WeChat login in demo mode', async () => {
    const demo = await startExtraApp({});
    const personas = await getJson<DemoPersona[]>(`${demo.baseUrl}/api/auth/demo-personas`);
    expect(personas.status).toBe(200);
    expect(personas.body.map((persona) => persona.persona)).toEqual(expect.arrayContaining(['customer', 'admin']));
    const login = await post<LoginResponse>('/api/auth/demo-login', { persona: 'customer' }, { baseUrl: demo.baseUrl });
    expect(login.status).toBe(200);

    const seen = sim.requests.length;
    expectError(await loginMiniProgram(miniProgramCode(newPerson()), demo.baseUrl), 404, 'WECHAT_LOGIN_UNAVAILABLE');
    expectError(await loginOfficialAccount(officialAccountCode(newPerson()), demo.baseUrl), 404, 'WECHAT_LOGIN_UNAVAILABLE');
    expect(sim.requests.length).toBe(seen);
  });
});

describe('accounts the shop has stopped', () => {
  it('should refuse a disabled user with ACCOUNT_DISABLED', async () => {
    const person = newPerson();
    const first = await loginMiniProgram(miniProgramCode(person));
    await testDb.database.db.update(schema.users).set({ status: 'disabled' }).where(eq(schema.users.id, first.body.user.id));
    expectError(await loginMiniProgram(miniProgramCode(person)), 403, 'ACCOUNT_DISABLED');
  });

  it('should refuse the disabled user through the other app with the same unionid too', async () => {
    const unionid = `u${hex(14)}`;
    const first = await loginMiniProgram(miniProgramCode(newPerson({ unionid })));
    await testDb.database.db.update(schema.users).set({ status: 'disabled' }).where(eq(schema.users.id, first.body.user.id));
    expectError(await loginOfficialAccount(officialAccountCode(newPerson({ unionid }))), 403, 'ACCOUNT_DISABLED');
  });
});

describe('concurrent first logins', () => {
  it('should make one user of simultaneous first logins with one openid, across two processes', async () => {
    const second = await startExtraApp({ wechat: wechatConfig() }, await testDb.openAnother());
    const before = await userCount();
    // No unionid: only the unique (app_id, openid) index stands between the racers.
    const person = newPerson();
    const codes = Array.from({ length: 8 }, () => miniProgramCode(person));
    const answers = await Promise.all(codes.map((code, i) => loginMiniProgram(code, i % 2 ? second.baseUrl : app.baseUrl)));

    expect(answers.map((res) => res.status)).toEqual(codes.map(() => 200));
    expect(new Set(answers.map((res) => res.body.user.id)).size).toBe(1);
    expect(await userCount()).toBe(before + 1);
    expect(await identitiesOf(person.openid)).toHaveLength(1);
  });

  it('should make one user of simultaneous first logins in both apps with one unionid', async () => {
    const before = await userCount();
    const unionid = `u${hex(14)}`;
    const inMiniProgram = newPerson({ unionid });
    const inBrowser = newPerson({ unionid });
    const answers = await Promise.all([
      ...Array.from({ length: 3 }, () => loginMiniProgram(miniProgramCode(inMiniProgram))),
      ...Array.from({ length: 3 }, () => loginOfficialAccount(officialAccountCode(inBrowser))),
    ]);
    expect(answers.map((res) => res.status)).toEqual(answers.map(() => 200));
    expect(new Set(answers.map((res) => res.body.user.id)).size).toBe(1);
    expect(await userCount()).toBe(before + 1);
  });
});

describe('login rate limit', () => {
  it('should answer RATE_LIMITED to the login after the limit within a minute, before asking WeChat', async () => {
    // A fixed mid-minute clock keeps every attempt in one window; the forwarded address gives
    // this test a bucket of its own.
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const limited = await startExtraApp({
      wechat: wechatConfig(),
      loginRateLimitPerMinute: 3,
      trustProxy: true,
      clock: () => new Date(minute + 30_000),
    });
    const from = (address: string) =>
      post(MINI_PROGRAM_LOGIN, { code: miniProgramCode(newPerson()) }, { baseUrl: limited.baseUrl, headers: { 'x-forwarded-for': address } });
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < 3; i += 1) expect((await from(address)).status).toBe(200);
    const seen = sim.requests.length;
    expectError(await from(address), 429, 'RATE_LIMITED');
    expect(sim.requests.length).toBe(seen);
    // Another address still gets in.
    const other = await from('198.51.100.7');
    expect(other.status).toBe(200);
  });
});

describe('the log', () => {
  it('should never contain an appsecret, code, openid, unionid or session_key', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('\n');
    for (const key of sim.requests.flatMap((request) => Object.values(request.query))) {
      if (key !== 'authorization_code' && !key.startsWith('wx')) secretsSeen.add(key);
    }
    for (const secret of secretsSeen) expect(log.includes(secret), `log contains ${secret.slice(0, 4)}…`).toBe(false);
  });
});
