import { CART_LINE_PROBLEM_LABELS, ORDER_LINE_QUANTITY_MAX } from '@qiaodu/shared';
import type { CartLine } from '@qiaodu/shared';
import type { CheckoutItem } from './checkoutItems';

/** One team's lines under a 店铺-like header, as every Chinese shop groups its cart. */
export interface TeamGroup<L extends { team: { id: number; name: string } }> {
  team: L['team'];
  lines: L[];
}
export type CartTeamGroup = TeamGroup<CartLine>;

/** Lines grouped by team, teams in the order their first line comes. */
export function groupByTeam<L extends { team: { id: number; name: string } }>(lines: readonly L[]): TeamGroup<L>[] {
  const groups = new Map<number, TeamGroup<L>>();
  for (const line of lines) {
    let group = groups.get(line.team.id);
    if (!group) {
      group = { team: line.team, lines: [] };
      groups.set(line.team.id, group);
    }
    group.lines.push(line);
  }
  return [...groups.values()];
}

export function validLines(lines: readonly CartLine[]): CartLine[] {
  return lines.filter((line) => line.problem === null);
}

/** Lines with a problem go to the 失效商品 section, never silently dropped. */
export function invalidLines(lines: readonly CartLine[]): CartLine[] {
  return lines.filter((line) => line.problem !== null);
}

/** The most units the customer may have of this line now: stock, 限购 and the per-line cap. */
export function lineMax(line: Pick<CartLine, 'stockAvailable' | 'purchaseLimitLeft'>): number {
  return Math.max(0, Math.min(line.stockAvailable, line.purchaseLimitLeft ?? ORDER_LINE_QUANTITY_MAX, ORDER_LINE_QUANTITY_MAX));
}

/** Why the line is greyed out, with what is left when fewer units would do. */
export function problemText(line: Pick<CartLine, 'problem' | 'stockAvailable' | 'purchaseLimitLeft'>): string {
  switch (line.problem) {
    case null:
      return '';
    case 'insufficient':
      return `库存不足，仅剩 ${line.stockAvailable} 件`;
    case 'over_limit':
      return line.purchaseLimitLeft && line.purchaseLimitLeft > 0 ? `超出限购，还可购买 ${line.purchaseLimitLeft} 件` : '已达限购数量';
    default:
      return CART_LINE_PROBLEM_LABELS[line.problem];
  }
}

/**
 * A line with too many units becomes buyable again at a lower quantity: the number to offer
 * (库存不足 / 超出限购), or null when nothing can be bought (off sale, sold out, limit used up).
 */
export function fixableQuantity(line: Pick<CartLine, 'problem' | 'stockAvailable' | 'purchaseLimitLeft'>): number | null {
  if (line.problem !== 'insufficient' && line.problem !== 'over_limit') return null;
  const max = lineMax(line);
  return max > 0 ? max : null;
}

export function allSelected(lines: readonly CartLine[]): boolean {
  return lines.length > 0 && lines.every((line) => line.selected);
}

/** What 结算 takes to checkout: the valid selected lines. */
export function checkoutLines(lines: readonly CartLine[]): CheckoutItem[] {
  return validLines(lines)
    .filter((line) => line.selected)
    .map((line) => ({ skuId: line.skuId, quantity: line.quantity }));
}
