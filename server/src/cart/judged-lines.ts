import type { Db, Tx } from '@qiaodu/db';
import type { CartLineProblem } from '@qiaodu/shared';
import { purchasedUnits } from '../orders/purchase-limits';
import { lineProblems, purchaseLimitLeft } from './problems';
import type { SkuFacts } from './repository';

export interface LineToJudge extends SkuFacts {
  quantity: number;
  /** Part of what would be bought now: a selected cart line, every checkout line. */
  counted: boolean;
}

export type JudgedLine<T extends LineToJudge> = T & { purchaseLimitLeft: number | null; problem: CartLineProblem | null };

/**
 * Today's verdict on each line: how much of 限购 the customer has left (what they bought or hold
 * in unpaid orders counts) and why the line cannot be bought, if it cannot. The cart and the
 * checkout preview both judge their lines here, so they always agree.
 */
export async function judgeLines<T extends LineToJudge>(db: Db | Tx, userId: number, lines: readonly T[]): Promise<JudgedLine<T>[]> {
  const limited = lines.filter((line) => line.purchaseLimit !== null).map((line) => line.productId);
  const purchased = await purchasedUnits(db, userId, limited);
  const withLimits = lines.map((line) => ({ ...line, purchaseLimitLeft: purchaseLimitLeft(line.purchaseLimit, purchased.get(line.productId) ?? 0) }));
  const problems = lineProblems(withLimits);
  return withLimits.map((line, index) => ({ ...line, problem: problems[index] ?? null }));
}
