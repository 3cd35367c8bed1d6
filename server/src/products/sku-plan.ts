import { isDeepStrictEqual } from 'node:util';
import type { ProductInput, SpecValue } from '@qiaodu/shared';
import type { z } from 'zod';

export type SkuInputData = z.output<typeof ProductInput>['skus'][number];

/** A SKU as stored, with what a save may change. */
export interface StoredSku {
  id: number;
  code: string;
  specs: SpecValue[];
  position: number;
  priceFen: number;
  originalPriceFen: number | null;
  weightGrams: number;
}

export type SkuValues = Omit<StoredSku, 'id'>;

export interface PriceChangePlan {
  skuId: number;
  code: string;
  fromFen: number;
  toFen: number;
  fromOriginalFen: number | null;
  toOriginalFen: number | null;
}

export interface SkuPlan {
  /** Ids the caller sent that are not SKUs of this product. */
  unknownIds: number[];
  inserts: SkuValues[];
  updates: (StoredSku & { codeChanged: boolean })[];
  deletes: StoredSku[];
  priceChanges: PriceChangePlan[];
  /** A SKU's shipping weight moved (like prices, a change that needs no new review). */
  weightChanged: boolean;
  /** What customers choose between moved: a SKU added, removed, renamed, re-specced or reordered. */
  contentChanged: boolean;
}

/** Deep equality ignores key order, which jsonb does not keep. */
const sameSpecs = (a: readonly SpecValue[], b: readonly SpecValue[]) => isDeepStrictEqual(a, b);

/**
 * How a save turns the stored SKUs into the ones sent: SKUs with an id are updated in place
 * (so their ledger and sales stay theirs), those without are new, and stored ones not sent
 * are to be deleted. The list order is the display order.
 */
export function planSkus(stored: readonly StoredSku[], input: readonly SkuInputData[]): SkuPlan {
  const byId = new Map(stored.map((sku) => [sku.id, sku]));
  const kept = new Set<number>();
  const plan: SkuPlan = { unknownIds: [], inserts: [], updates: [], deletes: [], priceChanges: [], weightChanged: false, contentChanged: false };

  input.forEach((sku, position) => {
    const values: SkuValues = {
      code: sku.code,
      specs: sku.specs,
      position,
      priceFen: sku.priceFen,
      originalPriceFen: sku.originalPriceFen,
      weightGrams: sku.weightGrams,
    };
    if (sku.id === undefined) {
      plan.inserts.push(values);
      plan.contentChanged = true;
      return;
    }
    const current = byId.get(sku.id);
    if (!current) {
      plan.unknownIds.push(sku.id);
      return;
    }
    kept.add(current.id);
    const codeChanged = current.code !== values.code;
    if (codeChanged || !sameSpecs(current.specs, values.specs) || current.position !== position) plan.contentChanged = true;
    if (current.weightGrams !== values.weightGrams) plan.weightChanged = true;
    if (current.priceFen !== values.priceFen || current.originalPriceFen !== values.originalPriceFen) {
      plan.priceChanges.push({
        skuId: current.id,
        code: values.code,
        fromFen: current.priceFen,
        toFen: values.priceFen,
        fromOriginalFen: current.originalPriceFen,
        toOriginalFen: values.originalPriceFen,
      });
    }
    plan.updates.push({ id: current.id, ...values, codeChanged });
  });

  plan.deletes = stored.filter((sku) => !kept.has(sku.id));
  if (plan.deletes.length > 0) plan.contentChanged = true;
  return plan;
}
