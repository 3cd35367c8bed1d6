import { formatFen } from '@qiaodu/shared';
import type { Sku, SpecOption } from '@qiaodu/shared';

/** Chosen value per spec name (颜色 → 红色); a missing name means "not chosen yet". */
export type SpecSelection = Readonly<Record<string, string>>;

/** Why the picker is open: just choosing, or on the way to the cart or to checkout. */
export type SkuPickerMode = 'select' | 'cart' | 'buy';

export function isSkuAvailable(sku: Sku): boolean {
  return !sku.soldOut && sku.stockAvailable > 0;
}

function specValue(sku: Sku, name: string): string | undefined {
  return sku.specs.find((spec) => spec.name === name)?.value;
}

/** Does the SKU agree with every choice made so far? */
export function skuMatches(sku: Sku, selection: SpecSelection): boolean {
  return Object.entries(selection).every(([name, value]) => specValue(sku, name) === value);
}

export function matchingSkus(skus: readonly Sku[], selection: SpecSelection): Sku[] {
  return skus.filter((sku) => skuMatches(sku, selection));
}

/**
 * A value can be tapped when some SKU in stock has it together with the other choices.
 * Choosing it replaces any earlier value of the same spec, so that one is ignored here.
 */
export function isValueSelectable(skus: readonly Sku[], selection: SpecSelection, name: string, value: string): boolean {
  const next = { ...selection, [name]: value };
  return skus.some((sku) => isSkuAvailable(sku) && skuMatches(sku, next));
}

/** Tapping a chosen value clears it; tapping another value of the same spec replaces it. */
export function toggleValue(selection: SpecSelection, name: string, value: string): SpecSelection {
  if (selection[name] === value) {
    return Object.fromEntries(Object.entries(selection).filter(([key]) => key !== name));
  }
  return { ...selection, [name]: value };
}

export function missingSpecNames(specOptions: readonly SpecOption[], selection: SpecSelection): string[] {
  return specOptions.filter((option) => selection[option.name] === undefined).map((option) => option.name);
}

/** The SKU the customer has pinned down, once every spec has a value (or there are no specs). */
export function selectedSku(specOptions: readonly SpecOption[], skus: readonly Sku[], selection: SpecSelection): Sku | null {
  if (missingSpecNames(specOptions, selection).length > 0) return null;
  const matches = matchingSkus(skus, selection);
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

/**
 * Pre-chosen values: a spec with a single value is chosen for the customer, and a product with a
 * single SKU in stock needs no choice at all.
 */
export function initialSelection(specOptions: readonly SpecOption[], skus: readonly Sku[]): SpecSelection {
  const available = skus.filter(isSkuAvailable);
  if (available.length === 1 && available[0]) {
    const only = available[0];
    return Object.fromEntries(only.specs.map((spec) => [spec.name, spec.value]));
  }
  const selection: Record<string, string> = {};
  for (const option of specOptions) {
    const [value, ...others] = option.values;
    if (value !== undefined && others.length === 0) selection[option.name] = value;
  }
  return selection;
}

export interface PriceRange {
  minFen: number;
  maxFen: number;
}

export function priceRange(skus: readonly Sku[]): PriceRange | null {
  if (skus.length === 0) return null;
  const prices = skus.map((sku) => sku.priceFen);
  return { minFen: Math.min(...prices), maxFen: Math.max(...prices) };
}

/** ¥12.80 or ¥12.80-¥25.00 when SKUs differ in price. */
export function formatPriceRange(range: PriceRange): string {
  return range.minFen === range.maxFen ? formatFen(range.minFen) : `${formatFen(range.minFen)}-${formatFen(range.maxFen)}`;
}

/** "颜色：红色，尺寸：大" for the spec row and the picker header. */
export function describeSelection(specOptions: readonly SpecOption[], selection: SpecSelection): string {
  return specOptions
    .filter((option) => selection[option.name] !== undefined)
    .map((option) => selection[option.name])
    .join('，');
}
