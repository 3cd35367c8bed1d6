import type { SpecValue } from '@qiaodu/shared';
import type { SeedImage } from '../types';
import { productImageUrl } from '../urls';

/** The n-th picture of a product (1-based), as stored in db/seed-images. */
export function img(slug: string, n: number, alt: string, tag?: string): SeedImage {
  return tag === undefined ? { url: productImageUrl(slug, n), alt } : { url: productImageUrl(slug, n), alt, tag };
}

/** A one-dimension SKU: [{ name: '规格', value }]. */
export function spec(value: string): SpecValue[] {
  return [{ name: '规格', value }];
}

/** A SKU on several dimensions, e.g. specs(['尺寸', '小号'], ['颜色', '朱红']). */
export function specs(...pairs: [name: string, value: string][]): SpecValue[] {
  return pairs.map(([name, value]) => ({ name, value }));
}
