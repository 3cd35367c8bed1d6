import { describe, expect, it } from 'vitest';
import { canTransitionOrder, canTransitionRefund, ORDER_STATUSES, ORDER_TRANSITIONS } from './order-enums';
import { formatOrderNo, isValidOutTradeNo, shippingFeeFen } from './order-rules';

describe('order state machine', () => {
  it('should let only the server mark an order paid, and only while unpaid', () => {
    const order = { status: 'pending_payment', delivery: 'express' } as const;
    expect(canTransitionOrder(order, 'pay', 'system')).toBe(true);
    expect(canTransitionOrder(order, 'pay', 'customer')).toBe(false);
    expect(canTransitionOrder({ ...order, status: 'paid' }, 'pay', 'system')).toBe(false);
  });

  it('should cancel a paid order only through a full refund', () => {
    const paid = { status: 'paid', delivery: 'express' } as const;
    expect(canTransitionOrder(paid, 'cancel', 'customer')).toBe(false);
    expect(canTransitionOrder(paid, 'refund_in_full', 'system')).toBe(true);
  });

  it('should keep pickup and parcel paths apart', () => {
    const pickup = { status: 'paid', delivery: 'pickup' } as const;
    expect(canTransitionOrder(pickup, 'ship_rest', 'team')).toBe(false);
    expect(canTransitionOrder(pickup, 'ready_for_pickup', 'team')).toBe(true);
    expect(canTransitionOrder({ ...pickup, status: 'ready_for_pickup' }, 'pick_up', 'team')).toBe(true);
    expect(canTransitionOrder({ status: 'paid', delivery: 'express' }, 'ready_for_pickup', 'team')).toBe(false);
  });

  it('should never leave a finished order', () => {
    for (const status of ['completed', 'cancelled'] as const) {
      for (const name of Object.keys(ORDER_TRANSITIONS) as (keyof typeof ORDER_TRANSITIONS)[]) {
        for (const actor of ['customer', 'team', 'system'] as const) {
          expect(canTransitionOrder({ status, delivery: 'express' }, name, actor), `${status} ${name} ${actor}`).toBe(false);
        }
      }
    }
  });

  it('should name only known statuses in its table', () => {
    for (const rule of Object.values(ORDER_TRANSITIONS)) {
      for (const status of [...rule.from, rule.to]) expect(ORDER_STATUSES).toContain(status);
    }
  });

  it('should let a customer withdraw a refund request only before it is decided', () => {
    expect(canTransitionRefund('requested', 'withdraw', 'customer')).toBe(true);
    expect(canTransitionRefund('approved', 'withdraw', 'customer')).toBe(false);
    expect(canTransitionRefund('requested', 'approve', 'customer')).toBe(false);
    expect(canTransitionRefund('failed', 'retry', 'team')).toBe(true);
  });
});

describe('shippingFeeFen', () => {
  const rules = { freeAboveFen: 9900, flatFeeFen: 800 };
  it('should charge nothing for campus pickup, however small the order', () => {
    expect(shippingFeeFen('pickup', 100, rules)).toBe(0);
  });
  it('should ship free from the threshold on and charge the flat fee below it', () => {
    expect(shippingFeeFen('express', 9900, rules)).toBe(0);
    expect(shippingFeeFen('express', 9899, rules)).toBe(800);
  });
});

describe('formatOrderNo', () => {
  it('should be readable, dated in China time and a valid WeChat out_trade_no', () => {
    // 2026-11-29 17:30 UTC is already the 30th in Jiangmen.
    const no = formatOrderNo(new Date('2026-11-29T17:30:00Z'), new Uint8Array([0, 1, 2, 3, 4, 5, 6, 30]));
    expect(no).toBe('QD20261130-2345678Z');
    expect(isValidOutTradeNo(no)).toBe(true);
  });
  it('should never use characters people misread (0/O, 1/I/L)', () => {
    const every = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));
    for (let start = 0; start < 256; start += 8) {
      const tail = formatOrderNo(new Date(), every.subarray(start, start + 8)).split('-')[1]!;
      expect(tail).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    }
  });
  it('should refuse what WeChat refuses as out_trade_no', () => {
    expect(isValidOutTradeNo('12345')).toBe(false);
    expect(isValidOutTradeNo('a'.repeat(33))).toBe(false);
    expect(isValidOutTradeNo('QD2026 1129')).toBe(false);
    expect(isValidOutTradeNo('QD-2026_1129')).toBe(true);
  });
});
