import { randomBytes } from 'node:crypto';
import { IMAGE_PIXELS_MAX, IMAGE_SIZES, type ImageSize } from '@qiaodu/shared';
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from 'sharp';
import { AppError } from '../http/app-error';
import { sniffImageFormat } from './image-format';
import { createLimiter } from './limiter';
import type { MediaStorage } from './storage';

/*
 * The shop runs on a 2-core machine that also answers the shop's pages. libvips would use one
 * thread per core for each image and keep decoded images in a 50 MB operation cache; uploads
 * are each processed once, so the cache only holds memory, and one thread per image plus one
 * image at a time (below) leaves a core for everything else.
 */
sharp.cache(false);
sharp.concurrency(1);
const oneImageAtATime = createLimiter(1);

export interface StoredImage {
  /** Every key written (feed, detail, zoom): what to remove when the picture goes. */
  keys: string[];
  /** The stem shared by the keys; productImageKeys(storageKey) gives them back. */
  storageKey: string;
  /** The detail size. */
  url: string;
  feedUrl: string;
  zoomUrl: string;
  /** Of the detail size, after rotation. */
  width: number;
  height: number;
}

const SIZE_NAMES = ['feed', 'detail', 'zoom'] as const satisfies readonly ImageSize[];
const WEBP_QUALITY = 80;

function keyOf(storageKey: string, size: ImageSize): string {
  return `${storageKey}-${size}.webp`;
}

/** The media keys of a stored picture, from the `storageKey` kept with it. */
export function productImageKeys(storageKey: string): string[] {
  return SIZE_NAMES.map((size) => keyOf(storageKey, size));
}

/*
 * failOn 'error': truncated or corrupt pixel data is refused, while the harmless warnings
 * phone cameras' JPEGs often carry are not. The pixel limit repeats the header check below.
 */
const INPUT_OPTIONS = { failOn: 'error', limitInputPixels: IMAGE_PIXELS_MAX } as const satisfies SharpOptions;

const invalid = (cause?: unknown) => new AppError('IMAGE_INVALID', undefined, undefined, { cause });

/** Checks what the bytes are from their header alone, before anything is decoded. */
async function checkHeader(bytes: Buffer): Promise<void> {
  if (bytes.length === 0) throw new AppError('IMAGE_INVALID', '图片文件是空的');
  const format = sniffImageFormat(bytes);
  if (!format) throw new AppError('IMAGE_UNSUPPORTED');
  let metadata: Metadata;
  try {
    // Without a limit here, so that a bomb is reported as one rather than as a broken file.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw invalid(error);
  }
  if (metadata.format !== format) throw new AppError('IMAGE_UNSUPPORTED');
  const { width, height } = metadata;
  if (!width || !height) throw invalid();
  if (width * height > IMAGE_PIXELS_MAX) throw new AppError('IMAGE_TOO_MANY_PIXELS', undefined, { width, height, maxPixels: IMAGE_PIXELS_MAX });
}

const box = (edge: number) => ({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true }) as const;

export interface Encoded {
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * Decodes once, upright (EXIF orientation applied) and in sRGB, at the largest size; each
 * size is then encoded from those pixels. WebP output carries no EXIF, XMP or ICC data, so
 * a phone photo's GPS position does not leave with it.
 */
async function encodeSizes(bytes: Buffer): Promise<Record<ImageSize, Encoded>> {
  let pixels: { data: Buffer; info: OutputInfo };
  try {
    pixels = await sharp(bytes, INPUT_OPTIONS)
      .autoOrient()
      .resize(box(IMAGE_SIZES.zoom))
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw invalid(error);
  }
  const { width, height, channels } = pixels.info;
  const encoded = {} as Record<ImageSize, Encoded>;
  for (const size of SIZE_NAMES) {
    const out = await sharp(pixels.data, { raw: { width, height, channels } })
      .resize(box(IMAGE_SIZES[size]))
      .webp({ quality: WEBP_QUALITY })
      .toBuffer({ resolveWithObject: true });
    encoded[size] = { bytes: out.data, width: out.info.width, height: out.info.height };
  }
  return encoded;
}

/**
 * One WebP of at most `edge` px, checked and decoded exactly as product pictures are (refund
 * photos need one size only). Like them, it carries no EXIF: a phone photo's position stays home.
 */
export async function encodeOneWebp(bytes: Buffer, edge: number): Promise<Encoded> {
  return oneImageAtATime(async () => {
    await checkHeader(bytes);
    let out: { data: Buffer; info: OutputInfo };
    try {
      out = await sharp(bytes, INPUT_OPTIONS)
        .autoOrient()
        .resize(box(edge))
        .toColourspace('srgb')
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw invalid(error);
    }
    return { bytes: out.data, width: out.info.width, height: out.info.height };
  });
}

/**
 * Validates by content, processes with sharp into WebP sizes IMAGE_SIZES (feed 480, detail
 * 1080, zoom 2048 longest edge, never enlarged), stores them under
 * `${keyPrefix}/${random}-{feed,detail,zoom}.webp`, returns keys and URLs. url = detail.
 * Nothing is stored unless every size was made, and a failed store removes what it wrote.
 */
export async function storeProductImage(storage: MediaStorage, bytes: Buffer, keyPrefix: string): Promise<StoredImage> {
  const encoded = await oneImageAtATime(async () => {
    await checkHeader(bytes);
    return encodeSizes(bytes);
  });
  // Random and never reused: the files are served as immutable under their key.
  const storageKey = `${keyPrefix}/${randomBytes(12).toString('hex')}`;
  const keys = productImageKeys(storageKey);
  // Settled, not raced: clean-up must not run while another size is still being written.
  const puts = await Promise.allSettled(SIZE_NAMES.map((size) => storage.put(keyOf(storageKey, size), encoded[size].bytes, 'image/webp')));
  const failed = puts.find((put) => put.status === 'rejected');
  if (failed) {
    // Best effort: the store's own failure is the one worth reporting.
    await storage.remove(keys).catch(() => undefined);
    throw failed.reason;
  }
  return {
    keys,
    storageKey,
    url: storage.urlOf(keyOf(storageKey, 'detail')),
    feedUrl: storage.urlOf(keyOf(storageKey, 'feed')),
    zoomUrl: storage.urlOf(keyOf(storageKey, 'zoom')),
    width: encoded.detail.width,
    height: encoded.detail.height,
  };
}
