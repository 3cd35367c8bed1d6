import { describe, expect, it } from 'vitest';
import { splitLoginParams } from './loginParams';

describe('splitLoginParams', () => {
  it('should take the ticket and keep the rest of the URL as written', () => {
    expect(splitLoginParams('/products/12?from=share&ticket=abcDEF123_-abcdefgh&q=%E9%B2%A4+%E9%B1%BC#spec')).toEqual({
      params: { ticket: 'abcDEF123_-abcdefgh', code: null, state: null },
      cleanUrl: '/products/12?from=share&q=%E9%B2%A4+%E9%B1%BC#spec',
    });
  });

  it('should drop the question mark when the ticket was the only parameter', () => {
    expect(splitLoginParams('/?ticket=t1')).toEqual({
      params: { ticket: 't1', code: null, state: null },
      cleanUrl: '/',
    });
  });

  it('should remove an empty ticket too', () => {
    expect(splitLoginParams('/me?ticket=&a=1').cleanUrl).toBe('/me?a=1');
    expect(splitLoginParams('/me?ticket=&a=1').params.ticket).toBeNull();
  });

  it('should take code and state of an OAuth return together', () => {
    expect(splitLoginParams('/login?redirect=%2Fme%2Faddresses&code=0a1B&state=f00d')).toEqual({
      params: { ticket: null, code: '0a1B', state: 'f00d' },
      cleanUrl: '/login?redirect=%2Fme%2Faddresses',
    });
  });

  it('should leave code and state to pages other than the login page', () => {
    expect(splitLoginParams('/console/orders?state=shipped&code=7')).toEqual({
      params: { ticket: null, code: null, state: null },
      cleanUrl: null,
    });
  });

  it('should leave a lone code to the page', () => {
    expect(splitLoginParams('/search?code=123')).toEqual({
      params: { ticket: null, code: null, state: null },
      cleanUrl: null,
    });
  });

  it('should report nothing to do without a query', () => {
    expect(splitLoginParams('/cart#top').cleanUrl).toBeNull();
  });
});
