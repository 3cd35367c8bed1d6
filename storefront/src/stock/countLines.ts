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

/**
 * The entries after the count was (re)loaded: a line the user has not typed into shows what is
 * saved now (another member may have entered it meanwhile); a touched line keeps what was typed.
 */
export function mergeCountEntries(lines: readonly StockCountLine[], entries: CountEntries, touched: ReadonlySet<number>): CountEntries {
  return Object.fromEntries(
    lines.map((line) => [line.skuId, touched.has(line.skuId) ? (entries[line.skuId] ?? '') : line.countedQuantity === null ? '' : String(line.countedQuantity)]),
  );
}

/** A line an approval refused: the stock fell below what the count would take off since it was entered. */
export interface CountShortfall {
  skuId: number;
  code: string;
  counted: number | null;
  expected: number | null;
  stockNow: number;
}

const isCount = (value: unknown): value is number | null => value === null || (typeof value === 'number' && Number.isInteger(value));

/** The SKUs named in a 409 STOCK_INSUFFICIENT answer to an approval (`details.skus`); [] for anything else. */
export function countShortfalls(details: unknown): CountShortfall[] {
  const skus = (details as { skus?: unknown } | null | undefined)?.skus;
  if (!Array.isArray(skus)) return [];
  return skus.filter(
    (sku: unknown): sku is CountShortfall =>
      typeof sku === 'object' &&
      sku !== null &&
      typeof (sku as CountShortfall).skuId === 'number' &&
      typeof (sku as CountShortfall).code === 'string' &&
      isCount((sku as CountShortfall).counted) &&
      isCount((sku as CountShortfall).expected) &&
      typeof (sku as CountShortfall).stockNow === 'number',
  );
}
