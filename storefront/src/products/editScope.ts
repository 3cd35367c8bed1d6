import type { ProductInput } from '@qiaodu/shared';

/**
 * Whether a save changes more than SKU prices, weights and 限购 (a selling rule, not reviewed
 * content): the review rule (productEditScope in shared). On sale such a save is refused; off
 * the shelf it sends the product back to review, which the editor says before saving.
 */
export function changesContent(before: ProductInput | null, after: ProductInput): boolean {
  if (before === null) return true;
  return withoutPrices(before) !== withoutPrices(after);
}

function withoutPrices({ purchaseLimit: _limit, ...input }: ProductInput): string {
  const skus = input.skus.map(({ priceFen: _price, originalPriceFen: _original, weightGrams: _weight, ...rest }) => rest);
  return JSON.stringify({ ...input, skus });
}
