import type Router from '@koa/router';
import type { Context } from 'koa';
import type { Endpoint } from '@qiaodu/shared';
import type { z } from 'zod';
import { PreparedJson } from '../cache/prepared-json';
import { sendJson } from './respond';
import { offerToResponseCache } from './response-cache';
import { parseInput } from './validation';
import type { Actor } from '../policy/actor';
import { authorize, type PermissionTarget } from '../policy/policy';
import { AppError } from './app-error';
import { RawBody } from './raw-body';

/** Endpoints without params/query/body declare them as ZodNever (see defineEndpoint). */
type Out<S> = [NonNullable<S>] extends [z.ZodNever] ? undefined : z.output<NonNullable<S>>;

export interface RouteInput<E extends Endpoint> {
  /** The caller; public endpoints do not look them up at all. */
  actor: E['access'] extends 'public' ? null : Actor;
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
}

export type RouteHandler<E extends Endpoint> = (
  input: RouteInput<E>,
  ctx: Context,
) => Promise<z.input<E['response']> | PreparedJson | RawBody>;

export interface RouteOptions {
  /** Cache-Control for successful answers; catalog reads set this, everything else is no-store. */
  cacheControl?: string;
  /** Answer 201 instead of 200. */
  created?: boolean;
  /**
   * The answer depends only on the URL, never on who asks: the response cache may then
   * serve it to anyone by URL until the catalog changes. Never set this on personal data.
   */
  sameForEveryone?: boolean;
}

export interface RouteMounter {
  <E extends Endpoint>(endpoint: E, handler: RouteHandler<E>, options?: RouteOptions): void;
}

/** A mapper that drifts from the contract is our bug: a logged 500, never a client's 4xx. */
function assertResponseMatches(endpoint: Endpoint, result: unknown): void {
  const checked = endpoint.response.safeParse(result instanceof PreparedJson ? JSON.parse(result.json) : result);
  if (!checked.success) {
    throw new Error(`response of ${endpoint.method.toUpperCase()} ${endpoint.path} breaks its schema: ${checked.error.message}`);
  }
}

function sendRaw(ctx: Context, raw: RawBody): void {
  ctx.status = 200;
  ctx.set('Cache-Control', 'no-store');
  if (raw.filename) {
    // RFC 6266/5987: an ASCII fallback plus the UTF-8 name, so Chinese file names survive.
    const ascii = raw.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(raw.filename)}`);
  }
  ctx.type = raw.contentType;
  ctx.body = raw.body;
}

/**
 * Mounts one shared endpoint: its params, query and body are parsed with the endpoint's own
 * schemas before the handler runs. With `validateResponses` (tests, development) every answer
 * is also checked against the response schema, so a mapper cannot drift from the contract.
 */
export function createRouteMounter(
  router: Router,
  options: { validateResponses: boolean; authenticate: (token: string) => Promise<Actor | null> },
): RouteMounter {
  /** The caller behind `Authorization: Bearer …`; anything missing, malformed or dead is a 401. */
  async function callerOf(ctx: Context): Promise<Actor> {
    const header = ctx.get('authorization');
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const actor = token ? await options.authenticate(token) : null;
    if (!actor) throw new AppError('UNAUTHENTICATED');
    return actor;
  }

  return (endpoint, handler, routeOptions = {}) => {
    router[endpoint.method](endpoint.path, async (ctx) => {
      const actor = endpoint.access === 'public' ? null : await callerOf(ctx);
      const params = endpoint.params ? parseInput(endpoint.params, ctx.params, 'params') : undefined;
      // Before the query and body are read: a refused caller learns nothing from their validation.
      if (actor && endpoint.access !== 'public') authorize(actor, endpoint.access, (params ?? {}) as PermissionTarget);
      const input = {
        actor,
        params,
        query: endpoint.query ? parseInput(endpoint.query, ctx.query, 'query') : undefined,
        // Uploads are streamed by their handler; only JSON bodies are parsed here.
        body: endpoint.body ? parseInput(endpoint.body, ctx.request.body === undefined ? {} : ctx.request.body, 'body') : undefined,
      } as RouteInput<typeof endpoint>;
      const result = await handler(input, ctx);
      if (result instanceof RawBody) {
        sendRaw(ctx, result);
        return;
      }
      if (options.validateResponses) assertResponseMatches(endpoint, result);
      const prepared = result instanceof PreparedJson ? result : PreparedJson.of(result, { etag: false });
      // Unless a route says its answer may be kept, nothing is: tokens and personal data
      // must never sit in a WebView's or proxy's cache.
      sendJson(ctx, prepared, routeOptions.created ? 201 : 200, routeOptions.cacheControl ?? 'no-store');
      if (routeOptions.sameForEveryone && prepared.revalidatable) {
        offerToResponseCache(ctx, { prepared, cacheControl: routeOptions.cacheControl });
      }
    });
  };
}
