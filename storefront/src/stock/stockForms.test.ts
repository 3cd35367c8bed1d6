import { describe, expect, it } from 'vitest';
import { adjustBodyOf, parseQuantity, receiveBodyOf } from './stockForms';

describe('receiveBodyOf', () => {
  it('should turn typed yuan into fen and keep the batch note', () => {
    expect(receiveBodyOf({ skuId: 7, quantity: '20', unitCost: '3.5', batchNote: ' 第 3 批 ', partnerId: 2 })).toEqual({
      body: { skuId: 7, quantity: 20, unitCostFen: 350, batchNote: '第 3 批', partnerId: 2 },
      problems: {},
    });
  });

  it('should refuse fractional, zero and huge quantities and costs over a million yuan', () => {
    expect(receiveBodyOf({ skuId: 7, quantity: '1.5', unitCost: '1000000.01', batchNote: '', partnerId: null }).problems).toEqual({
      quantity: '入库数量必须是整数',
      unitCostFen: '单位成本不能超过 ¥1,000,000',
    });
    expect(receiveBodyOf({ skuId: null, quantity: '0', unitCost: 'abc', batchNote: '', partnerId: null }).problems).toEqual({
      skuId: '请选择要入库的规格',
      quantity: '入库数量不能小于 1',
      unitCostFen: '单位成本格式不正确，如 3.50',
    });
  });

  it('should send a cost of 0 when none is typed and leave the partner to the server', () => {
    expect(receiveBodyOf({ skuId: 1, quantity: '5', unitCost: '', batchNote: '', partnerId: null }).body).toEqual({
      skuId: 1,
      quantity: 5,
      unitCostFen: 0,
      batchNote: '',
    });
  });
});

describe('adjustBodyOf', () => {
  it('should sign the quantity by the reason: damage takes stock out, found puts it back', () => {
    expect(adjustBodyOf(3, { reason: 'damage', quantity: '2', note: '摔坏' }).body).toEqual({ skuId: 3, reason: 'damage', quantity: -2, note: '摔坏' });
    expect(adjustBodyOf(3, { reason: 'found', quantity: '1', note: '' }).body?.quantity).toBe(1);
  });

  it('should ask for a reason and a positive whole number', () => {
    expect(adjustBodyOf(3, { reason: null, quantity: '-1', note: '' }).problems).toEqual({
      reason: '请选择调整原因',
      quantity: '调整数量不能小于 1',
    });
  });
});

describe('parseQuantity', () => {
  it('should ask for an empty field and refuse words', () => {
    expect(parseQuantity('', { label: '盘点数量', min: 0 }).problem).toBe('请填写盘点数量');
    expect(parseQuantity('十', { label: '盘点数量', min: 0 }).problem).toBe('请填写盘点数量');
    expect(parseQuantity('0', { label: '盘点数量', min: 0 })).toEqual({ value: 0, problem: null });
  });
});
