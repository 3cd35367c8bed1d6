import type { Pinia } from 'pinia';
import type { SessionStore } from '../stores/useSessionStore';
import type { LoginParams } from './loginParams';

/**
 * The session store, its API calls and the start-up login are loaded on first need: the home
 * page, where most visitors land, calls only public endpoints and pays for none of it.
 */
let context: { pinia: Pinia; params: LoginParams } | null = null;
let started: Promise<SessionStore> | null = null;

export function configureSessionStart(pinia: Pinia, params: LoginParams): void {
  context = { pinia, params };
}

export function hasLoginParams(params: LoginParams): boolean {
  return Boolean(params.ticket || (params.code && params.state));
}

/** The session, once the login carried by the start URL (if any) has succeeded or failed. */
export function startSession(): Promise<SessionStore> {
  if (!context) throw new Error('configureSessionStart() runs in main.ts before the app mounts');
  const { pinia, params } = context;
  started ??= import('./boot').then(({ bootSession }) => bootSession(pinia, params));
  return started;
}
