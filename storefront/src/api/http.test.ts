import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, errorMessage, isAbortError, parseErrorBody, request } from './http';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
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
