import type { ConsoleProductDetail } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { emptyProductDraft, emptySku, productDraftOf, productErrorKey, toProductInput } from './productForm';
import type { ProductDraft } from './productForm';

function filledDraft(): ProductDraft {
  const draft = emptyProductDraft(4);
  draft.title = ' 生恭鲤鱼摆件 ';
  draft.categoryId = 12;
  draft.specNames = ['尺寸'];
  draft.skus = [
    { ...emptySku(1), code: 'LY-S', values: ['小号'], price: '88', originalPrice: '128.5', weight: '300' },
    { ...emptySku(1), code: 'LY-L', values: ['大号'], price: '168.80', originalPrice: '', weight: '' },
  ];
  return draft;
}

describe('toProductInput', () => {
  it('should send prices in fen, trimmed text and every SKU with its specs', () => {
    const { input, problems } = toProductInput(filledDraft());
    expect(problems).toEqual({});
    expect(input).toEqual({
      title: '生恭鲤鱼摆件',
      subtitle: '',
      categoryId: 12,
      partnerId: 4,
      description: [],
      heritage: null,
      purchaseLimit: null,
      skus: [
        { code: 'LY-S', specs: [{ name: '尺寸', value: '小号' }], priceFen: 8800, originalPriceFen: 12850, weightGrams: 300 },
        { code: 'LY-L', specs: [{ name: '尺寸', value: '大号' }], priceFen: 16880, originalPriceFen: null, weightGrams: 0 },
      ],
    });
  });

  it('should put each problem under the field the server would name', () => {
    const draft = filledDraft();
    draft.title = '';
    draft.categoryId = null;
    draft.skus[0]!.price = '1000000.01';
    draft.skus[1]!.code = 'ly-s';
    draft.skus[1]!.price = '12.345';
    draft.skus[0]!.originalPrice = '10';
    const { input, problems } = toProductInput(draft);
    expect(input).toBeNull();
    expect(problems).toEqual({
      title: '请填写商品名称',
      categoryId: '请选择商品分类',
      'skus.0.priceFen': '售价不能超过 ¥1,000,000',
      'skus.1.code': '规格编码不能重复',
      'skus.1.priceFen': '售价格式不正确，如 12.80',
    });
  });

  it('should refuse a strike-through price below the price and two SKUs with the same specs', () => {
    const draft = filledDraft();
    draft.skus[0]!.originalPrice = '80';
    draft.skus[1]!.values = ['小号'];
    expect(toProductInput(draft).problems).toEqual({
      'skus.0.originalPriceFen': '划线价不能低于售价',
      'skus.1.specs': '两个规格的属性完全相同',
    });
  });

  it('should send 限购 as a whole number of units, and nothing typed as no limit', () => {
    const draft = filledDraft();
    draft.purchaseLimit = ' 2 ';
    expect(toProductInput(draft).input?.purchaseLimit).toBe(2);
    draft.purchaseLimit = '';
    expect(toProductInput(draft).input?.purchaseLimit).toBeNull();
  });

  it('should refuse a 限购 of zero, a fraction or more than the most allowed', () => {
    const draft = filledDraft();
    for (const [typed, message] of [
      ['0', '限购数量至少为 1'],
      ['1.5', '限购数量必须是整数'],
      ['1000', '限购数量最多 999'],
    ]) {
      draft.purchaseLimit = typed!;
      expect(toProductInput(draft).problems).toEqual({ purchaseLimit: message });
    }
  });

  it('should ask for every provenance field of a heritage product', () => {
    const draft = filledDraft();
    draft.heritageOn = true;
    draft.heritage.craft = '鲤鱼灯扎作';
    expect(Object.keys(toProductInput(draft).problems)).toEqual(['heritage.level', 'heritage.inheritor', 'heritage.region', 'heritage.story']);
  });
});

describe('productDraftOf', () => {
  it('should show saved prices in yuan and keep SKU ids so a save updates them', () => {
    const detail = {
      title: '陈皮',
      subtitle: '',
      categoryId: 3,
      partnerId: 2,
      description: [{ type: 'text', text: '新会陈皮' }],
      heritage: null,
      purchaseLimit: 3,
      skus: [
        {
          id: 9,
          code: 'CP-1',
          specs: [{ name: '年份', value: '十年' }],
          priceFen: 12800,
          originalPriceFen: null,
          weightGrams: 250,
          stockAvailable: 20,
          lowStockThreshold: 5,
          unitCostFen: null,
        },
      ],
    } as unknown as ConsoleProductDetail;
    const draft = productDraftOf(detail);
    expect(draft.specNames).toEqual(['年份']);
    expect(draft.purchaseLimit).toBe('3');
    expect(draft.skus[0]).toMatchObject({ id: 9, values: ['十年'], price: '128.00', originalPrice: '', weight: '250', stockAvailable: 20 });
    expect(toProductInput(draft).input?.skus[0]).toEqual({
      id: 9,
      code: 'CP-1',
      specs: [{ name: '年份', value: '十年' }],
      priceFen: 12800,
      originalPriceFen: null,
      weightGrams: 250,
    });
  });
});

describe('productErrorKey', () => {
  it('should put server messages about a spec or a block where the editor shows them', () => {
    expect(productErrorKey('skus.1.specs.0.value')).toBe('skus.1.specs');
    expect(productErrorKey('description.2.alt')).toBe('description.2.text');
    expect(productErrorKey('skus.0.priceFen')).toBe('skus.0.priceFen');
    expect(productErrorKey('title')).toBe('title');
  });
});
