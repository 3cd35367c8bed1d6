import { describe, expect, it } from 'vitest';
import { WeChatPayApiError } from '../wechatpay/gateway';
import { formatRefundNo } from './refund-number';
import { refusalReason } from './wechat-executor';
import { parseWechatOutRefundNo, wechatOutRefundNo } from './wechat-refund-no';

describe('WeChat refund numbers per attempt', () => {
  it('should use the refund number first, then a suffix that maps back to it', () => {
    const refundNo = formatRefundNo('QD20261129-7KM3XR2A', 12);
    expect(wechatOutRefundNo(refundNo, 1)).toBe(refundNo);
    expect(wechatOutRefundNo(refundNo, 2)).toBe(`${refundNo}-R2`);
    expect(parseWechatOutRefundNo(refundNo)).toEqual({ refundNo, attempt: 1 });
    expect(parseWechatOutRefundNo(`${refundNo}-R2`)).toEqual({ refundNo, attempt: 2 });
    expect(parseWechatOutRefundNo(`${refundNo}-R11`)).toEqual({ refundNo, attempt: 11 });
  });

  it('should never read a plain refund number as a later attempt', () => {
    for (const sequence of [1, 2, 10, 99]) {
      const refundNo = formatRefundNo('QD20261129-R2R2R2R2', sequence);
      expect(parseWechatOutRefundNo(refundNo)).toEqual({ refundNo, attempt: 1 });
    }
    expect(parseWechatOutRefundNo('RF1-R1')).toEqual({ refundNo: 'RF1-R1', attempt: 1 });
    expect(parseWechatOutRefundNo('RF1-R02')).toEqual({ refundNo: 'RF1-R02', attempt: 1 });
  });
});

describe('reasons for refunds WeChat refused', () => {
  it('should name known refusals in Chinese and keep WeChat’s own words where they explain', () => {
    expect(refusalReason(new WeChatPayApiError('NOT_ENOUGH', 403, '基本账户余额不足'))).toBe('商户余额不足，请充值后重新发起');
    expect(refusalReason(new WeChatPayApiError('INVALID_REQUEST', 400, '申请退款金额超过订单可退金额'))).toBe(
      '微信支付拒绝了退款：申请退款金额超过订单可退金额',
    );
    expect(refusalReason(new WeChatPayApiError('TIMEOUT', null, 'x'))).toContain('退款结果未知');
    expect(refusalReason(new WeChatPayApiError('SOMETHING_NEW', 502, 'x'))).toBe('微信支付系统繁忙，请稍后重新发起');
    expect(refusalReason(new WeChatPayApiError('SOMETHING_NEW', 400, 'x'))).toBe('微信支付拒绝了退款（SOMETHING_NEW）');
  });
});
