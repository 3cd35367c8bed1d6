import { getJson } from './test-app';

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
