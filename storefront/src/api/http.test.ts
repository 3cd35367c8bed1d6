import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, connectSession, errorMessage, isAbortError, parseErrorBody, request } from './http';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  connectSession(null);
});

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('buildUrl', () => {
  it('should substitute path params and encode them', () => {
    expect(buildUrl('/api/products/:id', { id: 42 })).toBe('/api/products/42');
    expect(buildUrl('/api/x/:name/y', { name: 'a b/c' })).toBe('/api/x/a%20b%2Fc/y');
  });

  it('should throw when a path param is missing', () => {
    expect(() => buildUrl('/api/products/:id')).toThrow(/id/);
  });

  it('should serialise the query and skip empty values', () => {
    const url = buildUrl('/api/products', {}, {
      page: 2,
      sort: 'price_asc',
      heritage: true,
      q: '鲤鱼',
      category: undefined,
      partner: null,
      partnerKind: '',
      minPriceFen: 0,
    });
    expect(url).toBe('/api/products?page=2&sort=price_asc&heritage=true&q=%E9%B2%A4%E9%B1%BC&minPriceFen=0');
  });

  it('should leave the path alone without a query', () => {
    expect(buildUrl('/api/categories', {}, { q: undefined })).toBe('/api/categories');
  });
});

describe('parseErrorBody', () => {
  it('should read code, message and details from the API error body', () => {
    const error = parseErrorBody(404, {
      error: { code: 'PRODUCT_NOT_FOUND', message: '商品不存在或已下架', details: { id: 9 } },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'PRODUCT_NOT_FOUND', message: '商品不存在或已下架', status: 404, details: { id: 9 } });
  });

  it('should fall back to the shared message when the body has none', () => {
    expect(parseErrorBody(409, { error: { code: 'OUT_OF_STOCK' } }).message).toBe('库存不足');
  });

  it('should judge bodies it does not understand by their status', () => {
    expect(parseErrorBody(502, '<html>Bad Gateway</html>')).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 502 });
    expect(parseErrorBody(500, undefined)).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(parseErrorBody(404, { error: { code: 'NO_SUCH_CODE' } })).toMatchObject({ code: 'NOT_FOUND' });
    expect(parseErrorBody(400, null).message).toBe('请求无法处理');
  });
});

describe('request', () => {
  it('should return the parsed JSON of a successful answer', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { items: [] }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(request('get', '/api/products', { query: { page: 1 } })).resolves.toEqual({ items: [] });
    expect(fetchMock).toHaveBeenCalledWith('/api/products?page=1', expect.objectContaining({ method: 'GET' }));
  });

  it('should throw an ApiError with the code of an error answer', async () => {
    vi.stubGlobal('fetch', async () =>
      jsonResponse(404, { error: { code: 'PRODUCT_NOT_FOUND', message: '商品不存在或已下架' } }),
    );
    await expect(request('get', '/api/products/:id', { params: { id: 1 } })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'PRODUCT_NOT_FOUND',
      status: 404,
      message: '商品不存在或已下架',
    });
  });

  it('should turn a network failure into a Chinese message', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await request('get', '/api/categories').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0, message: '网络连接失败，请检查网络后重试' });
    expect(errorMessage(new Error('boom'))).toBe('网络连接失败，请检查网络后重试');
  });

  it('should reject a successful answer that is not JSON', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html></html>', { status: 200 }));
    await expect(request('get', '/api/categories')).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('should fail with TIMEOUT when the server does not answer in time', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      }),
    );
    const pending = request('get', '/api/categories', { timeoutMs: 1000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await pending).toMatchObject({ code: 'TIMEOUT', message: '网络超时，请稍后重试' });
  });

  it("should pass the caller's abort through as an AbortError", async () => {
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      }),
    );
    const controller = new AbortController();
    const pending = request('get', '/api/categories', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(isAbortError(await pending)).toBe(true);
  });
});

describe('request with a session', () => {
  function headersOf(fetchMock: ReturnType<typeof vi.fn>): Record<string, string> {
    const init = fetchMock.mock.calls[0]?.[1] as RequestInit | undefined;
    return (init?.headers ?? {}) as Record<string, string>;
  }

  it('should send the bearer token when there is a session', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    connectSession({ token: () => 'tok-1', onUnauthenticated: vi.fn() });
    await request('get', '/api/me');
    expect(headersOf(fetchMock).authorization).toBe('Bearer tok-1');
  });

  it('should send no authorization header when logged out', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { items: [] }));
    vi.stubGlobal('fetch', fetchMock);
    connectSession({ token: () => null, onUnauthenticated: vi.fn() });
    await request('get', '/api/categories');
    expect(headersOf(fetchMock)).not.toHaveProperty('authorization');
  });

  it('should report a 401 UNAUTHENTICATED with the token that was sent', async () => {
    vi.stubGlobal('fetch', async () => jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }));
    const onUnauthenticated = vi.fn();
    connectSession({ token: () => 'tok-2', onUnauthenticated });
    await expect(request('get', '/api/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(onUnauthenticated).toHaveBeenCalledWith('tok-2');
  });

  it('should not end the session for other refusals or for anonymous calls', async () => {
    const onUnauthenticated = vi.fn();
    vi.stubGlobal('fetch', async () => jsonResponse(401, { error: { code: 'LOGIN_TICKET_INVALID', message: '登录凭证已失效' } }));
    connectSession({ token: () => 'tok-3', onUnauthenticated });
    await expect(request('post', '/api/auth/tickets/exchange', { body: { ticket: 'x' } })).rejects.toMatchObject({
      code: 'LOGIN_TICKET_INVALID',
    });
    vi.stubGlobal('fetch', async () => jsonResponse(403, { error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } }));
    await expect(request('get', '/api/console/people')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    vi.stubGlobal('fetch', async () => jsonResponse(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }));
    connectSession({ token: () => null, onUnauthenticated });
    await expect(request('get', '/api/me')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });
});
