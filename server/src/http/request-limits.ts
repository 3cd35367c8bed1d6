import type { Middleware } from 'koa';
import { AppError } from './app-error';

/** Longer URLs are refused before any parsing; no page of ours needs more than this. */
export const MAX_URL_LENGTH = 8 * 1024;

export function urlLengthLimit(): Middleware {
  return async (ctx, next) => {
    if (ctx.originalUrl.length > MAX_URL_LENGTH) throw new AppError('URI_TOO_LONG');
    await next();
  };
}
