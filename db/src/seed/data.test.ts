import { HERITAGE_LEVELS, JIANGMEN_REGIONS, PARTNER_KINDS } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from './categories';
import { PARTNERS } from './partners';
import { PRODUCTS } from './products';
import { TEAMS } from './teams';

const unique = (values: readonly string[]) => new Set(values).size === values.length;

describe('seed data', () => {
  it('has unique slugs and well-formed, unique SKU codes', () => {
    expect(unique(PARTNERS.map((p) => p.slug))).toBe(true);
    expect(unique(TEAMS.map((t) => t.slug))).toBe(true);
    expect(unique(CATEGORIES.flatMap((c) => [c.slug, ...c.children.map((child) => child.slug)]))).toBe(true);
    expect(unique(PRODUCTS.map((p) => p.slug))).toBe(true);
    const codes = PRODUCTS.flatMap((p) => p.skus.map((s) => s.code));
    expect(unique(codes)).toBe(true);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('has partners of every kind in real Jiangmen places, with contacts', () => {
    expect(PARTNERS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(PARTNERS.map((p) => p.kind))).toEqual(new Set(PARTNER_KINDS));
    expect(PARTNERS.some((p) => p.name.includes('生恭鲤鱼') && p.kind === 'heritage' && p.heritageLevel === 'city')).toBe(true);
    for (const p of PARTNERS) {
      expect(JIANGMEN_REGIONS).toContain(p.region);
      expect(p.contactPhone).toMatch(/^1\d{10}$/);
      expect(p.intro.length).toBeGreaterThan(5);
      expect(p.story.length).toBeGreaterThan(40);
      if (p.kind === 'heritage') {
        expect(HERITAGE_LEVELS).toContain(p.heritageLevel);
        expect(p.craft).toBeTruthy();
      } else {
        expect(p.heritageLevel).toBeNull();
      }
    }
  });

  it('links every team to known partners, and every product to a team that runs its partner', () => {
    expect(TEAMS).toHaveLength(4);
    const partnerSlugs = new Set(PARTNERS.map((p) => p.slug));
    for (const team of TEAMS) for (const slug of team.partnerSlugs) expect(partnerSlugs).toContain(slug);
    for (const product of PRODUCTS) {
      const team = TEAMS.find((t) => t.slug === product.teamSlug);
      expect(team?.partnerSlugs, product.slug).toContain(product.partnerSlug);
    }
  });

  it('has two-level categories and products only on the second level', () => {
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(6);
    const children = new Set<string>();
    for (const root of CATEGORIES) {
      expect(root.children.length).toBeGreaterThanOrEqual(2);
      expect(root.children.length).toBeLessThanOrEqual(4);
      for (const child of root.children) children.add(child.slug);
    }
    for (const product of PRODUCTS) expect(children, product.slug).toContain(product.categorySlug);
  });

  it('gives every product 1–4 pictures, 1–4 SKUs and a real description', () => {
    expect(PRODUCTS.length).toBeGreaterThanOrEqual(32);
    for (const p of PRODUCTS) {
      expect(p.images.length, p.slug).toBeGreaterThanOrEqual(1);
      expect(p.images.length, p.slug).toBeLessThanOrEqual(4);
      expect(p.skus.length, p.slug).toBeGreaterThanOrEqual(1);
      expect(p.skus.length, p.slug).toBeLessThanOrEqual(4);
      expect(p.description.filter((b) => b.type === 'text').length, p.slug).toBeGreaterThanOrEqual(1);
      const own = new Set(p.images.map((image) => image.url));
      for (const block of p.description) if (block.type === 'image') expect(own, p.slug).toContain(block.url);
      const text = JSON.stringify(p);
      expect(text).not.toMatch(/lorem|ipsum|TODO|占位|测试商品/i);
    }
  });

  it('prices in whole fen, with list prices above the price', () => {
    for (const p of PRODUCTS) {
      for (const sku of p.skus) {
        expect(Number.isInteger(sku.priceFen) && sku.priceFen > 0, sku.code).toBe(true);
        expect(Number.isInteger(sku.stock) && sku.stock >= 0, sku.code).toBe(true);
        expect(Number.isInteger(sku.sales) && sku.sales >= 0, sku.code).toBe(true);
        if (sku.originalPriceFen !== null) {
          expect(Number.isInteger(sku.originalPriceFen), sku.code).toBe(true);
          expect(sku.originalPriceFen, sku.code).toBeGreaterThan(sku.priceFen);
        }
      }
      if (p.status === 'draft') expect(p.skus.every((s) => s.sales === 0), p.slug).toBe(true);
    }
    expect(PRODUCTS.some((p) => p.skus.some((s) => s.originalPriceFen !== null))).toBe(true);
  });

  it('uses one spec name set per product and lists every combination', () => {
    for (const p of PRODUCTS) {
      const names = p.skus[0]!.specs.map((s) => s.name);
      const values = names.map((_, i) => new Set(p.skus.map((sku) => sku.specs[i]?.value)));
      for (const sku of p.skus) expect(sku.specs.map((s) => s.name), sku.code).toEqual(names);
      const combinations = values.reduce((n, set) => n * set.size, 1);
      expect(p.skus.length, p.slug).toBe(combinations);
      expect(unique(p.skus.map((sku) => JSON.stringify(sku.specs))), p.slug).toBe(true);
    }
    expect(PRODUCTS.some((p) => p.skus[0]!.specs.length === 2 && p.skus.length === 4)).toBe(true);
  });

  it('has drafts, an off-shelf product, sold-out and low-stock goods', () => {
    const onSale = PRODUCTS.filter((p) => p.status === 'on_sale');
    expect(PRODUCTS.filter((p) => p.status === 'draft')).toHaveLength(2);
    expect(PRODUCTS.filter((p) => p.status === 'off_shelf')).toHaveLength(1);
    expect(onSale.filter((p) => p.skus.every((s) => s.stock === 0))).toHaveLength(2);
    expect(onSale.filter((p) => p.skus.some((s) => s.stock > 0 && s.stock <= 5)).length).toBeGreaterThanOrEqual(3);
    for (const p of PRODUCTS) expect(p.publishedDaysAgo === null, p.slug).toBe(p.status === 'draft');
    const days = onSale.map((p) => p.publishedDaysAgo!);
    expect(Math.max(...days)).toBeLessThanOrEqual(60);
    expect(new Set(days).size).toBe(days.length);
  });

  it('gives heritage goods full provenance, 鲤鱼 among them', () => {
    const heritage = PRODUCTS.filter((p) => p.heritage);
    expect(heritage.length).toBeGreaterThanOrEqual(8);
    for (const p of heritage) {
      const h = p.heritage!;
      expect(HERITAGE_LEVELS).toContain(h.level);
      expect(JIANGMEN_REGIONS).toContain(h.region);
      expect(h.craft && h.inheritor && h.story.length > 40, p.slug).toBeTruthy();
      expect(PARTNERS.find((partner) => partner.slug === p.partnerSlug)?.kind, p.slug).toBe('heritage');
    }
    const carp = PRODUCTS.filter((p) => p.title.includes('鲤鱼'));
    expect(carp.length).toBeGreaterThanOrEqual(3);
    for (const p of carp) expect(p.heritage?.craft, p.slug).toBe('生恭鲤鱼制作技艺');
  });
});
