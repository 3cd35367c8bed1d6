import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error';
import { productImageKeys, storeProductImage, type StoredImage } from './product-image';
import { createLocalDiskStorage, type MediaStorage } from './storage';
import { pngBomb } from './testing/png-bomb';

let dir: string;
let storage: MediaStorage;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qiaodu-media-unit-'));
  storage = createLocalDiskStorage({ dir, urlPrefix: '/media/uploads/' });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under the storage folder, temporary ones included. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function fileOf(url: string): Promise<Buffer> {
  return readFile(join(dir, url.slice('/media/uploads/'.length)));
}

function solid(width: number, height: number, channels: 3 | 4 = 3) {
  const background = channels === 4 ? { r: 200, g: 40, b: 40, alpha: 0.5 } : { r: 30, g: 140, b: 90 };
  return sharp({ create: { width, height, channels, background } });
}

async function sizesOf(image: StoredImage) {
  const sizes = [];
  for (const url of [image.feedUrl, image.url, image.zoomUrl]) {
    const meta = await sharp(await fileOf(url)).metadata();
    sizes.push({ format: meta.format, width: meta.width, height: meta.height, hasAlpha: meta.hasAlpha });
  }
  return sizes;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('storeProductImage', () => {
  it('should store feed, detail and zoom WebP files with the right longest edges for a large JPEG', async () => {
    const jpeg = await solid(4000, 3000).jpeg({ quality: 90 }).toBuffer();
    const image = await storeProductImage(storage, jpeg, 'products/12');
    expect(await sizesOf(image)).toEqual([
      { format: 'webp', width: 480, height: 360, hasAlpha: false },
      { format: 'webp', width: 1080, height: 810, hasAlpha: false },
      { format: 'webp', width: 2048, height: 1536, hasAlpha: false },
    ]);
    expect(image).toMatchObject({ width: 1080, height: 810 });
    expect(image.storageKey).toMatch(/^products\/12\/[0-9a-f]{24}$/);
    expect(image.keys).toEqual(productImageKeys(image.storageKey));
    expect(image.keys).toEqual(['feed', 'detail', 'zoom'].map((size) => `${image.storageKey}-${size}.webp`));
    expect(image.url).toBe(`/media/uploads/${image.storageKey}-detail.webp`);
    expect(image.feedUrl).toBe(`/media/uploads/${image.storageKey}-feed.webp`);
    expect(image.zoomUrl).toBe(`/media/uploads/${image.storageKey}-zoom.webp`);
    expect((await storedFiles()).sort()).toEqual(image.keys.map((key) => join(dir, key)).sort());
  });

  it('should keep the transparency of a PNG and scale a tall one by its height', async () => {
    const png = await solid(1500, 3000, 4).png().toBuffer();
    const image = await storeProductImage(storage, png, 'products/3');
    expect(await sizesOf(image)).toEqual([
      { format: 'webp', width: 240, height: 480, hasAlpha: true },
      { format: 'webp', width: 540, height: 1080, hasAlpha: true },
      { format: 'webp', width: 1024, height: 2048, hasAlpha: true },
    ]);
  });

  it('should never enlarge a small image', async () => {
    const webp = await solid(300, 200).webp().toBuffer();
    const image = await storeProductImage(storage, webp, 'products/3');
    expect((await sizesOf(image)).map(({ width, height }) => [width, height])).toEqual([
      [300, 200],
      [300, 200],
      [300, 200],
    ]);
    expect(image).toMatchObject({ width: 300, height: 200 });
  });

  it('should turn a phone photo upright by its EXIF orientation', async () => {
    // Stored landscape, red on the left; orientation 6 means "turn 90° clockwise to view".
    const red = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#0000ff' } })
      .composite([{ input: red, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = await storeProductImage(storage, jpeg, 'products/3');
    expect(image).toMatchObject({ width: 400, height: 600 });
    const { data, info } = await sharp(await fileOf(image.url)).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [top, bottom] = [pixel(200, 50), pixel(200, 550)];
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
  });

  it('should strip EXIF (GPS position), XMP and ICC data from every size', async () => {
    const jpeg = await solid(800, 600)
      .jpeg()
      .withIccProfile('p3')
      .withExif({
        IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Copyright: 'student' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 35/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '113/1 4/1 0/1' },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .toBuffer();
    const original = await sharp(jpeg).metadata();
    expect(original.exif?.includes(Buffer.from('PhoneMaker'))).toBe(true);
    expect(original.icc).toBeDefined();
    expect(original.xmp).toBeDefined();

    const image = await storeProductImage(storage, jpeg, 'products/3');
    for (const url of [image.feedUrl, image.url, image.zoomUrl]) {
      const bytes = await fileOf(url);
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
    }
  });

  describe('should refuse bad files with their code and store nothing', () => {
    const cases: [string, () => Promise<Buffer>, string][] = [
      ['a PDF renamed .jpg', async () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'), 'IMAGE_UNSUPPORTED'],
      ['plain text', async () => Buffer.from('这不是图片'), 'IMAGE_UNSUPPORTED'],
      ['a GIF', () => solid(40, 40).gif().toBuffer(), 'IMAGE_UNSUPPORTED'],
      [
        'an SVG',
        async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
        'IMAGE_UNSUPPORTED',
      ],
      ['zero bytes', async () => Buffer.alloc(0), 'IMAGE_INVALID'],
      ['only a JPEG signature', async () => Buffer.from([0xff, 0xd8, 0xff]), 'IMAGE_INVALID'],
      ['a truncated JPEG', async () => (await solid(800, 600).jpeg().toBuffer()).subarray(0, 2000), 'IMAGE_INVALID'],
      ['a PNG with damaged pixel data', async () => corruptMiddle(await noisyPng()), 'IMAGE_INVALID'],
      ['a decompression bomb (20000 × 20000 PNG)', async () => pngBomb(20_000, 20_000), 'IMAGE_TOO_MANY_PIXELS'],
    ];
    for (const [name, make, code] of cases) {
      it(`should answer ${code} to ${name}`, async () => {
        const bytes = await make();
        expect(await codeOf(storeProductImage(storage, bytes, 'products/3'))).toBe(code);
        expect(await storedFiles()).toEqual([]);
      });
    }
  });

  it('should remove what it stored when storing a later size fails', async () => {
    // The real disk store, failing its third write the way a full disk would.
    let writes = 0;
    const failing: MediaStorage = {
      ...storage,
      async put(key, bytes, contentType) {
        writes += 1;
        if (writes === 3) throw new Error('ENOSPC: no space left on device');
        await storage.put(key, bytes, contentType);
      },
    };
    const jpeg = await solid(800, 600).jpeg().toBuffer();
    await expect(storeProductImage(failing, jpeg, 'products/3')).rejects.toThrow(/ENOSPC/);
    expect(writes).toBe(3);
    expect(await storedFiles()).toEqual([]);
  });
});

async function noisyPng(): Promise<Buffer> {
  const pixels = Buffer.alloc(200 * 200 * 3);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = (i * 7919) % 251;
  return sharp(pixels, { raw: { width: 200, height: 200, channels: 3 } }).png().toBuffer();
}

/** Overwrites the middle of the compressed pixel data with garbage, keeping the length. */
function corruptMiddle(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy.fill(0xab, Math.floor(copy.length / 2), Math.floor(copy.length / 2) + 64);
  return copy;
}
