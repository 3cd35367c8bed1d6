import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { AppError } from './app-error';
import { respondWithError } from './errors';
import { applyCors, loggableUrl, setSecurityHeaders } from './security';

declare module 'koa' {
  interface DefaultContext {
    /** The request's logger: every line carries the request id. Made on first use. */
    log: Logger;
    requestId: string;
  }
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Request ids are this process's random prefix plus a counter: unique across the processes
 * behind a load balancer, ordered within one, and far cheaper than a UUID per request.
 */
const PROCESS_PREFIX = randomBytes(6).toString('hex');
let sequence = 0;
function nextRequestId(): string {
  sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
  return `${PROCESS_PREFIX}-${sequence.toString(36)}`;
}
const CHILD_LOGGER = Symbol('childLogger');

interface WithChildLogger {
  requestId: string;
  [CHILD_LOGGER]?: Logger;
}

/** Longer URLs are refused before any parsing; no page of ours needs more than this. */
export const MAX_URL_LENGTH = 8 * 1024;

/**
 * The outermost middleware, and the only one every request passes through whatever it asks
 * for. It gives the request an id (the caller's X-Request-Id when it is sane, so a trace can
 * cross the mini-program, a proxy and us) and a logger bound to it, refuses oversized URLs,
 * turns every error and every unanswered route into our error body, sets the security and
 * CORS headers, and logs one line (without tickets, codes or tokens).
 *
 * These jobs share one layer because each Koa layer costs a promise and a closure on every
 * request, which showed in the cached catalog's throughput. `ctx.log` is a getter on the
 * app's context prototype that makes the child logger on first use: most requests never log.
 */
export function httpEdge(app: Koa, logger: Logger, options: { corsOrigins?: readonly string[] } = {}): Middleware {
  const corsOrigins = new Set(options.corsOrigins ?? []);
  Object.defineProperty(app.context, 'log', {
    configurable: true,
    get(this: WithChildLogger) {
      return (this[CHILD_LOGGER] ??= logger.child({ reqId: this.requestId }));
    },
  });
  const logRequests = logger.isLevelEnabled('info');
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = CLIENT_REQUEST_ID.test(incoming) ? incoming : nextRequestId();
    ctx.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    setSecurityHeaders(ctx);
    const started = logRequests ? performance.now() : 0;
    try {
      if (ctx.originalUrl.length > MAX_URL_LENGTH) throw new AppError('URI_TOO_LONG');
      if (applyCors(ctx, corsOrigins)) return;
      await next();
      // Nothing answered. (A known path with another method was already a 405.)
      if (ctx.status === 404 && ctx.body == null) throw new AppError('ROUTE_NOT_FOUND');
    } catch (error) {
      respondWithError(ctx, error);
    } finally {
      if (logRequests) {
        logger.info(
          {
            reqId: requestId,
            method: ctx.method,
            url: loggableUrl(ctx.originalUrl),
            status: ctx.status,
            ms: Math.round((performance.now() - started) * 10) / 10,
          },
          'request',
        );
      }
    }
  };
}
