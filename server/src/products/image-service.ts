import type { Db, Tx } from '@qiaodu/db';
import {
  IMAGE_ALT_MAX,
  lengthProblem,
  PICTURES_LOCKED_ON_SALE_MESSAGE,
  PRODUCT_DESCRIPTION_IMAGES_MAX,
  PRODUCT_GALLERY_MAX,
  PRODUCT_IMAGE_KINDS,
  textRule,
  type ConsoleImage,
  type ProductImageKind,
} from '@qiaodu/shared';
import { z } from 'zod';
import { attributionIn } from '../audit/attribution';
import { AppError } from '../http/app-error';
import { parseInput } from '../http/validation';
import { productImageKeys, storeProductImage } from '../media/product-image';
import type { MediaStorage } from '../media/storage';
import type { UploadedFile } from '../media/upload';
import type { Actor } from '../policy/actor';
import { insertActivity } from './activity-repository';
import { withoutImage } from './description';
import { requireTeamProduct } from './detail';
import * as images from './image-repository';
import { toConsoleImage } from './mapper';
import { updateProduct, type ProductRow } from './repository';
import { sendBackForReview } from './review-again';
import { editOutcome, NOT_EDITABLE_MESSAGE } from './rules';

const LIMITS: Record<ProductImageKind, number> = { gallery: PRODUCT_GALLERY_MAX, description: PRODUCT_DESCRIPTION_IMAGES_MAX };
const KIND_LABELS: Record<ProductImageKind, string> = { gallery: '主图', description: '详情图' };

/** The text fields that ride along with the file. */
const UploadFields = z.object({
  kind: z.enum(PRODUCT_IMAGE_KINDS, { error: '图片类型只能是 gallery（主图）或 description（详情图）' }).default('gallery'),
  alt: textRule((text) => lengthProblem(text, '图片说明', 0, IMAGE_ALT_MAX), { missing: '请填写图片说明' }).default(''),
});

const limitReached = (kind: ProductImageKind) =>
  new AppError('IMAGE_LIMIT_REACHED', `${KIND_LABELS[kind]}最多 ${LIMITS[kind]} 张，请先删除不用的图片`, { kind, max: LIMITS[kind] });

/**
 * Pictures are what customers see first, so every picture change is a content change under the
 * review rule: refused on sale and under review, and it sends an off-shelf product back to draft.
 */
function requireEditable(product: ProductRow): void {
  if (editOutcome(product.status, 'content') !== 'refuse') return;
  throw new AppError('INVALID_STATE', product.status === 'on_sale' ? PICTURES_LOCKED_ON_SALE_MESSAGE : NOT_EDITABLE_MESSAGE);
}

/** After a picture change: an off-shelf product needs a new review before it sells again. */
async function reviewAgainIfNeeded(tx: Tx, product: ProductRow, actor: Actor, now: Date): Promise<void> {
  if (editOutcome(product.status, 'content') === 'back_to_draft') await sendBackForReview(tx, product, await attributionIn(tx, actor, product.teamId), now);
}

