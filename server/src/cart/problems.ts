import type { CartLineProblem, ProductStatus } from '@qiaodu/shared';

/** A line of a cart or of a checkout, as far as whether it can be bought is concerned. */
export interface BuyableLine {
  productId: number;
  productStatus: ProductStatus;
  stockAvailable: number;
  quantity: number;
  /** Units of the product this customer may still buy (限购); null: no limit. */
  purchaseLimitLeft: number | null;
  /** Whether the line is part of what would be bought now (a selected cart line; every checkout line). */
  counted: boolean;
}

/** 限购 minus what the customer already bought or holds in unpaid orders, never below 0. */
export function purchaseLimitLeft(limit: number | null, purchased: number): number | null {
  return limit === null ? null : Math.max(0, limit - purchased);
}

function stockProblem(line: BuyableLine): CartLineProblem | null {
  if (line.productStatus !== 'on_sale') return 'off_sale';
  if (line.stockAvailable <= 0) return 'sold_out';
  if (line.quantity > line.stockAvailable) return 'insufficient';
  return null;
}

/**
 * Why each line cannot be bought now, or null: off the shelf, sold out, more than the stock, or
 * beyond 限购. 限购 covers the product, so a line's units are judged together with the other
 * counted, otherwise buyable lines of the same product (two sizes of one limited item count
 * together).
 */
export function lineProblems(lines: readonly BuyableLine[]): (CartLineProblem | null)[] {
  const problems = lines.map(stockProblem);
  const countedUnits = new Map<number, number>();
  lines.forEach((line, index) => {
    if (line.counted && problems[index] === null) countedUnits.set(line.productId, (countedUnits.get(line.productId) ?? 0) + line.quantity);
  });
  return lines.map((line, index) => {
    const problem = problems[index] ?? null;
    if (problem !== null || line.purchaseLimitLeft === null) return problem;
    const others = (countedUnits.get(line.productId) ?? 0) - (line.counted ? line.quantity : 0);
    return line.quantity + others > line.purchaseLimitLeft ? 'over_limit' : null;
  });
}
