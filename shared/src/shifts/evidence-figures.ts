import type { Post } from '../account-enums';

/**
 * The figures a shift's evidence may show, grouped as the grading page shows them, with their
 * units (the storefront formats: minutes as 时长, permille as a percent, fen as ¥). A post's
 * headline figures come first: what that post is mostly graded on.
 */
export const EVIDENCE_UNITS = ['count', 'minutes', 'permille', 'fen', 'flag'] as const;
export type EvidenceUnit = (typeof EVIDENCE_UNITS)[number];

export const EVIDENCE_GROUPS = ['attendance', 'shipping', 'pickup', 'stock', 'refunds', 'products', 'live'] as const;
export type EvidenceGroupKey = (typeof EVIDENCE_GROUPS)[number];
export const EVIDENCE_GROUP_TITLES: Record<EvidenceGroupKey, string> = {
  attendance: '考勤',
  shipping: '发货',
  pickup: '自提核销',
  stock: '库存与盘点',
  refunds: '售后处理',
  products: '商品运营',
  live: '直播带货',
};

export const EVIDENCE_FIGURES = {
  scheduledMinutes: { label: '排班时长', unit: 'minutes' },
  clockedMinutes: { label: '在岗时长（计入工时）', unit: 'minutes' },
  late: { label: '迟到', unit: 'flag' },
  autoClosed: { label: '忘记签退（自动签退）', unit: 'flag' },
  corrections: { label: '考勤更正', unit: 'count' },
  parcelsShipped: { label: '发货包裹', unit: 'count' },
  medianShipMinutes: { label: '付款到发货（中位数）', unit: 'minutes' },
  pickErrors: { label: '发货后反馈少件/错发', unit: 'count' },
  pickupsHandedOver: { label: '自提核销', unit: 'count' },
  stockLinesCounted: { label: '盘点行数', unit: 'count' },
  stockCountsClosed: { label: '完成盘点', unit: 'count' },
  stockCountAccuracy: { label: '盘点准确率', unit: 'permille' },
  stockReceipts: { label: '入库', unit: 'count' },
  stockAdjustments: { label: '库存调整', unit: 'count' },
  refundsDecided: { label: '处理退款申请', unit: 'count' },
  medianDecisionMinutes: { label: '申请到处理（中位数）', unit: 'minutes' },
  refundsApproved: { label: '同意退款', unit: 'count' },
  refundsRejected: { label: '拒绝退款', unit: 'count' },
  productEdits: { label: '商品编辑', unit: 'count' },
  productSubmissions: { label: '提交审核', unit: 'count' },
  productImages: { label: '图片上传与调整', unit: 'count' },
  productsApproved: { label: '之后审核通过的商品', unit: 'count' },
  liveSessions: { label: '直播场次', unit: 'count' },
  liveOrders: { label: '直播成交订单', unit: 'count' },
  liveItems: { label: '直播售出件数', unit: 'count' },
  liveGmvFen: { label: '直播成交额（已付款）', unit: 'fen' },
} as const satisfies Record<string, { label: string; unit: EvidenceUnit }>;
export type EvidenceFigureKey = keyof typeof EVIDENCE_FIGURES;
export const EVIDENCE_FIGURE_KEYS = Object.keys(EVIDENCE_FIGURES) as [EvidenceFigureKey, ...EvidenceFigureKey[]];

const PRODUCT_HEADLINE: EvidenceFigureKey[] = ['productEdits', 'productSubmissions', 'productsApproved'];
const LIVE_HEADLINE: EvidenceFigureKey[] = ['liveOrders', 'liveGmvFen', 'liveItems'];

export const POST_HEADLINE_FIGURES: Record<Post, readonly EvidenceFigureKey[]> = {
  warehouse: ['parcelsShipped', 'medianShipMinutes', 'pickErrors', 'stockCountAccuracy'],
  customer_service: ['refundsDecided', 'medianDecisionMinutes'],
  store_ops: PRODUCT_HEADLINE,
  photo_design: ['productImages', ...PRODUCT_HEADLINE],
  copywriting: PRODUCT_HEADLINE,
  live_host: LIVE_HEADLINE,
  live_ops: LIVE_HEADLINE,
  sourcing: ['stockReceipts', 'productEdits'],
  video: ['productImages', 'productEdits'],
};

/**
 * A refund reason that says the parcel came with a wrong or missing item: a pick error of
 * whoever shipped it. Reasons are the customer's text; the storefront offers 「少件 / 漏发」.
 */
export const PICK_ERROR_REASON_PATTERN = '(少件|漏发|错发|发错)';