/** Product pictures (美工): uploaded, processed into WebP sizes, ordered, removed with their files. */
export function createImageService(deps: { db: Db; clock: () => Date; media: MediaStorage }) {
  const { db, clock, media } = deps;

  /** The product, locked, in a state that takes picture changes. */
  async function lockEditable(tx: Tx, teamId: number, productId: number): Promise<ProductRow> {
    const product = await requireTeamProduct(tx, teamId, productId, { lock: true });
    requireEditable(product);
    return product;
  }

  return {
    /**
     * Everything that can refuse the upload cheaply is asked before the body is read and again
     * before sharp decodes it; the count is asked a last time under the product's lock, so two
     * parallel uploads cannot make a tenth picture. Files stored for a row that was never
     * written are removed.
     */
    async upload(actor: Actor, teamId: number, productId: number, read: () => Promise<UploadedFile>): Promise<ConsoleImage> {
      requireEditable(await requireTeamProduct(db, teamId, productId));
      const before = await images.countImages(db, productId);
      if (PRODUCT_IMAGE_KINDS.every((kind) => before[kind] >= LIMITS[kind])) throw limitReached('gallery');

      const file = await read();
      const fields = parseInput(UploadFields, file.fields, 'body');
      if ((await images.countImages(db, productId))[fields.kind] >= LIMITS[fields.kind]) throw limitReached(fields.kind);

      const stored = await storeProductImage(media, file.bytes, `products/${productId}`);
      try {
        return await db.transaction(async (tx) => {
          const product = await lockEditable(tx, teamId, productId);
          const position = (await images.countImages(tx, productId))[fields.kind];
          if (position >= LIMITS[fields.kind]) throw limitReached(fields.kind);
          const now = clock();
          const by = await attributionIn(tx, actor, teamId);
          const row = await images.insertImage(tx, {
            productId,
            kind: fields.kind,
            position,
            url: stored.url,
            feedUrl: stored.feedUrl,
            zoomUrl: stored.zoomUrl,
            storageKey: stored.storageKey,
            width: stored.width,
            height: stored.height,
            alt: fields.alt,
            createdBy: by.actorId,
            now,
          });
          await updateProduct(tx, productId, {}, now);
          await insertActivity(tx, { productId, teamId, action: 'image_added', comment: KIND_LABELS[fields.kind], by, now });
          await reviewAgainIfNeeded(tx, product, actor, now);
          return toConsoleImage(row);
        });
      } catch (error) {
        // The refusal is what the caller needs to hear; a failed clean-up of local files is not.
        await media.remove(stored.keys).catch(() => undefined);
        throw error;
      }
    },

    /** Later pictures move up; description blocks that showed the picture go with it. */
    async remove(actor: Actor, teamId: number, productId: number, imageId: number): Promise<{ ok: true }> {
      const keys = await db.transaction(async (tx) => {
        const product = await lockEditable(tx, teamId, productId);
        const all = await images.findImages(tx, productId);
        const image = all.find((candidate) => candidate.id === imageId);
        if (!image) throw new AppError('IMAGE_NOT_FOUND');
        const rest = all.filter((other) => other.kind === image.kind && other.id !== image.id);
        await images.deleteImage(tx, image.id);
        await images.renumber(
          tx,
          productId,
          image.kind,
          rest.map((other) => other.id),
        );
        const now = clock();
        const description = withoutImage(product.description, image.url);
        await updateProduct(tx, productId, description ? { description } : {}, now);
        await insertActivity(tx, { productId, teamId, action: 'image_removed', comment: KIND_LABELS[image.kind], by: await attributionIn(tx, actor, teamId), now });
        // Its last picture gone, the product cannot be relisted or approved (completeness) until a new one comes.
        await reviewAgainIfNeeded(tx, product, actor, now);
        return image.storageKey ? productImageKeys(image.storageKey) : [];
      });
      // After the commit: a rolled-back delete keeps its files.
      await media.remove(keys);
      return { ok: true };
    },

    /** The gallery in a new order (the first is the cover): every gallery picture exactly once. */
    async reorder(actor: Actor, teamId: number, productId: number, imageIds: readonly number[]): Promise<{ images: ConsoleImage[] }> {
      return db.transaction(async (tx) => {
        const product = await lockEditable(tx, teamId, productId);
        const gallery = (await images.findImages(tx, productId)).filter((image) => image.kind === 'gallery');
        const known = new Set(gallery.map((image) => image.id));
        const unknown = imageIds.filter((id) => !known.has(id));
        if (unknown.length > 0) throw new AppError('IMAGE_NOT_FOUND', `图片 ${unknown.join('、')} 不是这个商品的主图`, { imageIds: unknown });
        if (new Set(imageIds).size !== imageIds.length || imageIds.length !== gallery.length) {
          throw new AppError('VALIDATION_FAILED', '请按新顺序列出全部主图，每张一次', [{ path: 'body.imageIds', message: '请按新顺序列出全部主图，每张一次' }]);
        }
        if (imageIds.some((id, position) => gallery[position]?.id !== id)) {
          await images.renumber(tx, productId, 'gallery', imageIds);
          const now = clock();
          await updateProduct(tx, productId, {}, now);
          await insertActivity(tx, { productId, teamId, action: 'images_reordered', by: await attributionIn(tx, actor, teamId), now });
          await reviewAgainIfNeeded(tx, product, actor, now);
        }
        const ordered = (await images.findImages(tx, productId)).filter((image) => image.kind === 'gallery');
        return { images: ordered.map(toConsoleImage) };
      });
    },
  };
}

export type ImageService = ReturnType<typeof createImageService>;
