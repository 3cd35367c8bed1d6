import { ADJUST_REASON_LABELS, formatFen, STOCK_MOVEMENT_TYPE_LABELS } from '@qiaodu/shared';
import type { SpecValue, StockMovement } from '@qiaodu/shared';

/** 1280 → "12.80": a price as the console's yuan fields show it for editing. */
export function fenToYuanText(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "+20" / "-3" / "0": a ledger row's signed quantity. */
export function signedQuantity(quantity: number): string {
  return quantity > 0 ? `+${quantity}` : String(quantity);
}

/** "颜色：红 / 尺寸：大", or 默认规格 for a product with one spec-less SKU. */
export function specsText(specs: readonly SpecValue[]): string {
  return specs.length ? specs.map((spec) => `${spec.name}：${spec.value}`).join(' / ') : '默认规格';
}

/** 950 → "95.0%"; null while a count is not approved. */
export function accuracyText(permille: number | null): string {
  return permille === null ? '—' : `${(permille / 10).toFixed(1)}%`;
}

/** What a ledger row is, in words: 调整 · 破损, 入库 · 单位成本 ¥3.50. */
export function movementLabel(movement: Pick<StockMovement, 'type' | 'reason'>): string {
  const type = STOCK_MOVEMENT_TYPE_LABELS[movement.type];
  return movement.reason ? `${type} · ${ADJUST_REASON_LABELS[movement.reason]}` : type;
}

export function unitCostText(fen: number | null): string {
  return fen === null ? '未记成本' : formatFen(fen);
}
