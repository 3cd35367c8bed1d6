import type { PaymentState } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { returnedPayment } from './payReturn';
import { createPaymentModeLoader } from './paymentMode';
import { paymentVerdict } from './paymentVerdict';

const UNPAID: PaymentState = {
  orderId: 1,
  orderNo: 'QD202611290001',
  status: 'pending_payment',
  paid: false,
  paidAt: null,
  totalFen: 990,
  paidFen: 0,
  channel: null,
  tradeState: null,
  message: '等待支付',
  simulated: true,
  payable: true,
};

describe('paymentVerdict', () => {
  it('should take paid from the server whatever WeChat last said', () => {
    expect(paymentVerdict({ ...UNPAID, status: 'paid', paid: true, payable: false, tradeState: null })).toBe('paid');
  });

  it('should call an unpaid order that can no longer be paid closed', () => {
    expect(paymentVerdict({ ...UNPAID, status: 'cancelled', payable: false, tradeState: 'CLOSED' })).toBe('closed');
  });

  it("should report WeChat's PAYERROR as failed and anything else unpaid as pending", () => {
    expect(paymentVerdict({ ...UNPAID, tradeState: 'PAYERROR' })).toBe('failed');
    for (const tradeState of [null, 'NOTPAY', 'USERPAYING'] as const) expect(paymentVerdict({ ...UNPAID, tradeState })).toBe('pending');
  });
});

describe('returnedPayment', () => {
  it("should read the pay page's word and treat anything else as an ordinary opening", () => {
    expect(returnedPayment('ok')).toBe('ok');
    expect(returnedPayment('cancel')).toBe('cancel');
    expect(returnedPayment('fail')).toBe('fail');
    for (const value of [undefined, '', 'paid', ['ok']]) expect(returnedPayment(value)).toBe('opened');
  });
});

describe('createPaymentModeLoader', () => {
  it('should ask once, and again after a failed read', async () => {
    let asked = 0;
    const load = createPaymentModeLoader(async () => {
      asked += 1;
      if (asked === 1) throw new Error('offline');
      return { demo: true, miniProgram: false, officialAccountAppId: null, payment: 'simulator' };
    });
    await expect(load()).rejects.toThrow('offline');
    await expect(load()).resolves.toBe('simulator');
    await expect(load()).resolves.toBe('simulator');
    expect(asked).toBe(2);
  });
});
