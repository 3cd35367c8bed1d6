import { describe, expect, it } from 'vitest';
import { fieldErrorsByPath, fieldErrorsOf } from './fieldErrors';
import { ApiError } from './http';

describe('fieldErrorsOf', () => {
  it('should key body issues by their top-level field and keep the first message', () => {
    const error = new ApiError('VALIDATION_FAILED', '请填写 11 位中国大陆手机号', 400, [
      { path: 'body.phone', message: '请填写 11 位中国大陆手机号' },
      { path: 'body.phone', message: '第二条' },
      { path: 'body.partnerIds.0', message: 'ID 必须是正整数' },
      { path: 'body', message: '请求内容不正确' },
    ]);
    expect(fieldErrorsOf(error)).toEqual({
      phone: '请填写 11 位中国大陆手机号',
      partnerIds: 'ID 必须是正整数',
      '': '请求内容不正确',
    });
  });

  it('should skip issues about the path or query and malformed details', () => {
    const error = new ApiError('VALIDATION_FAILED', 'ID 必须是正整数', 400, [
      { path: 'params.id', message: 'ID 必须是正整数' },
      { path: 3, message: 'x' },
      null,
    ]);
    expect(fieldErrorsOf(error)).toEqual({});
  });

  it('should answer null for other errors', () => {
    expect(fieldErrorsOf(new ApiError('ADDRESS_LIMIT_REACHED', '最多只能保存 20 个收货地址', 409))).toBeNull();
    expect(fieldErrorsOf(new Error('boom'))).toBeNull();
    expect(fieldErrorsOf(new ApiError('VALIDATION_FAILED', '请求参数不正确', 400))).toBeNull();
  });
});

describe('fieldErrorsByPath', () => {
  it('should key body issues by their whole path so rows of fields get their own message', () => {
    const error = new ApiError('VALIDATION_FAILED', '价格不能超过 ¥1,000,000', 400, [
      { path: 'body.skus.1.priceFen', message: '价格不能超过 ¥1,000,000' },
      { path: 'body.skus.1.priceFen', message: '第二条' },
      { path: 'body.title', message: '请填写商品名称' },
      { path: 'body', message: '请求内容不正确' },
      { path: 'query.page', message: '页码必须是正整数' },
    ]);
    expect(fieldErrorsByPath(error)).toEqual({
      'skus.1.priceFen': '价格不能超过 ¥1,000,000',
      title: '请填写商品名称',
      '': '请求内容不正确',
    });
  });

  it('should answer null for other errors', () => {
    expect(fieldErrorsByPath(new ApiError('INVALID_STATE', '状态不允许', 409))).toBeNull();
  });
});
