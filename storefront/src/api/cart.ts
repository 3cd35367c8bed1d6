import { ROUTES } from '@qiaodu/shared';
import type { Cart } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

/** The server-side cart: every call answers the whole cart as it is afterwards. */

export function getCart(options: CallOptions = {}): Promise<Cart> {
  const { method, path } = ROUTES.getCart;
  return request<Cart>(method, path, options);
}

export function addToCart(skuId: number, quantity: number): Promise<Cart> {
  const { method, path } = ROUTES.addToCart;
  return request<Cart>(method, path, { body: { skuId, quantity } });
}

export function updateCartItem(skuId: number, change: { quantity?: number; selected?: boolean }): Promise<Cart> {
  const { method, path } = ROUTES.updateCartItem;
  return request<Cart>(method, path, { params: { skuId }, body: change });
}

/** `skuIds` absent: every line (全选). */
export function selectCartItems(selected: boolean, skuIds?: number[]): Promise<Cart> {
  const { method, path } = ROUTES.selectCartItems;
  return request<Cart>(method, path, { body: skuIds ? { skuIds, selected } : { selected } });
}

export function removeCartItems(skuIds: number[]): Promise<Cart> {
  const { method, path } = ROUTES.removeCartItems;
  return request<Cart>(method, path, { body: { skuIds } });
}
