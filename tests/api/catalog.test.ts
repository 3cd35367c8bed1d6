import { endpoints, type CategoryListResponse, type PartnerDetail, type ProductDetail, type ProductListResponse } from '@qiaodu/shared';
import { schema } from '@qiaodu/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { getJson } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-database';

const fixture = useSeededApp();

const list = (query = '') => getJson<ProductListResponse>(`${fixture.app.baseUrl}/api/products${query}`);

describe('health', () => {
  it('should report ok and which database it runs on', async () => {
    const res = await getJson(`${fixture.app.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('should give every response a request id, keeping a sane one from the caller', async () => {
    const generated = await fetch(`${fixture.app.baseUrl}/api/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f]{12}-[0-9a-z]+$/);
    const echoed = await fetch(`${fixture.app.baseUrl}/api/health`, { headers: { 'X-Request-Id': 'mini-program-trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('mini-program-trace-42');
    const replaced = await fetch(`${fixture.app.baseUrl}/api/health`, { headers: { 'X-Request-Id': 'bad id<script>' } });
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id<script>');
  });
});

describe('categories', () => {
  it('should answer a tree of at most two levels with children under every root', async () => {
    const res = await getJson<CategoryListResponse>(`${fixture.app.baseUrl}/api/categories`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(6);
    for (const root of res.body.items) {
      expect(root.parentId).toBeNull();
      expect(root.children.length).toBeGreaterThan(0);
      for (const child of root.children) {
        expect(child.parentId).toBe(root.id);
        expect(child.children).toEqual([]);
      }
    }
  });

  it('should refuse a third level in the database itself', async () => {
    const categories = await fixture.testDb.database.db.select().from(schema.categories);
    const child = categories.find((c) => c.parentId !== null);
    await expect(
      fixture.testDb.database.db.insert(schema.categories).values({ slug: 'third-level', name: '第三级', parentId: child!.id }),
    ).rejects.toThrow();
  });
});

describe('product list', () => {
  it('should list only products on sale, each with an integer priceFen', async () => {
    const res = await list('?pageSize=50');
    expect(res.status).toBe(200);
    const onSale = await fixture.testDb.database.db.select().from(schema.products).where(eq(schema.products.status, 'on_sale'));
    expect(res.body.total).toBe(onSale.length);
    expect(res.body.total).toBeGreaterThanOrEqual(29);
    expect(res.body.items).toHaveLength(Math.min(50, onSale.length));
    for (const item of res.body.items) {
      expect(Number.isInteger(item.priceFen)).toBe(true);
      expect(item.priceFen).toBeGreaterThanOrEqual(0);
    }
    const drafts = await fixture.testDb.database.db.select().from(schema.products).where(eq(schema.products.status, 'draft'));
    const ids = new Set(res.body.items.map((item) => item.id));
    for (const draft of drafts) expect(ids.has(draft.id)).toBe(false);
  });

  it('should paginate without overlap and report the same total on every page', async () => {
    const first = await list('?page=1&pageSize=10');
    const second = await list('?page=2&pageSize=10');
    expect(first.body.items).toHaveLength(10);
    expect(second.body.total).toBe(first.body.total);
    const overlap = second.body.items.filter((item) => first.body.items.some((other) => other.id === item.id));
    expect(overlap).toEqual([]);
    const beyond = await list('?page=999&pageSize=10');
    expect(beyond.body.items).toEqual([]);
    expect(beyond.body.total).toBe(first.body.total);
  });

  it('should sort by price both ways and by sales', async () => {
    const up = (await list('?sort=price_asc&pageSize=50')).body.items.map((i) => i.priceFen);
    const down = (await list('?sort=price_desc&pageSize=50')).body.items.map((i) => i.priceFen);
    const sales = (await list('?sort=sales&pageSize=50')).body.items.map((i) => i.salesCount);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(sales).toEqual([...sales].sort((a, b) => b - a));
  });

  it('should find Chinese substrings with q', async () => {
    const res = await list('?q=' + encodeURIComponent('鲤鱼'));
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    for (const item of res.body.items) expect(`${item.title}${item.subtitle}`).toContain('鲤鱼');
    const none = await list('?q=' + encodeURIComponent('不存在的商品名称'));
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it('should treat LIKE wildcards in q as plain text', async () => {
    const percent = await list('?q=' + encodeURIComponent('%'));
    const underscore = await list('?q=_');
    expect(percent.body.total).toBe(0);
    expect(underscore.body.total).toBe(0);
  });

  it('should filter by heritage, partner kind, category (with its children) and price range', async () => {
    const heritage = await list('?heritage=true&pageSize=50');
    expect(heritage.body.total).toBeGreaterThanOrEqual(8);
    for (const item of heritage.body.items) expect(item.heritageLevel).not.toBeNull();

    const studio = await list('?partnerKind=student_studio&pageSize=50');
    expect(studio.body.total).toBeGreaterThan(0);
    for (const item of studio.body.items) expect(item.partner.kind).toBe('student_studio');

    const tree = (await getJson<CategoryListResponse>(`${fixture.app.baseUrl}/api/categories`)).body.items;
    const root = tree.find((r) => r.children.length > 0)!;
    const inRoot = await list(`?category=${root.id}&pageSize=50`);
    const childIds = new Set(root.children.map((c) => c.id));
    for (const item of inRoot.body.items) expect(childIds.has(item.categoryId) || item.categoryId === root.id).toBe(true);
    const perChild = await Promise.all(root.children.map((c) => list(`?category=${c.id}&pageSize=50`)));
    expect(inRoot.body.total).toBe(perChild.reduce((sum, r) => sum + r.body.total, 0));

    const ranged = await list('?minPriceFen=2000&maxPriceFen=9900&pageSize=50');
    expect(ranged.body.total).toBeGreaterThan(0);
    for (const item of ranged.body.items) {
      expect(item.priceFen).toBeGreaterThanOrEqual(2000);
      expect(item.priceFen).toBeLessThanOrEqual(9900);
    }
  });

  it('should mark a product whose SKUs are all out of stock as sold out, and keep listing it', async () => {
    const all = await list('?pageSize=50');
    expect(all.body.items.some((item) => item.soldOut)).toBe(true);
  });
});

describe('product detail', () => {
  it('should answer SKUs, partner and heritage provenance for a 鲤鱼 product', async () => {
    const found = await list('?q=' + encodeURIComponent('鲤鱼'));
    const id = found.body.items[0]!.id;
    const res = await getJson<ProductDetail>(`${fixture.app.baseUrl}/api/products/${id}`);
    expect(res.status).toBe(200);
    expect(res.body.skus.length).toBeGreaterThanOrEqual(1);
    expect(res.body.priceFen).toBe(Math.min(...res.body.skus.map((s) => s.priceFen)));
    expect(res.body.heritage).toMatchObject({ level: expect.any(String), inheritor: expect.any(String) });
    expect(res.body.heritage!.story.length).toBeGreaterThan(10);
    expect(res.body.partner.name.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/contact/i);
    for (const option of res.body.specOptions) {
      for (const value of option.values) {
        expect(res.body.skus.some((sku) => sku.specs.some((s) => s.name === option.name && s.value === value))).toBe(true);
      }
    }
  });

  it('should not show drafts or unknown products', async () => {
    const [draft] = await fixture.testDb.database.db.select().from(schema.products).where(eq(schema.products.status, 'draft'));
    const hidden = await getJson<{ error: { code: string } }>(`${fixture.app.baseUrl}/api/products/${draft!.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('PRODUCT_NOT_FOUND');
    const unknown = await getJson<{ error: { code: string } }>(`${fixture.app.baseUrl}/api/products/987654`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('PRODUCT_NOT_FOUND');
  });
});

describe('partners', () => {
  it('should answer a partner with its teams and products on sale, without contact details', async () => {
    const [heritagePartner] = await fixture.testDb.database.db
      .select()
      .from(schema.partners)
      .where(eq(schema.partners.kind, 'heritage'));
    const res = await getJson<PartnerDetail>(`${fixture.app.baseUrl}/api/partners/${heritagePartner!.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: heritagePartner!.id, kind: 'heritage', name: heritagePartner!.name });
    expect(res.body.productCount).toBe((await list(`?partner=${heritagePartner!.id}&pageSize=50`)).body.total);
    expect(JSON.stringify(res.body)).not.toContain(heritagePartner!.contactPhone);
    const unknown = await getJson<{ error: { code: string } }>(`${fixture.app.baseUrl}/api/partners/987654`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('PARTNER_NOT_FOUND');
  });
});

describe('caching', () => {
  it('should answer 304 to a matching If-None-Match and say how to cache', async () => {
    const first = await fetch(`${fixture.app.baseUrl}/api/products?pageSize=5`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toContain('must-revalidate');
    // fetch() adds Cache-Control: no-cache to conditional requests (a forced reload); a
    // browser revalidating a stored answer sends max-age=0 instead.
    const revalidate = { 'If-None-Match': etag!, 'Cache-Control': 'max-age=0' };
    const second = await fetch(`${fixture.app.baseUrl}/api/products?pageSize=5`, { headers: revalidate });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
    const other = await fetch(`${fixture.app.baseUrl}/api/products?pageSize=5`, { headers: { 'If-None-Match': '"stale"' } });
    expect(other.status).toBe(200);
  });

  it('should compress JSON for clients that accept it', async () => {
    const res = await fetch(`${fixture.app.baseUrl}/api/products?pageSize=20`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await res.json()) as ProductListResponse).toHaveProperty('items');
  });

  // PostgreSQL: written through a second connection pool, as another process would.
  // PGlite: written through the same database handle, outside the API.
  it('should show a catalog change written outside the API at once', async () => {
    const other = await fixture.testDb.openAnother();
    const found = await list('?q=' + encodeURIComponent('鲤鱼'));
    const id = found.body.items[0]!.id;
    const before = await getJson<ProductDetail>(`${fixture.app.baseUrl}/api/products/${id}`);
    const sku = before.body.skus[0]!;
    const newPrice = sku.priceFen + 1;
    await other.db.update(schema.skus).set({ priceFen: newPrice }).where(eq(schema.skus.id, sku.id));
    const deadline = Date.now() + 3_000;
    let seen = -1;
    while (Date.now() < deadline) {
      const now = await getJson<ProductDetail>(`${fixture.app.baseUrl}/api/products/${id}`);
      seen = now.body.skus.find((s) => s.id === sku.id)!.priceFen;
      if (seen === newPrice) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seen).toBe(newPrice);
    const listed = await list('?q=' + encodeURIComponent('鲤鱼') + '&pageSize=50');
    const item = listed.body.items.find((i) => i.id === id)!;
    expect(item.priceFen).toBe(Math.min(newPrice, ...before.body.skus.filter((s) => s.id !== sku.id).map((s) => s.priceFen)));
    await other.close();
  });
});

describe('OpenAPI', () => {
  it('should describe every endpoint in OpenAPI 3.1 and serve readable docs', async () => {
    type Operation = { responses: Record<string, unknown>; security?: unknown[] };
    const doc = await getJson<{ openapi: string; paths: Record<string, Record<string, Operation>> }>(
      `${fixture.app.baseUrl}/api/openapi.json`,
    );
    expect(doc.body.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.body.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const declared = Object.values(endpoints).map((e) => `${e.method} ${e.path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(declared.sort());
    expect(doc.body.paths['/api/products/{id}']!.get!.responses['404']).toBeDefined();
    expect(doc.body.paths['/api/products/{id}']!.get!.security).toBeUndefined();
    expect(doc.body.paths['/api/me']!.get!.security).toEqual([{ bearer: [] }]);
    const docs = await fetch(`${fixture.app.baseUrl}/api/docs`);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('/api/openapi.json');
  });

});
