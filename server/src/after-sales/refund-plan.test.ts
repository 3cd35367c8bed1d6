import { describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error';
import { planRefunds, type RefundableLine } from './refund-plan';
import { formatRefundNo } from './refund-number';

const line = (id: number, teamId: number, unitPriceFen: number, quantity: number, extra: Partial<RefundableLine> = {}): RefundableLine => ({
  id,
  teamId,
  skuId: id * 10,
  unitPriceFen,
  quantity,
  refundedQuantity: 0,
  openUnits: 0,
  ...extra,
});

const room = { shippingFen: 800, moneyLeftFen: 1_000_000 };

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('planRefunds', () => {
  it('should split a whole-order request per team with shipping on the lowest team id', () => {
    const planned = planRefunds([line(1, 7, 1000, 2), line(2, 3, 500, 1), line(3, 7, 300, 1)], {}, room);
    expect(planned).toEqual([
      { teamId: 3, items: [{ orderItemId: 2, skuId: 20, quantity: 1 }], amountFen: 1300, shippingFen: 800, wholeOrder: true },
      {
        teamId: 7,
        items: [
          { orderItemId: 1, skuId: 10, quantity: 2 },
          { orderItemId: 3, skuId: 30, quantity: 1 },
        ],
        amountFen: 2300,
        shippingFen: 0,
        wholeOrder: true,
      },
    ]);
  });

  it('should take only free units in a whole-order request and refuse when all are held', () => {
    const planned = planRefunds([line(1, 3, 1000, 3, { refundedQuantity: 1, openUnits: 1 })], {}, { ...room, shippingFen: 0 });
    expect(planned[0]).toMatchObject({ items: [{ orderItemId: 1, quantity: 1 }], amountFen: 1000 });
    expect(refusal(() => planRefunds([line(1, 3, 1000, 2, { openUnits: 2 })], {}, room)).code).toBe('REFUND_IN_PROGRESS');
    expect(refusal(() => planRefunds([line(1, 3, 1000, 2, { refundedQuantity: 2 })], {}, { ...room, shippingFen: 0 })).code).toBe('INVALID_STATE');
  });

  it('should return the shipping fee alone once every unit went back through item requests', () => {
    const lines = [line(1, 7, 1000, 1, { refundedQuantity: 1 }), line(2, 3, 500, 1, { refundedQuantity: 1 })];
    expect(planRefunds(lines, {}, room)).toEqual([{ teamId: 3, items: [], amountFen: 800, shippingFen: 800, wholeOrder: true }]);
    expect(refusal(() => planRefunds(lines, {}, { ...room, shippingFen: 0 })).code).toBe('INVALID_STATE');
  });

  it('should price an item request by its units and never add shipping', () => {
    const planned = planRefunds([line(1, 3, 1250, 4)], { items: [{ orderItemId: 1, quantity: 3 }] }, room);
    expect(planned).toEqual([{ teamId: 3, items: [{ orderItemId: 1, skuId: 10, quantity: 3 }], amountFen: 3750, shippingFen: 0, wholeOrder: false }]);
  });

  it('should take a lower agreed amount and refuse a higher one', () => {
    const lines = [line(1, 3, 1000, 2)];
    expect(planRefunds(lines, { items: [{ orderItemId: 1, quantity: 2 }], amountFen: 1500 }, room)[0]!.amountFen).toBe(1500);
    const tooHigh = refusal(() => planRefunds(lines, { items: [{ orderItemId: 1, quantity: 2 }], amountFen: 2001 }, room));
    expect(tooHigh.code).toBe('REFUND_AMOUNT_TOO_HIGH');
    expect(tooHigh.details).toEqual({ maxFen: 2000 });
    expect(refusal(() => planRefunds(lines, { amountFen: 0 }, room)).code).toBe('VALIDATION_FAILED');
  });

  it('should keep shipping within a partial whole-order amount of one team', () => {
    const planned = planRefunds([line(1, 3, 1000, 1)], { amountFen: 500 }, room);
    expect(planned[0]).toMatchObject({ amountFen: 500, shippingFen: 500 });
  });

  it('should refuse a partial amount over several teams, items of two teams, unknown and repeated lines', () => {
    const lines = [line(1, 3, 1000, 1), line(2, 4, 1000, 1)];
    expect(refusal(() => planRefunds(lines, { amountFen: 100 }, room)).message).toContain('分别');
    expect(refusal(() => planRefunds(lines, { items: [{ orderItemId: 1, quantity: 1 }, { orderItemId: 2, quantity: 1 }] }, room)).message).toBe(
      '请分别为不同团队的商品申请售后',
    );
    expect(refusal(() => planRefunds(lines, { items: [{ orderItemId: 9, quantity: 1 }] }, room)).code).toBe('VALIDATION_FAILED');
    expect(refusal(() => planRefunds(lines, { items: [{ orderItemId: 1, quantity: 1 }, { orderItemId: 1, quantity: 1 }] }, room)).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('should tell units held by an open refund from units that do not exist', () => {
    const lines = [line(1, 3, 1000, 2, { openUnits: 1 })];
    expect(refusal(() => planRefunds(lines, { items: [{ orderItemId: 1, quantity: 2 }] }, room)).code).toBe('REFUND_IN_PROGRESS');
    expect(refusal(() => planRefunds(lines, { items: [{ orderItemId: 1, quantity: 3 }] }, room)).code).toBe('VALIDATION_FAILED');
  });

  it('should never ask for more money than is left on the order', () => {
    expect(refusal(() => planRefunds([line(1, 3, 1000, 1)], {}, { shippingFen: 0, moneyLeftFen: 999 })).code).toBe('REFUND_AMOUNT_TOO_HIGH');
  });
});

describe('formatRefundNo', () => {
  it('should be a valid WeChat out_refund_no named after its order', () => {
    const refundNo = formatRefundNo('QD20261129-7KM3XR2A', 2);
    expect(refundNo).toBe('RF20261129-7KM3XR2A-2');
    expect(refundNo).toMatch(/^[A-Za-z0-9_|*@-]{6,64}$/);
  });
});
