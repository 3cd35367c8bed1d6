import { describe, expect, it } from 'vitest';
import { testActor as actor } from '../policy/testing/test-actor';
import type { ProductValues } from './repository';
import { classifyEdit, editOutcome, incompleteMessage, missingForSubmit, productCapabilities, refusedTransitionMessage } from './rules';
import type { SkuInputData, StoredSku } from './sku-plan';

const student = actor(['student'], { memberships: new Map([[1, { post: 'photo_design', isLead: false }]]) });
const teacher = actor(['teacher'], { supervisedTeamIds: new Set([1]) });

describe('productCapabilities', () => {
  it('should give a member the team’s buttons for the status and a supervising teacher only review', () => {
    const draft = { teamId: 1, status: 'draft' as const, hasHistory: false };
    expect(productCapabilities(student, draft)).toEqual({
      edit: true,
      submit: true,
      withdraw: false,
      review: false,
      takeOffShelf: false,
      relist: false,
      delete: true,
    });
    const submitted = { ...draft, status: 'submitted' as const };
    expect(productCapabilities(student, submitted)).toMatchObject({ edit: false, withdraw: true, review: false, delete: false });
    expect(productCapabilities(teacher, submitted)).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      review: true,
      takeOffShelf: false,
      relist: false,
      delete: false,
    });
  });

  it('should keep a draft with history and refuse members of other teams everything', () => {
    expect(productCapabilities(student, { teamId: 1, status: 'draft', hasHistory: true }).delete).toBe(false);
    expect(Object.values(productCapabilities(student, { teamId: 2, status: 'on_sale', hasHistory: false }))).not.toContain(true);
    expect(productCapabilities(student, { teamId: 1, status: 'on_sale', hasHistory: false })).toMatchObject({ edit: true, takeOffShelf: true, relist: false });
  });
});

describe('workflow messages', () => {
  it('should name what a product lacks before review', () => {
    expect(missingForSubmit({ title: ' ', skuCount: 0, galleryCount: 0 })).toEqual(['商品名称', '至少一个规格', '至少一张主图']);
    expect(missingForSubmit({ title: '鲤鱼灯', skuCount: 1, galleryCount: 1 })).toEqual([]);
  });

  it('should say which status refused which step', () => {
    expect(refusedTransitionMessage('on_sale', 'submit')).toBe('商品当前为“在售”，不能提交审核');
  });
});

describe('the review rule', () => {
  const values: ProductValues = {
    title: '鲤鱼灯',
    subtitle: '',
    categoryId: 1,
    partnerId: 1,
    description: [{ type: 'text', text: '竹篾扎骨' }],
    heritageLevel: null,
    heritageCraft: null,
    heritageInheritor: null,
    heritageRegion: null,
    heritageStory: null,
  };
  const sku: StoredSku = { id: 7, code: 'LY-1', specs: [{ name: '尺寸', value: '小号' }], position: 0, priceFen: 1280, originalPriceFen: null, weightGrams: 200 };
  const sent = (overrides: Partial<StoredSku> = {}): SkuInputData => {
    const { position: _position, ...rest } = { ...sku, ...overrides };
    return rest;
  };
  const kindOf = (after: { values?: Partial<ProductValues>; skus?: SkuInputData[] }) =>
    classifyEdit({ values, skus: [sku] }, { values: { ...values, ...after.values }, skus: after.skus ?? [sent()] }).kind;

  it('should tell prices and weights apart from what customers read and choose by', () => {
    expect(kindOf({})).toBe('none');
    expect(kindOf({ skus: [sent({ priceFen: 990, originalPriceFen: 1280 })] })).toBe('prices');
    expect(kindOf({ skus: [sent({ weightGrams: 250 })] })).toBe('prices');
    expect(kindOf({ values: { title: '大鲤鱼灯' } })).toBe('content');
    expect(kindOf({ values: { description: [] } })).toBe('content');
    expect(kindOf({ values: { heritageLevel: 'city' } })).toBe('content');
    expect(kindOf({ skus: [sent({ code: 'LY-2', priceFen: 990 })] })).toBe('content');
    expect(kindOf({ skus: [sent({ specs: [] })] })).toBe('content');
    expect(kindOf({ skus: [sent(), { ...sent({ code: 'LY-9' }), id: undefined }] })).toBe('content');
    expect(kindOf({ skus: [] })).toBe('content');
  });

  it('should refuse content changes on sale, send them back to review off the shelf and keep drafts as they are', () => {
    expect(editOutcome('on_sale', 'prices')).toBe('keep');
    expect(editOutcome('on_sale', 'content')).toBe('refuse');
    expect(editOutcome('off_shelf', 'prices')).toBe('keep');
    expect(editOutcome('off_shelf', 'content')).toBe('back_to_draft');
    expect(editOutcome('draft', 'content')).toBe('keep');
    expect(editOutcome('submitted', 'prices')).toBe('refuse');
  });

  it('should say before which step the product is incomplete', () => {
    expect(incompleteMessage('relist', ['至少一张主图'])).toBe('重新上架前请补充：至少一张主图');
  });
});
