import { randomBytes } from 'node:crypto';
import type { Db, Tx } from '@qiaodu/db';
import {
  formatFen,
  PRICES_ONLY_ON_SALE_MESSAGE,
  type ConsoleProductDetail,
  type ConsoleProductList,
  type ProductDetail,
  type ProductInput,
  type TeamProductListQuery,
} from '@qiaodu/shared';
import type { z } from 'zod';
import { attributionIn } from '../audit/attribution';
import { toProductDetail } from '../catalog/mapper';
import { findTeamProductAsShown } from '../catalog/repository';
import { onUniqueViolation } from '../console/unique-violation';
import { AppError } from '../http/app-error';
import type { MediaStorage } from '../media/storage';
import { productImageKeys } from '../media/product-image';
import type { Actor } from '../policy/actor';
import { findLatestActivity, insertActivity, insertPriceChanges, REVIEW_ACTIONS } from './activity-repository';
import { strayDescriptionImages } from './description';
import { loadConsoleDetail, requireTeamProduct } from './detail';
import { findImages, findStorageKeys } from './image-repository';
import { findTeamProductPage, productStatusCounts } from './list-repository';
import { toConsoleProductSummary } from './mapper';
import * as repository from './repository';
import { sendBackForReview } from './review-again';
import { classifyEdit, editOutcome, isEditable, NOT_EDITABLE_MESSAGE } from './rules';
import { planSkus, type PriceChangePlan, type SkuPlan } from './sku-plan';

type ProductInputData = z.output<typeof ProductInput>;
type ListQuery = z.output<typeof TeamProductListQuery>;

/**
 * The database is the judge of SKU codes: a code taken by a concurrent save is a 409 too, and
 * codes are unique whatever their case (the index on upper(code)).
 */
const skuCodesUnique = <T>(work: () => Promise<T>) => onUniqueViolation(work, ['skus_code_key', 'skus_code_upper_key'], 'SKU_CODE_TAKEN');

/** Random, so that two teams creating products at once never race for a slug. */
const newSlug = (teamId: number) => `t${teamId}-${randomBytes(6).toString('hex')}`;

function productValues(input: ProductInputData): repository.ProductValues {
  return {
    title: input.title,
    subtitle: input.subtitle,
    categoryId: input.categoryId,
    partnerId: input.partnerId,
    description: input.description,
    heritageLevel: input.heritage?.level ?? null,
    heritageCraft: input.heritage?.craft ?? null,
    heritageInheritor: input.heritage?.inheritor ?? null,
    heritageRegion: input.heritage?.region ?? null,
    heritageStory: input.heritage?.story ?? null,
  };
}

const fenOrNone = (fen: number | null) => (fen === null ? '无' : formatFen(fen));

const limitText = (limit: number | null) => (limit === null ? '不限' : `每人 ${limit} 件`);
/** “限购：不限 → 每人 2 件”, for the product's trail. */
const describeLimitChange = (from: number | null, to: number | null) => `限购：${limitText(from)} → ${limitText(to)}`;

/** “A-01：售价 ¥12.00 → ¥10.00”, one line per SKU, for the product's trail. */
function describePriceChanges(changes: readonly PriceChangePlan[]): string {
  return changes
    .map((change) => {
      const parts: string[] = [];
      if (change.fromFen !== change.toFen) parts.push(`售价 ${formatFen(change.fromFen)} → ${formatFen(change.toFen)}`);
      if (change.fromOriginalFen !== change.toOriginalFen) {
        parts.push(`划线价 ${fenOrNone(change.fromOriginalFen)} → ${fenOrNone(change.toOriginalFen)}`);
      }
      return `${change.code}：${parts.join('，')}`;
    })
    .join('；');
}

/** A new category or partner must be one the team may use; unchanged ones stay as they are. */
async function checkReferences(tx: Tx, teamId: number, values: repository.ProductValues, current?: repository.ProductRow): Promise<void> {
  if (values.categoryId !== current?.categoryId) {
    const state = await repository.categoryState(tx, values.categoryId);
    if (state === 'missing') throw new AppError('CATEGORY_NOT_FOUND');
    if (state === 'not_leaf') throw new AppError('CATEGORY_NOT_FOUND', '请选择具体的二级分类');
  }
  if (values.partnerId !== current?.partnerId && !(await repository.teamRunsPartner(tx, teamId, values.partnerId))) {
    throw new AppError('PARTNER_NOT_LINKED');
  }
}

