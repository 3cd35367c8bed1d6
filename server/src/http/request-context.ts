import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

declare module 'koa' {
  interface DefaultContext {
    /** The request's logger: every line carries the request id. */
    log: Logger;
    requestId: string;
  }
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it is sane, so a trace can
 * cross the mini-program, a proxy and us), a child logger, and one log line when it ends.
 */
export function requestContext(logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    ctx.requestId = CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.set('X-Request-Id', ctx.requestId);
    ctx.log = logger.child({ reqId: ctx.requestId });
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.log.info(
        {
          method: ctx.method,
          url: ctx.originalUrl.length > 512 ? `${ctx.originalUrl.slice(0, 512)}…` : ctx.originalUrl,
          status: ctx.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request',
      );
    }
  };
}
