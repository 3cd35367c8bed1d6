import type { ErrorBody } from '@qiaodu/shared';
import { getJson, type JsonResponse } from './test-app';

/** Logs in as a seeded demo persona (demo mode) and returns the bearer token. */
export async function loginAs(baseUrl: string, persona: string): Promise<string> {
  const response = await getJson<{ token: string }>(`${baseUrl}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona }),
  });
  if (response.status !== 200) throw new Error(`demo login as ${persona}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.token;
}

/** Request headers for a logged-in call, with a JSON body when one is given. */
export function authed(token: string, body?: unknown): RequestInit {
  return {
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** An answer body that may be an error instead. */
export type Answer<T> = T & Partial<ErrorBody>;

/** Logged-in calls as demo personas, one session per persona for the whole test file. */
export function personaClient(baseUrl: () => string) {
  const tokens = new Map<string, string>();
  async function tokenOf(persona: string): Promise<string> {
    const known = tokens.get(persona);
    if (known) return known;
    const token = await loginAs(baseUrl(), persona);
    tokens.set(persona, token);
    return token;
  }
  async function send<T = unknown>(persona: string, method: string, path: string, body?: unknown): Promise<JsonResponse<Answer<T>>> {
    return getJson<Answer<T>>(`${baseUrl()}${path}`, { method, ...authed(await tokenOf(persona), body) });
  }
  return { tokenOf, send };
}
