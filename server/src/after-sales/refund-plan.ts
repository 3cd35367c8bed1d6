import { formatFen } from '@qiaodu/shared';
import { AppError } from '../http/app-error';

/** An order line as a refund request sees it: what was bought, refunded, and held by open refunds. */
export interface RefundableLine {
  id: number;
  teamId: number;
  skuId: number;
  unitPriceFen: number;
  quantity: number;
  refundedQuantity: number;
  /** Units in open refunds (requested, approved, failed). */
  openUnits: number;
}

export interface RefundAsk {
  /** Absent: the whole order. */
  items?: readonly { orderItemId: number; quantity: number }[];
  amountFen?: number;
}

export interface RefundRoom {
  /** The order's shipping fee if it may still be returned (nothing left the shop, not claimed yet); else 0. */
  shippingFen: number;
  /** paid − refunded − held by open refunds: no refund may ask for more money than this. */
  moneyLeftFen: number;
}

export interface PlannedRefund {
  teamId: number;
  items: { orderItemId: number; skuId: number; quantity: number }[];
  amountFen: number;
  shippingFen: number;
  wholeOrder: boolean;
}

const invalid = (message: string, path = 'body') => new AppError('VALIDATION_FAILED', message, [{ path, message }]);

/** Units of the line no refund has returned or holds. */
const freeUnits = (line: RefundableLine) => line.quantity - line.refundedQuantity - line.openUnits;

/**
 * What a customer's request becomes: one refund per team (a team decides refunds on its own
 * goods). A whole-order request takes every free unit of every team, with the shipping fee on
 * the refund of the lowest team id; an item request must name one team's lines. Refuses with
 * the reason the customer needs: units held by an open refund (409 REFUND_IN_PROGRESS), more
 * than was bought (400), more money than those units cost (422 REFUND_AMOUNT_TOO_HIGH).
 */
export function planRefunds(lines: readonly RefundableLine[], ask: RefundAsk, room: RefundRoom): PlannedRefund[] {
  const planned = ask.items ? [planItemRefund(lines, ask.items)] : planWholeOrder(lines, room.shippingFen);
  const valueFen = planned.reduce((sum, refund) => sum + refund.amountFen, 0);
  if (ask.amountFen !== undefined) {
    if (ask.amountFen === 0) throw invalid('退款金额必须大于 0', 'body.amountFen');
    if (ask.amountFen > valueFen) {
      throw new AppError('REFUND_AMOUNT_TOO_HIGH', `退款金额不能超过 ${formatFen(valueFen)}`, { maxFen: valueFen });
    }
    if (ask.amountFen < valueFen) {
      // A partial amount is agreed with one team; splitting it across teams would be a guess.
      if (planned.length > 1) throw invalid('订单含多个团队的商品，部分退款请分别为各团队的商品申请', 'body.amountFen');
      const [only] = planned as [PlannedRefund];
      only.amountFen = ask.amountFen;
      only.shippingFen = Math.min(only.shippingFen, ask.amountFen);
    }
  }
  for (const refund of planned) {
    if (refund.amountFen <= 0) throw invalid('这些商品的实付金额为 0，无需退款');
  }
  const askedFen = planned.reduce((sum, refund) => sum + refund.amountFen, 0);
  if (askedFen > room.moneyLeftFen) {
    throw new AppError('REFUND_AMOUNT_TOO_HIGH', `退款金额不能超过可退金额 ${formatFen(room.moneyLeftFen)}`, { maxFen: room.moneyLeftFen });
  }
  return planned;
}

function planItemRefund(lines: readonly RefundableLine[], asked: readonly { orderItemId: number; quantity: number }[]): PlannedRefund {
  const byId = new Map(lines.map((line) => [line.id, line]));
  const seen = new Set<number>();
  const chosen = asked.map((item, index) => {
    if (seen.has(item.orderItemId)) throw invalid('同一商品在申请中重复出现', `body.items.${index}.orderItemId`);
    seen.add(item.orderItemId);
    const line = byId.get(item.orderItemId);
    if (!line) throw invalid('订单中没有这件商品', `body.items.${index}.orderItemId`);
    return { line, quantity: item.quantity, path: `body.items.${index}.quantity` };
  });
  const teamIds = new Set(chosen.map(({ line }) => line.teamId));
  if (teamIds.size > 1) throw invalid('请分别为不同团队的商品申请售后', 'body.items');
  for (const { line, quantity, path } of chosen) {
    const left = line.quantity - line.refundedQuantity;
    if (quantity > left) throw invalid(left === 0 ? '该商品已全部退款' : `该商品最多可申请退款 ${left} 件`, path);
    if (quantity > freeUnits(line)) throw new AppError('REFUND_IN_PROGRESS', undefined, { orderItemId: line.id, available: freeUnits(line) });
  }
  return {
    teamId: chosen[0]!.line.teamId,
    items: chosen.map(({ line, quantity }) => ({ orderItemId: line.id, skuId: line.skuId, quantity })),
    amountFen: chosen.reduce((sum, { line, quantity }) => sum + line.unitPriceFen * quantity, 0),
    shippingFen: 0,
    wholeOrder: false,
  };
}

function planWholeOrder(lines: readonly RefundableLine[], shippingFen: number): PlannedRefund[] {
  const byTeam = new Map<number, PlannedRefund>();
  for (const line of lines) {
    const units = freeUnits(line);
    if (units <= 0) continue;
    const refund = byTeam.get(line.teamId) ?? { teamId: line.teamId, items: [], amountFen: 0, shippingFen: 0, wholeOrder: true };
    refund.items.push({ orderItemId: line.id, skuId: line.skuId, quantity: units });
    refund.amountFen += line.unitPriceFen * units;
    byTeam.set(line.teamId, refund);
  }
  const planned = [...byTeam.values()].sort((a, b) => a.teamId - b.teamId);
  if (planned.length === 0) {
    if (lines.some((line) => line.openUnits > 0)) throw new AppError('REFUND_IN_PROGRESS');
    // Every unit went back through item requests, which never carry shipping: the fee alone
    // is still the customer's, and returning it lets the order close.
    if (shippingFen === 0 || lines.length === 0) throw new AppError('INVALID_STATE', '订单中的商品已全部退款');
    const lowestTeamId = Math.min(...lines.map((line) => line.teamId));
    planned.push({ teamId: lowestTeamId, items: [], amountFen: 0, shippingFen: 0, wholeOrder: true });
  }
  const first = planned[0]!;
  first.shippingFen = shippingFen;
  first.amountFen += shippingFen;
  return planned;
}
