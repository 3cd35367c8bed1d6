import type { Db } from '@qiaodu/db';
import { CART_LINES_MAX, ORDER_LINE_QUANTITY_MAX, type Cart } from '@qiaodu/shared';
import { createAddressRepository } from '../accounts/address-repository';
import { AppError } from '../http/app-error';
import { purchasedUnits } from '../orders/purchase-limits';
import { judgeLines } from './judged-lines';
import { toCart } from './mapper';
import { purchaseLimitLeft } from './problems';
import * as repository from './repository';

/**
 * A customer's server-side cart: the mini-program and the WeChat browser share it. Every answer
 * is the whole cart with today's prices and stock; lines that cannot be bought are flagged with
 * why, never dropped. Lines of SKUs that were ordered stay until the storefront removes them.
 */
export function createCartService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;
  // The same lock as the address book's: one customer's cart changes queue up behind it.
  const { lockOwner } = createAddressRepository(db);

  async function cartOf(userId: number): Promise<Cart> {
    const rows = await repository.findCartRows(db, userId);
    return toCart(await judgeLines(db, userId, rows.map((row) => ({ ...row, counted: row.selected }))));
  }

  return {
    get: cartOf,

    /**
     * Adds units to the SKU's line (or starts one). Behind the customer's row lock, so the
     * 100-line limit and the 999-unit line limit hold when adds race; the sum itself happens
     * in the database. 限购 is checked against this line; the cart flags lines of one product
     * that together go beyond it.
     */
    async add(userId: number, skuId: number, quantity: number): Promise<Cart> {
      await db.transaction(async (tx) => {
        await lockOwner(tx, userId);
        const [sku] = await repository.findSkuFacts(tx, [skuId]);
        if (!sku || sku.productStatus !== 'on_sale') throw new AppError('SKU_UNAVAILABLE', undefined, { skuIds: [skuId] });
        const existing = await repository.findCartLine(tx, userId, skuId);
        if (!existing && (await repository.countCartLines(tx, userId)) >= CART_LINES_MAX) {
          throw new AppError('CART_FULL', `购物车最多放 ${CART_LINES_MAX} 种商品，请先结算或删除部分商品`);
        }
        const total = (existing?.quantity ?? 0) + quantity;
        if (total > ORDER_LINE_QUANTITY_MAX) {
          const message = `购物车中每个规格最多 ${ORDER_LINE_QUANTITY_MAX} 件，已有 ${existing?.quantity ?? 0} 件`;
          throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.quantity', message }]);
        }
        if (sku.purchaseLimit !== null) {
          const purchased = (await purchasedUnits(tx, userId, [sku.productId])).get(sku.productId) ?? 0;
          const left = purchaseLimitLeft(sku.purchaseLimit, purchased) ?? 0;
          if (total > left) {
            const message = left === 0 ? `每人限购 ${sku.purchaseLimit} 件，您已买满` : `每人限购 ${sku.purchaseLimit} 件，您最多还能买 ${left} 件`;
            throw new AppError('PURCHASE_LIMIT_EXCEEDED', message, { productId: sku.productId, limit: sku.purchaseLimit, left });
          }
        }
        await repository.addToLine(tx, userId, skuId, quantity, clock());
      });
      return cartOf(userId);
    },

    /** A new quantity is kept as asked; beyond stock or 限购 the line is flagged, not refused. */
    async update(userId: number, skuId: number, change: { quantity?: number; selected?: boolean }): Promise<Cart> {
      if (!(await repository.updateLine(db, userId, skuId, change, clock()))) throw new AppError('CART_ITEM_NOT_FOUND');
      return cartOf(userId);
    },

    async select(userId: number, skuIds: readonly number[] | undefined, selected: boolean): Promise<Cart> {
      await repository.selectLines(db, userId, skuIds, selected, clock());
      return cartOf(userId);
    },

    /** Ids not in the cart are ignored: removing what is already gone is not an error. */
    async remove(userId: number, skuIds: readonly number[]): Promise<Cart> {
      await repository.removeLines(db, userId, skuIds);
      return cartOf(userId);
    },
  };
}

export type CartService = ReturnType<typeof createCartService>;
