import type { Address } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { addressFieldProblem, addressLine, toAddressEditInfo, toAddressInput, toAddressListItem } from './addressForm';

const address: Address = {
  id: 7,
  name: '陈小明',
  phone: '13812345678',
  areaCode: '440703',
  province: '广东省',
  city: '江门市',
  county: '蓬江区',
  detail: '江门一职 天天市集',
  isDefault: true,
  updatedAt: '2024-03-01T08:00:00+08:00',
};

describe('address mapping', () => {
  it('should show a list item with the whole address on one line', () => {
    expect(toAddressListItem(address)).toEqual({
      id: 7,
      name: '陈小明',
      tel: '13812345678',
      address: '广东省江门市蓬江区 江门一职 天天市集',
      isDefault: true,
    });
  });

  it('should say a municipality once', () => {
    expect(addressLine({ province: '北京市', city: '北京市', county: '东城区', detail: '东华门大街 1 号' })).toBe(
      '北京市东城区 东华门大街 1 号',
    );
  });

  it('should round-trip through the editor, sending only the county code', () => {
    const info = { ...toAddressEditInfo(address), name: ' 陈小明 ', addressDetail: ' 江门一职 天天市集 ' };
    expect(toAddressInput(info)).toEqual({
      name: '陈小明',
      phone: '13812345678',
      areaCode: '440703',
      detail: '江门一职 天天市集',
      isDefault: true,
    });
  });
});

describe('addressFieldProblem', () => {
  it('should pass a complete address', () => {
    for (const [field, value] of Object.entries({ name: '陈小明', tel: '13812345678', areaCode: '广东省/江门市/蓬江区', addressDetail: '天天市集' })) {
      expect(addressFieldProblem(field, value)).toBeUndefined();
    }
  });

  it('should explain each problem in Chinese', () => {
    expect(addressFieldProblem('name', '')).toBe('请填写姓名');
    expect(addressFieldProblem('tel', '0750123456')).toBe('请填写 11 位中国大陆手机号');
    expect(addressFieldProblem('areaCode', '')).toBe('请选择省市区');
    expect(addressFieldProblem('addressDetail', ' 1 ')).toBe('请填写详细地址');
    expect(addressFieldProblem('addressDetail', '天天市集🎉')).toBe('详细地址不能包含表情符号');
    expect(addressFieldProblem('addressDetail', '路'.repeat(81))).toBe('详细地址最多 80 个字');
  });
});
