import { z } from 'zod';
import { SpecValue } from './catalog';
import { PRODUCT_STATUSES } from './enums';
import { ADJUST_REASONS, ADJUST_REASON_SIGN, STOCK_COUNT_STATUSES, STOCK_MOVEMENT_TYPES } from './inventory-enums';
import { STOCK_COUNT_LINES_MAX, STOCK_NOTE_MAX, STOCK_QUANTITY_MAX } from './limits';
import { Fen, Id, QueryBoolean, textRule, Timestamp } from './primitives';
import { PAGE_QUERY_FIELDS, PersonRef, PriceFen, SearchText } from './product-console';
import { quantityProblem, type QuantityRule } from './stock-rules';
import { lengthProblem } from './text-rules';

const note = (label: string) => textRule((text) => lengthProblem(text, label, 0, STOCK_NOTE_MAX), { missing: `请填写${label}` });

/** A whole number of units judged by the shared quantity rule. */
export const Quantity = (rule: QuantityRule) =>
  z.number({ error: `${rule.label}必须是整数` }).superRefine((value, ctx) => {
    const message = quantityProblem(value, rule);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

export const TeamSkuParams = z.object({ teamId: Id, skuId: Id });
export const TeamStockCountParams = z.object({ teamId: Id, countId: Id });

export const StockRow = z.object({
  skuId: z.number().int(),
  code: z.string(),
  specs: z.array(SpecValue),
  productId: z.number().int(),
  productTitle: z.string(),
  productStatus: z.enum(PRODUCT_STATUSES),
  cover: z.string().nullable(),
  stockAvailable: z.number().int(),
  lowStockThreshold: z.number().int(),
  low: z.boolean(),
  unitCostFen: Fen.nullable(),
  /** stockAvailable × unitCostFen (0 while the cost is unknown). */
  stockValueFen: Fen,
  updatedAt: Timestamp,
});
export type StockRow = z.infer<typeof StockRow>;

export const StockListQuery = z.strictObject({
  q: SearchText,
  lowOnly: QueryBoolean.optional(),
  productId: Id.optional(),
  ...PAGE_QUERY_FIELDS,
});
export const StockList = z.object({
  items: z.array(StockRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Across the whole team, not just this page. */
  lowCount: z.number().int(),
  stockValueFen: Fen,
});
export type StockList = z.infer<typeof StockList>;

export const StockMovement = z.object({
  id: z.number().int(),
  type: z.enum(STOCK_MOVEMENT_TYPES),
  skuId: z.number().int(),
  skuCode: z.string(),
  specs: z.array(SpecValue),
  productId: z.number().int(),
  productTitle: z.string(),
  /** Signed: + in, − out. */
  quantity: z.number().int(),
  /** The SKU's available stock right after this row. */
  balanceAfter: z.number().int(),
  reason: z.enum(ADJUST_REASONS).nullable(),
  note: z.string(),
  unitCostFen: Fen.nullable(),
  partner: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  stockCountId: z.number().int().nullable(),
  actor: PersonRef.nullable(),
  shiftId: z.number().int().nullable(),
  createdAt: Timestamp,
});
export type StockMovement = z.infer<typeof StockMovement>;

/** A calendar day in China time, as the date filters and CSV exports use. */
const Day = z
  .string()
  .regex(/^20\d{2}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD（2000–2099 年）' })
  .refine(isCalendarDay, { error: '日期不存在' });

/** Date.parse rolls 2024-02-30 over into March: a day is real only if it reads back the same. */
function isCalendarDay(day: string): boolean {
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

export const StockMovementQuery = z
  .strictObject({
    skuId: Id.optional(),
    type: z.enum(STOCK_MOVEMENT_TYPES, { error: '流水类型不正确' }).optional(),
    from: Day.optional(),
    to: Day.optional(),
    ...PAGE_QUERY_FIELDS,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
export const StockMovementList = z.object({
  items: z.array(StockMovement),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type StockMovementList = z.infer<typeof StockMovementList>;
/** The CSV export takes the same filters without paging. */
export const StockMovementExportQuery = z
  .strictObject({
    skuId: Id.optional(),
    type: z.enum(STOCK_MOVEMENT_TYPES, { error: '流水类型不正确' }).optional(),
    from: Day.optional(),
    to: Day.optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: '开始日期不能晚于结束日期', path: ['from'] });

export const ReceiveStockBody = z.strictObject({
  skuId: Id,
  quantity: Quantity({ label: '入库数量', min: 1 }),
  unitCostFen: PriceFen,
  batchNote: note('批次备注').default(''),
  /** Who delivered; defaults to the product's partner. */
  partnerId: Id.optional(),
});
export type ReceiveStockBody = z.input<typeof ReceiveStockBody>;

export const AdjustStockBody = z
  .strictObject({
    skuId: Id,
    /** Signed: damage, loss and samples take stock out (negative), found puts it back (positive). */
    quantity: Quantity({ label: '调整数量', min: -STOCK_QUANTITY_MAX, nonZero: true }),
    reason: z.enum(ADJUST_REASONS, { error: '请选择调整原因' }),
    note: note('说明').default(''),
  })
  .refine((body) => Math.sign(body.quantity) === ADJUST_REASON_SIGN[body.reason], {
    message: '破损、丢失、样品领用只能减少库存，找回只能增加库存',
    path: ['quantity'],
  });
export type AdjustStockBody = z.input<typeof AdjustStockBody>;

export const StockChangeResult = z.object({ movement: StockMovement, stock: StockRow });
export type StockChangeResult = z.infer<typeof StockChangeResult>;

export const LowStockThresholdBody = z.strictObject({
  lowStockThreshold: Quantity({ label: '低库存阈值', min: 0 }),
});

export const StockCountLine = z.object({
  skuId: z.number().int(),
  code: z.string(),
  specs: z.array(SpecValue),
  productTitle: z.string(),
  /** The system's stock when the count was entered; the variance is measured against it. */
  expectedQuantity: z.number().int().nullable(),
  countedQuantity: z.number().int().nullable(),
  variance: z.number().int().nullable(),
  countedBy: PersonRef.nullable(),
  countedAt: Timestamp.nullable(),
  /** The SKU's stock now. */
  stockAvailable: z.number().int(),
});
export type StockCountLine = z.infer<typeof StockCountLine>;

export const StockCountSummary = z.object({
  id: z.number().int(),
  status: z.enum(STOCK_COUNT_STATUSES),
  note: z.string(),
  lineCount: z.number().int(),
  countedCount: z.number().int(),
  /** Lines whose count matched the system, out of lines counted; set when approved. */
  matchedCount: z.number().int().nullable(),
  accuracyPermille: z.number().int().nullable(),
  /** Sum of |variance| over the lines, in units. */
  varianceUnits: z.number().int().nullable(),
  startedBy: PersonRef.nullable(),
  startedAt: Timestamp,
  closedBy: PersonRef.nullable(),
  closedAt: Timestamp.nullable(),
});
export type StockCountSummary = z.infer<typeof StockCountSummary>;
export const StockCountList = z.object({ items: z.array(StockCountSummary) });
export const StockCountDetail = StockCountSummary.extend({
  lines: z.array(StockCountLine),
  can: z.object({ enter: z.boolean(), approve: z.boolean(), cancel: z.boolean() }),
});
export type StockCountDetail = z.infer<typeof StockCountDetail>;

export const StartStockCountBody = z.strictObject({
  /** The SKUs to count; absent or empty counts every SKU of the team. */
  skuIds: z.array(Id).max(STOCK_COUNT_LINES_MAX, { error: `一次最多盘点 ${STOCK_COUNT_LINES_MAX} 个规格` }).default([]),
  note: note('盘点说明').default(''),
});
export const RecordStockCountBody = z.strictObject({
  lines: z
    .array(z.strictObject({ skuId: Id, countedQuantity: Quantity({ label: '盘点数量', min: 0 }) }))
    .min(1, { error: '请至少录入一个规格的数量' })
    .max(STOCK_COUNT_LINES_MAX),
});
export type RecordStockCountBody = z.input<typeof RecordStockCountBody>;

export const TeamOverview = z.object({
  team: z.object({ id: z.number().int(), name: z.string() }),
  productsByStatus: z.record(z.enum(PRODUCT_STATUSES), z.number().int()),
  stockValueFen: Fen,
  stockUnits: z.number().int(),
  lowStockCount: z.number().int(),
  lowStock: z.array(StockRow),
  recentMovements: z.array(StockMovement),
  openCount: StockCountSummary.nullable(),
  lastCount: StockCountSummary.nullable(),
});
export type TeamOverview = z.infer<typeof TeamOverview>;
