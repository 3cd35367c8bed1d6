import { describe, expect, it } from 'vitest';
import { emptyPartnerForm, partnerFormProblems, toPartnerInput, toPartnerUpdate } from './partnerForm';
import type { PartnerFormValues } from './partnerForm';

const heritage: PartnerFormValues = {
  ...emptyPartnerForm(),
  slug: 'shenggong-carp',
  kind: 'heritage',
  name: '生恭鲤鱼工作室',
  region: '蓬江区',
  heritageLevel: 'city',
  craft: '生恭鲤鱼制作技艺',
};

describe('partnerFormProblems', () => {
  it('should pass a complete heritage partner', () => {
    expect(partnerFormProblems(heritage, true)).toEqual({});
  });

  it('should need level and craft for heritage partners only', () => {
    const missing = { ...heritage, heritageLevel: null, craft: ' ' };
    expect(partnerFormProblems(missing, true)).toEqual({ heritageLevel: '非遗传承人需要选择非遗级别', craft: '请填写技艺名称' });
    expect(partnerFormProblems({ ...missing, kind: 'enterprise' }, true)).toEqual({});
  });

  it('should check contacts only when given', () => {
    expect(partnerFormProblems({ ...heritage, contactPhone: '0750-1234567' }, true)).toEqual({
      contactPhone: '请填写 11 位中国大陆手机号',
    });
  });

  it('should need a region and a name', () => {
    expect(partnerFormProblems({ ...heritage, region: null, name: '鲤' }, false)).toEqual({
      region: '请选择江门的区县',
      name: '名称至少 2 个字',
    });
  });
});

describe('partner bodies', () => {
  it('should send provenance for heritage partners and clear it for others', () => {
    expect(toPartnerInput(heritage)).toMatchObject({ kind: 'heritage', heritageLevel: 'city', craft: '生恭鲤鱼制作技艺' });
    expect(toPartnerInput({ ...heritage, kind: 'enterprise' })).toMatchObject({ heritageLevel: null, craft: null });
  });

  it('should not send slug or kind in an update', () => {
    const update = toPartnerUpdate(heritage);
    expect(update).not.toHaveProperty('slug');
    expect(update).not.toHaveProperty('kind');
    expect(update).toMatchObject({ name: '生恭鲤鱼工作室', region: '蓬江区' });
  });
});
