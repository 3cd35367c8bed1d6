import { isDeepStrictEqual } from 'node:util';
import {
  canTransitionProduct,
  contentEditNeedsReview,
  PRODUCT_EDITABLE_STATUSES,
  PRODUCT_STATUS_LABELS,
  productEditScope,
  type ConsoleProductDetail,
  type ProductStatus,
  type ProductTransition,
} from '@qiaodu/shared';
import type { Actor } from '../policy/actor';
import { may } from '../policy/policy';
import type { ProductValues } from './repository';
import { planSkus, type SkuInputData, type SkuPlan, type StoredSku } from './sku-plan';

export const isEditable = (status: ProductStatus) => PRODUCT_EDITABLE_STATUSES.includes(status);

const TRANSITION_LABELS: Record<ProductTransition, string> = {
  submit: '提交审核',
  withdraw: '撤回审核',
  approve: '审核通过',
  reject: '驳回',
  take_off_shelf: '下架',
  relist: '重新上架',
};

/** The 409 message for a transition the status does not allow, e.g. “已上架的商品不能提交审核”. */
export function refusedTransitionMessage(status: ProductStatus, transition: ProductTransition): string {
  return `商品当前为“${PRODUCT_STATUS_LABELS[status]}”，不能${TRANSITION_LABELS[transition]}`;
}

export const NOT_EDITABLE_MESSAGE = '商品正在审核中，不能修改；如需修改请先撤回审核';

/**
 * What a save changes, as the review rule sees it:
 * - 'none': nothing at all;
 * - 'prices': only SKU prices and weights, which may go live without a new review;
 * - 'content': anything else customers see or choose by — title, subtitle, category, partner,
 *   description, heritage, SKUs added or removed, SKU codes, specs or their order. Picture
 *   uploads, deletions and reordering are always 'content'.
 */
export type EditKind = 'none' | 'prices' | 'content';

function productFieldsChanged(before: ProductValues, after: ProductValues): boolean {
  // Deep equality ignores key order, which jsonb does not keep.
  return (Object.keys(after) as (keyof ProductValues)[]).some((key) => !isDeepStrictEqual(before[key], after[key]));
}

/** Compares the stored product with the one a save sends; the SKU plan comes along for the write. */
export function classifyEdit(
  before: { values: ProductValues; skus: readonly StoredSku[] },
  after: { values: ProductValues; skus: readonly SkuInputData[] },
): { kind: EditKind; plan: SkuPlan } {
  const plan = planSkus(before.skus, after.skus);
  if (productFieldsChanged(before.values, after.values) || plan.contentChanged) return { kind: 'content', plan };
  if (plan.priceChanges.length > 0 || plan.weightChanged) return { kind: 'prices', plan };
  return { kind: 'none', plan };
}

/**
 * What happens to a product of this status after a change of this kind (productEditScope in
 * shared says the same for the console): refused on sale unless only prices and weights moved,
 * back to draft for a new review when off the shelf, kept as it is otherwise.
 */
export function editOutcome(status: ProductStatus, kind: EditKind): 'refuse' | 'back_to_draft' | 'keep' {
  const scope = productEditScope(status);
  if (scope === 'nothing') return 'refuse';
  if (kind !== 'content') return 'keep';
  if (scope === 'prices') return 'refuse';
  return contentEditNeedsReview(status) ? 'back_to_draft' : 'keep';
}

/** Steps that put a product in front of a teacher or a customer need a complete product. */
export const needsCompleteProduct = (transition: ProductTransition): boolean =>
  transition === 'submit' || transition === 'approve' || transition === 'relist';

/** “重新上架前请补充：至少一张主图”. */
export const incompleteMessage = (transition: ProductTransition, missing: readonly string[]): string =>
  `${TRANSITION_LABELS[transition]}前请补充：${missing.join('、')}`;

/** What a product still lacks before a teacher can review it; empty when it is complete. */
export function missingForSubmit(product: { title: string; skuCount: number; galleryCount: number }): string[] {
  const missing: string[] = [];
  if (product.title.trim() === '') missing.push('商品名称');
  if (product.skuCount === 0) missing.push('至少一个规格');
  if (product.galleryCount === 0) missing.push('至少一张主图');
  return missing;
}

/**
 * The buttons the console shows: the policy decides who, the transition table decides when.
 * A product may be deleted only while it is a draft that never reached a teacher or the ledger.
 */
export function productCapabilities(
  actor: Actor,
  product: { teamId: number; status: ProductStatus; hasHistory: boolean },
): ConsoleProductDetail['can'] {
  const member = may(actor, 'product.edit', product.teamId);
  const reviewer = may(actor, 'product.review', product.teamId);
  const teamMay = (transition: ProductTransition) => member && canTransitionProduct(product.status, transition);
  return {
    edit: member && isEditable(product.status),
    submit: teamMay('submit'),
    withdraw: teamMay('withdraw'),
    review: reviewer && canTransitionProduct(product.status, 'approve'),
    takeOffShelf: teamMay('take_off_shelf'),
    relist: teamMay('relist'),
    delete: member && product.status === 'draft' && !product.hasHistory,
  };
}
