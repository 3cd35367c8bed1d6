import { ADJUST_REASON_SIGN, lengthProblem, parseYuanToFen, priceFenProblem, quantityProblem, STOCK_NOTE_MAX } from '@qiaodu/shared';
import type { AdjustReason, AdjustStockBody, QuantityRule, ReceiveStockBody } from '@qiaodu/shared';
import type { FieldErrors } from '../api/fieldErrors';

/** Typed text → whole number, judged by the shared quantity rule (the server says the same). */
export function parseQuantity(text: string, rule: QuantityRule): { value: number; problem: string | null } {
  const trimmed = text.trim();
  const value = /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return { value, problem: trimmed ? quantityProblem(value, rule) : `请填写${rule.label}` };
}

export interface ReceiveValues {
  skuId: number | null;
  quantity: string;
  /** Yuan as typed; empty means the cost is not known (0). */
  unitCost: string;
  batchNote: string;
  partnerId: number | null;
}

export function receiveBodyOf(values: ReceiveValues): { body: ReceiveStockBody | null; problems: FieldErrors } {
  const problems: FieldErrors = {};
  if (values.skuId === null) problems.skuId = '请选择要入库的规格';
  const quantity = parseQuantity(values.quantity, { label: '入库数量', min: 1 });
  if (quantity.problem) problems.quantity = quantity.problem;
  const costText = values.unitCost.trim();
  const unitCostFen = costText ? parseYuanToFen(costText) : 0;
  const costProblem = unitCostFen === null ? '单位成本格式不正确，如 3.50' : priceFenProblem(unitCostFen, '单位成本');
  if (costProblem) problems.unitCostFen = costProblem;
  const noteProblem = lengthProblem(values.batchNote, '批次备注', 0, STOCK_NOTE_MAX);
  if (noteProblem) problems.batchNote = noteProblem;
  if (Object.keys(problems).length || values.skuId === null) return { body: null, problems };
  return {
    body: {
      skuId: values.skuId,
      quantity: quantity.value,
      unitCostFen: unitCostFen ?? 0,
      batchNote: values.batchNote.trim(),
      ...(values.partnerId === null ? {} : { partnerId: values.partnerId }),
    },
    problems,
  };
}

export interface AdjustValues {
  reason: AdjustReason | null;
  /** How many units, always positive: the reason decides the direction. */
  quantity: string;
  note: string;
}

export function adjustBodyOf(skuId: number, values: AdjustValues): { body: AdjustStockBody | null; problems: FieldErrors } {
  const problems: FieldErrors = {};
  if (values.reason === null) problems.reason = '请选择调整原因';
  const quantity = parseQuantity(values.quantity, { label: '调整数量', min: 1 });
  if (quantity.problem) problems.quantity = quantity.problem;
  const noteProblem = lengthProblem(values.note, '说明', 0, STOCK_NOTE_MAX);
  if (noteProblem) problems.note = noteProblem;
  if (Object.keys(problems).length || values.reason === null) return { body: null, problems };
  return {
    body: { skuId, reason: values.reason, quantity: ADJUST_REASON_SIGN[values.reason] * quantity.value, note: values.note.trim() },
    problems,
  };
}
