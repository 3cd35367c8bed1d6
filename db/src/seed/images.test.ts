import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from './categories';
import { IMAGE_SIZES, renderSeedImage, SEED_IMAGES } from './images';
import { PARTNERS } from './partners';
import { PRODUCTS } from './products';
import { SEED_IMAGES_DIR, SEED_MEDIA_PREFIX, seedFileName } from './urls';

/** Every image URL the seed data writes to the database. */
function referencedUrls(): string[] {
  return [
    ...PARTNERS.map((p) => p.logoUrl),
    ...CATEGORIES.flatMap((root) => [root.iconUrl, ...root.children.map((child) => child.iconUrl)]),
    ...PRODUCTS.flatMap((p) => [
      ...p.images.map((image) => image.url),
      ...p.description.flatMap((block) => (block.type === 'image' ? [block.url] : [])),
    ]),
  ];
}

/** Tags open and close in order: enough to catch a broken template, without an XML library. */
function tagsBalance(svg: string): boolean {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else {
      stack.push(name!);
    }
  }
  return stack.length === 0;
}

describe('seed images', () => {
  it('refers only to local seed pictures that exist on disk', () => {
    const urls = referencedUrls();
    expect(urls.length).toBeGreaterThan(100);
    for (const url of urls) {
      expect(url, url).not.toMatch(/^(https?:)?\/\//i);
      expect(url.startsWith(SEED_MEDIA_PREFIX), url).toBe(true);
      const file = seedFileName(url);
      expect(file, url).not.toBeNull();
      expect(existsSync(join(SEED_IMAGES_DIR, file!)), `${url} is missing; run npx tsx db/src/seed/generate-images.ts`).toBe(true);
    }
  });

  it('has no external URL anywhere in the data', () => {
    const text = JSON.stringify({ PARTNERS, CATEGORIES, PRODUCTS });
    expect(text).not.toMatch(/https?:\/\//i);
    expect(text).not.toMatch(/"\/\//);
  });

  it('draws every referenced picture, once', () => {
    const files = SEED_IMAGES.map((image) => image.file);
    expect(new Set(files).size).toBe(files.length);
    const referenced = new Set(referencedUrls().map((url) => seedFileName(url)));
    expect(new Set(files)).toEqual(referenced);
  });

  it('keeps db/seed-images exactly in step with the generator', () => {
    const onDisk = readdirSync(SEED_IMAGES_DIR).filter((file) => file.endsWith('.svg'));
    expect(onDisk.sort()).toEqual(SEED_IMAGES.map((image) => image.file).sort());
    for (const image of SEED_IMAGES) {
      const svg = readFileSync(join(SEED_IMAGES_DIR, image.file), 'utf8');
      expect(svg, `${image.file} is stale; run npx tsx db/src/seed/generate-images.ts`).toBe(renderSeedImage(image));
    }
  });

  it('renders small, well-formed, square SVGs', () => {
    for (const image of SEED_IMAGES) {
      const svg = renderSeedImage(image);
      const size = IMAGE_SIZES[image.kind];
      expect(svg.startsWith('<svg '), image.file).toBe(true);
      expect(svg.endsWith('</svg>'), image.file).toBe(true);
      expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      expect(tagsBalance(svg), image.file).toBe(true);
      expect(svg).not.toMatch(/href=|<image|<script|url\((?!#)/);
      expect(Buffer.byteLength(svg), image.file).toBeLessThan(3 * 1024);
    }
  });

  it('writes each product name on its pictures, escaped', () => {
    const product = PRODUCTS.find((p) => p.art.label.includes('鲤鱼'));
    const cover = SEED_IMAGES.find((image) => image.file === seedFileName(product!.images[0]!.url));
    expect(renderSeedImage(cover!)).toContain(product!.art.label);
    expect(renderSeedImage({ ...cover!, label: 'A&B<C>' })).toContain('A&#38;B&#60;C&#62;');
  });
});
