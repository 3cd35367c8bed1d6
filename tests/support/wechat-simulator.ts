import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '@qiaodu/server/http/loopback';

export interface SimulatedApp {
  appId: string;
  secret: string;
}

export interface WeChatPerson {
  openid: string;
  unionid?: string;
  /** jscode2session only; a fresh random key unless the test picks one. */
  sessionKey?: string;
  /** oauth2/access_token only: answer as the virtual account of a 朋友圈 snapshot page. */
  snapshotUser?: boolean;
}

/** What the next call answers instead of doing its job. */
export type SimulatedFailure =
  | { kind: 'errcode'; errcode: number; errmsg?: string }
  | { kind: 'http-status'; status: number }
  | { kind: 'not-json' }
  /** Never answers (until the simulator closes): the caller's timeout must fire. */
  | { kind: 'hang' }
  /** Drops the connection without an answer. */
  | { kind: 'reset' };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface WeChatSimulator {
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  issueMiniProgramCode(person: WeChatPerson): string;
  issueOfficialAccountCode(person: WeChatPerson): string;
  /** The session_key jscode2session last answered for this openid. */
  sessionKeyOf(openid: string): string | undefined;
  failNext(failure: SimulatedFailure): void;
  /** Moves the simulator's clock (code expiry) forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

interface IssuedCode {
  appId: string;
  person: WeChatPerson;
  issuedAt: number;
  usedAt: number | null;
}

/** wx.login codes live five minutes. */
const CODE_TTL_MS = 5 * 60_000;

/** WeChat's usual messages, each followed by a request id as real answers are. */
const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40226: 'code blocked',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
};

const rid = () => `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;

/** WeChat answers errors with HTTP 200 and text/plain. */
function answerError(res: ServerResponse, errcode: number, errmsg?: string): void {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(JSON.stringify({ errcode, errmsg: `${errmsg ?? ERRMSG[errcode] ?? 'error'}, rid: ${rid()}` }));
}

function answerJson(res: ServerResponse, body: object): void {
  res.writeHead(200, { 'Content-Type': 'application/json; encoding=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * A local stand-in for api.weixin.qq.com that speaks its wire format for the two login calls
 * (jscode2session and the 公众号's oauth2/access_token): it checks the app's credentials,
 * hands out single-use codes that expire, and can be told to fail the next call.
 */
export async function startWeChatSimulator(apps: { miniProgram: SimulatedApp; officialAccount: SimulatedApp }): Promise<WeChatSimulator> {
  const codes = new Map<string, IssuedCode>();
  const sessionKeys = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  const failures: SimulatedFailure[] = [];
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;

  function issue(appId: string, person: WeChatPerson): string {
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { appId, person, issuedAt: now(), usedAt: null });
    return code;
  }

  /** The checks both calls share, in WeChat's order: the errcode of the first that fails. */
  function credentialError(app: SimulatedApp, query: URLSearchParams, codeParam: string): number | null {
    const appid = query.get('appid');
    const secret = query.get('secret');
    if (!appid) return 41002;
    if (appid !== app.appId) return 40013;
    if (!secret) return 41004;
    if (secret !== app.secret) return 40125;
    if (query.get('grant_type') !== 'authorization_code') return 40002;
    if (!query.get(codeParam)) return 41008;
    return null;
  }

  /** The person behind a code, consuming it; answers the error and returns null otherwise. */
  function redeem(res: ServerResponse, appId: string, code: string): WeChatPerson | null {
    const issued = codes.get(code);
    if (!issued || issued.appId !== appId || now() - issued.issuedAt > CODE_TTL_MS) {
      answerError(res, 40029);
      return null;
    }
    if (issued.usedAt !== null) {
      answerError(res, 40163);
      return null;
    }
    issued.usedAt = now();
    return issued.person;
  }

  function code2Session(res: ServerResponse, query: URLSearchParams): void {
    const app = apps.miniProgram;
    const refused = credentialError(app, query, 'js_code');
    if (refused !== null) return answerError(res, refused);
    const person = redeem(res, app.appId, query.get('js_code') ?? '');
    if (!person) return;
    const sessionKey = person.sessionKey ?? randomBytes(16).toString('base64');
    sessionKeys.set(person.openid, sessionKey);
    answerJson(res, { session_key: sessionKey, openid: person.openid, ...(person.unionid ? { unionid: person.unionid } : {}) });
  }

  function oauthAccessToken(res: ServerResponse, query: URLSearchParams): void {
    const app = apps.officialAccount;
    const refused = credentialError(app, query, 'code');
    if (refused !== null) return answerError(res, refused);
    const person = redeem(res, app.appId, query.get('code') ?? '');
    if (!person) return;
    answerJson(res, {
      access_token: randomBytes(32).toString('base64url'),
      expires_in: 7200,
      refresh_token: randomBytes(32).toString('base64url'),
      openid: person.openid,
      scope: 'snsapi_base',
      ...(person.snapshotUser ? { is_snapshotuser: 1 } : {}),
      ...(person.unionid ? { unionid: person.unionid } : {}),
    });
  }

  /** Answers a scheduled failure; true when one was pending. */
  function misbehave(req: IncomingMessage, res: ServerResponse): boolean {
    const failure = failures.shift();
    if (!failure) return false;
    if (failure.kind === 'errcode') answerError(res, failure.errcode, failure.errmsg);
    else if (failure.kind === 'http-status') {
      res.writeHead(failure.status, { 'Content-Type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    } else if (failure.kind === 'not-json') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('<html>系统维护中</html>');
    } else if (failure.kind === 'reset') req.socket.destroy();
    // 'hang': leave the request open; close() tears the socket down.
    return true;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams) });
    if (misbehave(req, res)) return;
    if (req.method !== 'GET') {
      res.writeHead(405, { 'Content-Type': 'text/plain' });
      res.end('method not allowed');
    } else if (url.pathname === '/sns/jscode2session') code2Session(res, url.searchParams);
    else if (url.pathname === '/sns/oauth2/access_token') oauthAccessToken(res, url.searchParams);
    else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  const listener = await listenOnLoopback(server);

  return {
    url: listener.url,
    requests,
    issueMiniProgramCode: (person) => issue(apps.miniProgram.appId, person),
    issueOfficialAccountCode: (person) => issue(apps.officialAccount.appId, person),
    sessionKeyOf: (openid) => sessionKeys.get(openid),
    failNext: (failure) => void failures.push(failure),
    advance: (ms) => void (clockOffsetMs += ms),
    close: () => listener.close(),
  };
}
