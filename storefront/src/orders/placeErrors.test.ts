import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { isUncertainFailure, lineProblemText, placementProblem } from './placeErrors';

describe('placement errors', () => {
  it('should tell which SKUs are short and how many are left', () => {
    const error = new ApiError('OUT_OF_STOCK', '2 个规格库存不足', 409, {
      skus: [
        { skuId: 5, requested: 3, available: 1 },
        { skuId: 6, requested: 1, available: 0 },
      ],
    });
    const problem = placementProblem(error);
    expect(problem?.message).toBe('2 个规格库存不足');
    expect(lineProblemText(problem, { skuId: 5, productId: 1 })).toBe('库存不足，仅剩 1 件');
    expect(lineProblemText(problem, { skuId: 6, productId: 1 })).toBe('已售罄');
    expect(lineProblemText(problem, { skuId: 7, productId: 1 })).toBe('');
  });

  it('should mark unavailable SKUs and the product over its 限购', () => {
    const gone = placementProblem(new ApiError('SKU_UNAVAILABLE', '商品已下架或规格不存在', 409, { skuIds: [9] }));
    expect(lineProblemText(gone, { skuId: 9, productId: 3 })).toBe('已下架或规格不存在');
    const limited = placementProblem(new ApiError('PURCHASE_LIMIT_EXCEEDED', '该商品每人限购 2 件', 409, { productId: 3, limit: 2, bought: 1 }));
    expect(lineProblemText(limited, { skuId: 9, productId: 3 })).toBe('超出限购数量');
  });

  it('should leave other errors to be shown as they come', () => {
    expect(placementProblem(new ApiError('ADDRESS_NOT_FOUND', '收货地址不存在', 404))).toBeNull();
    expect(placementProblem(new Error('boom'))).toBeNull();
  });

  it('should retry with the same key only when the order may exist', () => {
    expect(isUncertainFailure(new ApiError('TIMEOUT', '网络超时', 0))).toBe(true);
    expect(isUncertainFailure(new ApiError('NETWORK_ERROR', '网络连接失败', 0))).toBe(true);
    expect(isUncertainFailure(new ApiError('SERVICE_UNAVAILABLE', '服务暂时不可用', 503))).toBe(true);
    expect(isUncertainFailure(new ApiError('OUT_OF_STOCK', '库存不足', 409))).toBe(false);
  });
});
