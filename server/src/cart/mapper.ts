import { CART_LINES_MAX, type Cart, type CartLine, type CheckoutLine } from '@qiaodu/shared';
import type { JudgedLine, LineToJudge } from './judged-lines';
import type { CartRow } from './repository';

/** Raw rows never leave the server: cart and checkout lines go out through these. */

function linePart(line: JudgedLine<LineToJudge>): Omit<CheckoutLine, 'lineFen'> {
  return {
    skuId: line.skuId,
    productId: line.productId,
    title: line.title,
    specs: line.specs,
    image: line.image,
    unitPriceFen: line.priceFen,
    quantity: line.quantity,
    stockAvailable: line.stockAvailable,
    purchaseLimitLeft: line.purchaseLimitLeft,
    team: { id: line.teamId, name: line.teamName },
    problem: line.problem,
  };
}

export function toCartLine(line: JudgedLine<CartRow & LineToJudge>): CartLine {
  return { ...linePart(line), selected: line.selected, addedAt: line.addedAt.toISOString() };
}

export function toCheckoutLine(line: JudgedLine<LineToJudge>): CheckoutLine {
  return { ...linePart(line), lineFen: line.priceFen * line.quantity };
}

/** Only selected lines that can be bought are counted and priced for the 结算 bar. */
export function toCart(lines: readonly JudgedLine<CartRow & LineToJudge>[]): Cart {
  const payable = lines.filter((line) => line.selected && line.problem === null);
  return {
    items: lines.map(toCartLine),
    selectedCount: payable.reduce((sum, line) => sum + line.quantity, 0),
    selectedFen: payable.reduce((sum, line) => sum + line.priceFen * line.quantity, 0),
    totalCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    max: CART_LINES_MAX,
  };
}
