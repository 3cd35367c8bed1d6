import {
  canTransitionProduct,
  PRODUCT_EDITABLE_STATUSES,
  PRODUCT_STATUS_LABELS,
  type ConsoleProductDetail,
  type ProductStatus,
  type ProductTransition,
} from '@qiaodu/shared';
import type { Actor } from '../policy/actor';
import { may } from '../policy/policy';

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
