import type { StockCountLine } from '@qiaodu/shared';
import { signedQuantity, specsText } from './format';
import { parseQuantity } from './stockForms';

/** The counts typed on this phone, by SKU (a number input's v-model may hand back a number). */
export type CountEntries = Record<number, string | number>;

/** What to send: the lines whose typed count differs from what is saved, or the problems. */
export function countLinesToSave(
  lines: readonly StockCountLine[],
  entries: CountEntries,
): { lines: { skuId: number; countedQuantity: number }[]; problems: Record<number, string> } {
  const changed: { skuId: number; countedQuantity: number }[] = [];
  const problems: Record<number, string> = {};
  for (const line of lines) {
    const text = String(entries[line.skuId] ?? '').trim();
    if (text === '' || text === String(line.countedQuantity ?? '')) continue;
    const parsed = parseQuantity(text, { label: '盘点数量', min: 0 });
    if (parsed.problem) problems[line.skuId] = parsed.problem;
    else changed.push({ skuId: line.skuId, countedQuantity: parsed.value });
  }
  return { lines: changed, problems };
}

/** The lines the approval will post as ledger rows, in words for the confirm dialog. */
export function varianceSummary(lines: readonly StockCountLine[]): string {
  const differing = lines.filter((line) => line.variance !== null && line.variance !== 0);
  if (differing.length === 0) return '所有规格的实盘数量与系统库存一致，审核后不会产生库存调整。';
  const rows = differing.map((line) => `${line.productTitle}（${specsText(line.specs)}）${signedQuantity(line.variance ?? 0)}`);
  return `以下 ${differing.length} 个规格有差异，审核后将按差异调整库存：\n${rows.join('\n')}`;
}
