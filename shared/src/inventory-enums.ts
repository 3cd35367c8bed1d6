/** States, kinds and transitions of products under team management and of their stock. */
import type { ProductStatus } from './enums';

/**
 * How a product moves through the listing workflow. `team` actions are a team member's,
 * `reviewer` actions a supervising teacher's (or an admin's). Anything else is 409 INVALID_STATE.
 */
export const PRODUCT_TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', by: 'team' },
  withdraw: { from: ['submitted'], to: 'draft', by: 'team' },
  approve: { from: ['submitted'], to: 'on_sale', by: 'reviewer' },
  reject: { from: ['submitted'], to: 'draft', by: 'reviewer' },
  take_off_shelf: { from: ['on_sale'], to: 'off_shelf', by: 'team' },
  relist: { from: ['off_shelf'], to: 'on_sale', by: 'team' },
} as const satisfies Record<string, { from: readonly ProductStatus[]; to: ProductStatus; by: 'team' | 'reviewer' }>;
export type ProductTransition = keyof typeof PRODUCT_TRANSITIONS;

export function canTransitionProduct(status: ProductStatus, transition: ProductTransition): boolean {
  return (PRODUCT_TRANSITIONS[transition].from as readonly ProductStatus[]).includes(status);
}

/** A product under review is frozen: the teacher approves what they saw. */
export const PRODUCT_EDITABLE_STATUSES: readonly ProductStatus[] = ['draft', 'on_sale', 'off_shelf'];

/**
 * The teacher's review covers everything customers see. What a save may change, by status:
 * - 'everything': a draft (it is reviewed when submitted), or a product off the shelf — but
 *   there any change beyond SKU prices and weights (pictures included) sends it back to draft,
 *   to be submitted and approved again before it sells;
 * - 'prices': on sale, only SKU prices (售价, 划线价) and weights, live at once, prices kept in
 *   the price history; anything else means taking it off the shelf first;
 * - 'nothing': under review, the teacher approves what they saw.
 */
export type ProductEditScope = 'everything' | 'prices' | 'nothing';

export function productEditScope(status: ProductStatus): ProductEditScope {
  if (status === 'on_sale') return 'prices';
  return PRODUCT_EDITABLE_STATUSES.includes(status) ? 'everything' : 'nothing';
}

/** Whether a change beyond prices and weights sends the product back to draft for review. */
export const contentEditNeedsReview = (status: ProductStatus): boolean => status === 'off_shelf';

export const PRICES_ONLY_ON_SALE_MESSAGE = '在售商品只能修改价格和重量；修改其他内容请先下架，改好后重新提交审核';
export const PICTURES_LOCKED_ON_SALE_MESSAGE = '在售商品不能修改图片；请先下架，改好后重新提交审核';
export const BACK_TO_REVIEW_COMMENT = '内容已修改，需重新提交审核';

export const PRODUCT_ACTIVITY_ACTIONS = [
  'created',
  'edited',
  'price_changed',
  'image_added',
  'image_removed',
  'images_reordered',
  'submitted',
  'withdrawn',
  'approved',
  'rejected',
  'taken_off_shelf',
  'relisted',
  'threshold_changed',
] as const;
export type ProductActivityAction = (typeof PRODUCT_ACTIVITY_ACTIONS)[number];
export const PRODUCT_ACTIVITY_LABELS: Record<ProductActivityAction, string> = {
  created: '创建商品',
  edited: '编辑商品',
  price_changed: '调整价格',
  image_added: '上传图片',
  image_removed: '删除图片',
  images_reordered: '调整图片顺序',
  submitted: '提交审核',
  withdrawn: '撤回审核',
  approved: '审核通过',
  rejected: '审核驳回',
  taken_off_shelf: '下架',
  relisted: '重新上架',
  threshold_changed: '调整低库存阈值',
};

/** Gallery pictures are the carousel (at most 9); description pictures sit inside the text. */
export const PRODUCT_IMAGE_KINDS = ['gallery', 'description'] as const;
export type ProductImageKind = (typeof PRODUCT_IMAGE_KINDS)[number];

/**
 * Every stock change is one of these ledger rows. `opening` carries stock that existed before
 * the ledger did (the migration's opening balance); reserve/release/sell/return are the orders'.
 */
export const STOCK_MOVEMENT_TYPES = ['opening', 'receive', 'adjust', 'count', 'reserve', 'release', 'sell', 'return'] as const;
export type StockMovementType = (typeof STOCK_MOVEMENT_TYPES)[number];
export const STOCK_MOVEMENT_TYPE_LABELS: Record<StockMovementType, string> = {
  opening: '期初',
  receive: '入库',
  adjust: '调整',
  count: '盘点',
  reserve: '下单占用',
  release: '释放占用',
  sell: '售出',
  return: '退货入库',
};

/** Why stock was adjusted; the sign each reason allows is fixed, so a loss can never add stock. */
export const ADJUST_REASONS = ['damage', 'loss', 'found', 'sample'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];
export const ADJUST_REASON_LABELS: Record<AdjustReason, string> = {
  damage: '破损',
  loss: '丢失',
  found: '找回',
  sample: '样品领用',
};
export const ADJUST_REASON_SIGN: Record<AdjustReason, 1 | -1> = { damage: -1, loss: -1, found: 1, sample: -1 };

/** A stock count (盘点): the lead opens it, members enter counts, the lead approves or cancels it. */
export const STOCK_COUNT_STATUSES = ['open', 'approved', 'cancelled'] as const;
export type StockCountStatus = (typeof STOCK_COUNT_STATUSES)[number];
export const STOCK_COUNT_STATUS_LABELS: Record<StockCountStatus, string> = {
  open: '盘点中',
  approved: '已审核',
  cancelled: '已取消',
};
