import type { ProductInput } from '@qiaodu/shared';

/**
 * Whether a save changes more than SKU prices and weights: the review rule (productEditScope in
 * shared). On sale such a save is refused; off the shelf it sends the product back to review,
 * which the editor says before saving.
 */
export function changesContent(before: ProductInput | null, after: ProductInput): boolean {
  if (before === null) return true;
  return withoutPrices(before) !== withoutPrices(after);
}

function withoutPrices(input: ProductInput): string {
  const skus = input.skus.map(({ priceFen: _price, originalPriceFen: _original, weightGrams: _weight, ...rest }) => rest);
  return JSON.stringify({ ...input, skus });
}