function requireOwnDescriptionImages(values: repository.ProductValues, ownUrls: ReadonlySet<string>): void {
  const issues = strayDescriptionImages(values.description, ownUrls);
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', issues[0]!.message, issues);
}

async function requireFreeCodes(tx: Tx, codes: readonly string[], productId: number | null): Promise<void> {
  const taken = await repository.codesTakenElsewhere(tx, codes, productId);
  if (taken.length > 0) throw new AppError('SKU_CODE_TAKEN', `规格编码 ${taken.join('、')} 已被其他商品使用`, { codes: taken });
}

/**
 * Writes a SKU plan. Removed SKUs go first and renamed ones pass through a temporary code, so
 * codes moving between this product's SKUs (A↔B) never collide with themselves.
 */
async function applySkuPlan(tx: Tx, productId: number, plan: SkuPlan, now: Date): Promise<void> {
  await repository.deleteSkus(
    tx,
    plan.deletes.map((sku) => sku.id),
  );
  for (const sku of plan.updates.filter((update) => update.codeChanged)) {
    await repository.updateSku(tx, sku.id, { code: `renaming-${sku.id}-${randomBytes(4).toString('hex')}` }, now);
  }
  for (const { id, codeChanged: _codeChanged, ...values } of plan.updates) await repository.updateSku(tx, id, values, now);
  await repository.insertSkus(tx, productId, plan.inserts, now);
}

