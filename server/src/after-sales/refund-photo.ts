import { randomBytes } from 'node:crypto';
import { IMAGE_SIZES } from '@qiaodu/shared';
import { encodeOneWebp } from '../media/product-image';
import type { MediaStorage } from '../media/storage';

/** Photos of a refund are looked at, not zoomed into: the detail size is plenty. */
const PHOTO_EDGE = IMAGE_SIZES.detail;
const PHOTO_NAME = /^[0-9a-f]{24}\.webp$/;

const folderOf = (customerId: number, orderId: number) => `refunds/${customerId}/${orderId}/`;

/**
 * Stores one refund photo as WebP under refunds/<customer>/<order>/<random>.webp and answers
 * its URL. The folder names who uploaded it for which order, so a refund request can accept
 * only photos its own customer uploaded for that order.
 */
export async function storeRefundPhoto(media: MediaStorage, bytes: Buffer, customerId: number, orderId: number): Promise<string> {
  const encoded = await encodeOneWebp(bytes, PHOTO_EDGE);
  const key = `${folderOf(customerId, orderId)}${randomBytes(12).toString('hex')}.webp`;
  await media.put(key, encoded.bytes, 'image/webp');
  return media.urlOf(key);
}

/** Why a URL in a refund request is not a photo this customer uploaded for this order; null if it is. */
export function photoUrlProblem(media: MediaStorage, customerId: number, orderId: number, url: string): string | null {
  const prefix = media.urlOf(folderOf(customerId, orderId));
  if (url.startsWith(prefix) && PHOTO_NAME.test(url.slice(prefix.length))) return null;
  return '请先上传售后凭证图片，再提交申请';
}
