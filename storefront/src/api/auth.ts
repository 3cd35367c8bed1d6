import { ROUTES } from '@qiaodu/shared';
import type { AuthOptions, DemoPersona, Endpoints, LoginResponse } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';
import type { EndpointBody } from '@qiaodu/shared';

// The mini-program's own login (wx.login code) and ticket issuing are called by the native
// shell in storefront/miniprogram/, never by the web pages, so they have no function here.

export function getAuthOptions(options: CallOptions = {}): Promise<AuthOptions> {
  const { method, path } = ROUTES.authOptions;
  return request<AuthOptions>(method, path, options);
}

export function listDemoPersonas(options: CallOptions = {}): Promise<DemoPersona[]> {
  const { method, path } = ROUTES.demoPersonas;
  return request<DemoPersona[]>(method, path, options);
}

export function demoLogin(body: EndpointBody<Endpoints['demoLogin']>): Promise<LoginResponse> {
  const { method, path } = ROUTES.demoLogin;
  return request<LoginResponse>(method, path, { body });
}

/**
 * Logins carried by the start URL hold up the first member page: give up sooner than other
 * calls, and leave the visitor as they were, rather than show a blank page for 15 s.
 */
const START_LOGIN_TIMEOUT_MS = 8_000;

export function officialAccountLogin(body: EndpointBody<Endpoints['wechatOfficialAccountLogin']>): Promise<LoginResponse> {
  const { method, path } = ROUTES.wechatOfficialAccountLogin;
  return request<LoginResponse>(method, path, { body, timeoutMs: START_LOGIN_TIMEOUT_MS });
}

export function exchangeLoginTicket(body: EndpointBody<Endpoints['exchangeLoginTicket']>): Promise<LoginResponse> {
  const { method, path } = ROUTES.exchangeLoginTicket;
  return request<LoginResponse>(method, path, { body, timeoutMs: START_LOGIN_TIMEOUT_MS });
}

export function logout(): Promise<void> {
  const { method, path } = ROUTES.logout;
  return request<unknown>(method, path).then(() => undefined);
}