/** A team's products in the console: what they sell, at which price, with which pictures. */
export function createProductService(deps: { db: Db; clock: () => Date; media: MediaStorage }) {
  const { db, clock, media } = deps;

  return {
    async list(teamId: number, query: ListQuery): Promise<ConsoleProductList> {
      const [{ rows, total }, statusCounts] = await Promise.all([findTeamProductPage(db, teamId, query), productStatusCounts(db, teamId)]);
      const reviews = await findLatestActivity(
        db,
        rows.map((row) => row.id),
        REVIEW_ACTIONS,
      );
      return {
        items: rows.map((row) => toConsoleProductSummary(row, reviews.get(row.id))),
        total,
        page: query.page,
        pageSize: query.pageSize,
        statusCounts,
      };
    },

    get(actor: Actor, teamId: number, productId: number): Promise<ConsoleProductDetail> {
      return loadConsoleDetail(db, actor, teamId, productId);
    },

    /** Exactly what the shop's product page would show, whatever the status. */
    async preview(teamId: number, productId: number): Promise<ProductDetail> {
      const row = await findTeamProductAsShown(db, teamId, productId);
      if (!row) throw new AppError('PRODUCT_NOT_FOUND', '商品不存在');
      return toProductDetail(row);
    },

    create(actor: Actor, teamId: number, input: ProductInputData): Promise<ConsoleProductDetail> {
      const values = productValues(input);
      return skuCodesUnique(() =>
        db.transaction(async (tx) => {
          await checkReferences(tx, teamId, values);
          // A new product has no pictures yet, so its description cannot show any.
          requireOwnDescriptionImages(values, new Set());
          const plan = planSkus([], input.skus);
          await requireFreeCodes(
            tx,
            plan.inserts.map((sku) => sku.code),
            null,
          );
          const now = clock();
          const productId = await repository.insertProduct(tx, { ...values, purchaseLimit: input.purchaseLimit, slug: newSlug(teamId), teamId, now });
          await applySkuPlan(tx, productId, plan, now);
          await insertActivity(tx, { productId, teamId, action: 'created', by: await attributionIn(tx, actor, teamId), now });
          return loadConsoleDetail(tx, actor, teamId, productId);
        }),
      );
    },

    /**
     * Replaces the product's fields and SKUs under the review rule (classifyEdit, editOutcome):
     * on sale only prices and weights change, live at once; off the shelf anything else sends
     * the product back to draft for review. Every price change is kept in the history. 限购 is
     * a selling rule like a price, not reviewed content: it changes in any editable status
     * without a review, and each change is noted in the product's trail.
     */
    update(actor: Actor, teamId: number, productId: number, input: ProductInputData): Promise<ConsoleProductDetail> {
      const values = productValues(input);
      return skuCodesUnique(() =>
        db.transaction(async (tx) => {
          const product = await requireTeamProduct(tx, teamId, productId, { lock: true });
          if (!isEditable(product.status)) throw new AppError('INVALID_STATE', NOT_EDITABLE_MESSAGE);
          const { kind, plan } = classifyEdit({ values: product, skus: await repository.findSkus(tx, productId) }, { values, skus: input.skus });
          if (plan.unknownIds.length > 0) {
            throw new AppError('SKU_NOT_FOUND', `规格 ${plan.unknownIds.join('、')} 不属于这个商品`, { skuIds: plan.unknownIds });
          }
          const outcome = editOutcome(product.status, kind);
          if (outcome === 'refuse') throw new AppError('INVALID_STATE', PRICES_ONLY_ON_SALE_MESSAGE);
          await checkReferences(tx, teamId, values, product);
          const images = await findImages(tx, productId);
          // Seeded descriptions show their gallery pictures, so any picture of the product counts as its own.
          requireOwnDescriptionImages(values, new Set(images.map((image) => image.url)));
          // Deleting a SKU would erase its ledger, count lines and price history with it.
          const kept = await repository.skusThatMustStay(
            tx,
            plan.deletes.map((sku) => sku.id),
          );
          if (kept.length > 0) {
            const codes = plan.deletes.filter((sku) => kept.includes(sku.id)).map((sku) => sku.code);
            throw new AppError('SKU_HAS_HISTORY', `规格 ${codes.join('、')} 已有库存或改价记录，不能删除`, { skuIds: kept });
          }
          await requireFreeCodes(
            tx,
            input.skus.map((sku) => sku.code),
            productId,
          );

          const limitChanged = input.purchaseLimit !== product.purchaseLimit;
          // Saving what is already there changes nothing and leaves no trail.
          if (kind === 'none' && !limitChanged) return loadConsoleDetail(tx, actor, teamId, productId);
          const now = clock();
          const by = await attributionIn(tx, actor, teamId);
          await repository.updateProduct(tx, productId, { ...values, purchaseLimit: input.purchaseLimit }, now);
          await applySkuPlan(tx, productId, plan, now);
          if (plan.priceChanges.length > 0) {
            await insertPriceChanges(tx, productId, plan.priceChanges, by, now);
            await insertActivity(tx, { productId, teamId, action: 'price_changed', comment: describePriceChanges(plan.priceChanges), by, now });
          }
          if (outcome === 'back_to_draft') await sendBackForReview(tx, product, by, now);
          // One 'edited' entry per save; a new 限购 is spelt out in it.
          const edited = outcome !== 'back_to_draft' && (kind === 'content' || plan.weightChanged);
          if (edited || limitChanged) {
            const comment = limitChanged ? describeLimitChange(product.purchaseLimit, input.purchaseLimit) : '';
            await insertActivity(tx, { productId, teamId, action: 'edited', comment, by, now });
          }
          return loadConsoleDetail(tx, actor, teamId, productId);
        }),
      );
    },

    /** Only a draft that never reached a teacher or the ledger; its pictures' files go with it. */
    async remove(teamId: number, productId: number): Promise<{ ok: true }> {
      const storageKeys = await db.transaction(async (tx) => {
        const product = await requireTeamProduct(tx, teamId, productId, { lock: true });
        if (product.status !== 'draft') throw new AppError('INVALID_STATE', '只能删除草稿商品；在售或下架的商品请使用下架');
        if (await repository.productHasHistory(tx, productId)) throw new AppError('PRODUCT_HAS_HISTORY');
        const keys = await findStorageKeys(tx, productId);
        await repository.deleteProduct(tx, productId);
        return keys;
      });
      // After the commit: files of a product that still exists are never removed.
      await media.remove(storageKeys.flatMap(productImageKeys));
      return { ok: true };
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;
