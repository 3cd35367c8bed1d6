/**
 * Zod-free rules for the numbers staff type into the console (prices, quantities, thresholds):
 * the storefront's forms check with these before a round trip and the shared schemas wrap the
 * same functions, so both answer in the same words. Each returns the message, or null.
 */
import { PRICE_FEN_MAX, STOCK_QUANTITY_MAX } from './limits';

export function priceFenProblem(fen: number, label = '价格'): string | null {
  if (!Number.isFinite(fen)) return `请填写${label}`;
  if (!Number.isInteger(fen)) return `${label}最多精确到分`;
  if (fen < 0) return `${label}不能为负数`;
  if (fen > PRICE_FEN_MAX) return `${label}不能超过 ¥1,000,000`;
  return null;
}

export interface QuantityRule {
  label: string;
  /** Smallest allowed value: 1 for receipts, 0 for counts and thresholds, -MAX for adjustments. */
  min: number;
  /** Refuse zero even inside the range (an adjustment of nothing is no adjustment). */
  nonZero?: boolean;
}

export function quantityProblem(value: number, rule: QuantityRule): string | null {
  if (!Number.isFinite(value)) return `请填写${rule.label}`;
  if (!Number.isInteger(value)) return `${rule.label}必须是整数`;
  if (rule.nonZero && value === 0) return `${rule.label}不能为 0`;
  if (value < rule.min) return rule.min >= 0 ? `${rule.label}不能小于 ${rule.min}` : `${rule.label}超出范围`;
  if (value > STOCK_QUANTITY_MAX) return `${rule.label}不能超过 ${STOCK_QUANTITY_MAX}`;
  return null;
}

/** Accuracy of a stock count in permille, as the console and shift evidence show it. */
export function countAccuracyPermille(matchedLines: number, countedLines: number): number | null {
  return countedLines === 0 ? null : Math.round((matchedLines * 1000) / countedLines);
}
