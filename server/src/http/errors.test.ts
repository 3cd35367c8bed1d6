import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error';
import { toAppError } from './errors';

describe('toAppError', () => {
  it('should answer a retryable 503 for a deadlock or serialization failure wrapped by the driver', () => {
    for (const code of ['40P01', '40001']) {
      const wrapped = new Error('Failed query', { cause: Object.assign(new Error('deadlock detected'), { code }) });
      const answer = toAppError(wrapped);
      expect(answer?.code).toBe('SERVICE_UNAVAILABLE');
      expect(answer?.headers).toEqual({ 'Retry-After': '1' });
    }
    expect(toAppError(Object.assign(new Error('x'), { code: '23505' }))).toBeNull();
  });

  it('should keep our own errors as they are', () => {
    const error = new AppError('OUT_OF_STOCK', '库存不足：生恭鲤鱼摆件', { skuIds: [1] });
    expect(toAppError(error)).toBe(error);
    expect(error.status).toBe(409);
  });

  it('should map framework errors by status, including the router 501 for unknown methods', () => {
    expect(toAppError(Object.assign(new Error('x'), { status: 405 }))?.code).toBe('METHOD_NOT_ALLOWED');
    expect(toAppError(Object.assign(new Error('x'), { status: 501 }))?.code).toBe('METHOD_NOT_ALLOWED');
    expect(toAppError(Object.assign(new Error('x'), { status: 418 }))?.code).toBe('BAD_REQUEST');
    expect(toAppError(new URIError('URI malformed'))?.code).toBe('BAD_REQUEST');
  });

  it('should leave a zod error thrown outside input parsing for the 500 (it is our bug)', () => {
    const result = z.object({ page: z.number() }).safeParse({ page: 'x' });
    expect(toAppError(result.error)).toBeNull();
  });

  it('should leave unknown failures for the generic 500', () => {
    expect(toAppError(new Error('database exploded'))).toBeNull();
    expect(toAppError(Object.assign(new Error('x'), { status: 503 }))).toBeNull();
  });
});
