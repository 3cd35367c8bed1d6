import type { SeedProduct } from '../types';
import { FEIYI_PRODUCTS } from './feiyi';
import { MEISHI_PRODUCTS } from './meishi';
import { RIYONG_PRODUCTS } from './riyong';
import { TECHAN_PRODUCTS } from './techan';
import { ZUOPIN_PRODUCTS } from './zuopin';

export const PRODUCTS: readonly SeedProduct[] = [
  ...FEIYI_PRODUCTS,
  ...TECHAN_PRODUCTS,
  ...MEISHI_PRODUCTS,
  ...ZUOPIN_PRODUCTS,
  ...RIYONG_PRODUCTS,
];
