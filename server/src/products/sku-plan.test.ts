import { describe, expect, it } from 'vitest';
import { planSkus, type StoredSku } from './sku-plan';

const stored = (id: number, overrides: Partial<StoredSku> = {}): StoredSku => ({
  id,
  code: `C-${id}`,
  specs: [{ name: '尺寸', value: `${id} 号` }],
  position: id - 1,
  priceFen: 1000 * id,
  originalPriceFen: null,
  weightGrams: 100,
  ...overrides,
});

const input = (sku: StoredSku, overrides: Record<string, unknown> = {}) => ({
  id: sku.id as number | undefined,
  code: sku.code,
  specs: sku.specs,
  priceFen: sku.priceFen,
  originalPriceFen: sku.originalPriceFen,
  weightGrams: sku.weightGrams,
  ...overrides,
});

describe('planSkus', () => {
  const one = stored(1);
  const two = stored(2);

  it('should plan nothing for the SKUs as they are, whatever order jsonb gave their specs’ keys', () => {
    const plan = planSkus([one, two], [input(one, { specs: [{ value: '1 号', name: '尺寸' }] }), input(two)]);
    expect(plan).toMatchObject({ unknownIds: [], inserts: [], deletes: [], priceChanges: [], weightChanged: false, contentChanged: false });
    expect(plan.updates.map((update) => update.id)).toEqual([1, 2]);
  });

  it('should record a price change apart from other edits', () => {
    const plan = planSkus([one, two], [input(one, { priceFen: 900, originalPriceFen: 1200 }), input(two)]);
    expect(plan.priceChanges).toEqual([{ skuId: 1, code: 'C-1', fromFen: 1000, toFen: 900, fromOriginalFen: null, toOriginalFen: 1200 }]);
    expect(plan).toMatchObject({ weightChanged: false, contentChanged: false });
  });

  it('should tell a new weight apart from a change customers choose by', () => {
    expect(planSkus([one, two], [input(one, { weightGrams: 250 }), input(two)])).toMatchObject({ weightChanged: true, contentChanged: false });
    expect(planSkus([one, two], [input(two), input(one)])).toMatchObject({ weightChanged: false, contentChanged: true });
    expect(planSkus([one, two], [input(one, { specs: [{ name: '尺寸', value: '特大' }] }), input(two)]).contentChanged).toBe(true);
  });

  it('should insert SKUs without id, delete those not sent and follow the order sent', () => {
    const plan = planSkus([one, two], [input(two), input(stored(3), { id: undefined, code: 'NEW' })]);
    expect(plan.inserts).toMatchObject([{ code: 'NEW', position: 1 }]);
    expect(plan.deletes.map((sku) => sku.id)).toEqual([1]);
    expect(plan.updates).toMatchObject([{ id: 2, position: 0, codeChanged: false }]);
    expect(plan.contentChanged).toBe(true);
  });

  it('should report ids that are not this product’s SKUs and mark renamed codes', () => {
    const plan = planSkus([one], [input(one, { code: 'RENAMED' }), input(stored(99))]);
    expect(plan.unknownIds).toEqual([99]);
    expect(plan.updates).toMatchObject([{ id: 1, code: 'RENAMED', codeChanged: true }]);
    expect(plan.contentChanged).toBe(true);
  });
});
