import { IMAGE_BYTES_MAX, PRODUCT_GALLERY_MAX } from '@qiaodu/shared';

/** What the file chooser offers; the server judges the bytes themselves, not these names. */
export const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp';
const ACCEPTED_TYPES = new Set(IMAGE_ACCEPT.split(','));

/**
 * Why a chosen file cannot be sent, checked before any byte goes out (a 30 MB photo on campus
 * Wi-Fi is a long wait for a 413); null when it may go. An empty type (some Android pickers)
 * is left to the server.
 */
export function imageFileProblem(file: { name: string; size: number; type: string }): string | null {
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.type && !ACCEPTED_TYPES.has(file.type)) return `“${file.name}”不是 JPEG、PNG 或 WebP 图片`;
  if (file.size > IMAGE_BYTES_MAX) return `“${file.name}”超过 10 MB，请压缩后再上传`;
  return null;
}

/** How many of the chosen files fit beside the pictures already there (at most 9 per product). */
export function galleryRoom(existing: number, max = PRODUCT_GALLERY_MAX): number {
  return Math.max(0, max - existing);
}

/** The ids in their new order after moving one picture a step left (-1) or right (+1). */
export function movedOrder(ids: readonly number[], id: number, step: -1 | 1): number[] {
  const from = ids.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= ids.length) return [...ids];
  const next = [...ids];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
