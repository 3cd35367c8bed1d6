import type { Db } from '@qiaodu/db';
import {
  PICKUP_PLACE,
  shippingFeeFen,
  type CheckoutPreview,
  type CheckoutPreviewBody,
  type DeliveryMethod,
} from '@qiaodu/shared';
import type { z } from 'zod';
import { createAddressRepository, type AddressRow } from '../accounts/address-repository';
import { AppError } from '../http/app-error';
import { ORDER_ITEMS_FEN_MAX } from '../orders/placement/allocate';
import type { OrderSettings } from '../orders/settings';
import { judgeLines } from './judged-lines';
import { toCheckoutLine } from './mapper';
import { findSkuFacts } from './repository';

type PreviewInput = z.output<typeof CheckoutPreviewBody>;

function toAddressView(row: AddressRow): NonNullable<CheckoutPreview['address']> {
  return { id: row.id, name: row.name, phone: row.phone, province: row.province, city: row.city, county: row.county, detail: row.detail };
}

/**
 * 确认订单: prices a selection with today's prices, stock and 限购, and the shop's shipping
 * rule. It only reads; placing the order checks everything again under its locks.
 */
export function createCheckoutService(deps: { db: Db; settings: OrderSettings }) {
  const { db, settings } = deps;
  const addresses = createAddressRepository(db);

  /** The chosen address (another customer's or a deleted one is 404), else the default one. */
  async function addressFor(userId: number, delivery: PreviewInput['delivery']): Promise<AddressRow | null> {
    if (delivery?.method === 'pickup') return null;
    if (delivery?.method === 'express') {
      const row = await addresses.find(db, userId, delivery.addressId);
      if (!row) throw new AppError('ADDRESS_NOT_FOUND');
      return row;
    }
    return (await addresses.list(userId)).find((row) => row.isDefault) ?? null;
  }

  return {
    async preview(userId: number, input: PreviewInput): Promise<CheckoutPreview> {
      const method: DeliveryMethod = input.delivery?.method ?? 'express';
      const facts = new Map((await findSkuFacts(db, input.items.map((item) => item.skuId))).map((sku) => [sku.skuId, sku]));
      const unknown = input.items.filter((item) => !facts.has(item.skuId)).map((item) => item.skuId);
      if (unknown.length > 0) throw new AppError('SKU_UNAVAILABLE', `商品规格 ${unknown.join('、')} 不存在`, { skuIds: unknown });
      const address = await addressFor(userId, input.delivery);

      const lines = await judgeLines(
        db,
        userId,
        input.items.map((item) => ({ ...facts.get(item.skuId)!, quantity: item.quantity, counted: true })),
      );
      const buyable = lines.filter((line) => line.problem === null);
      const itemsFen = buyable.reduce((sum, line) => sum + line.priceFen * line.quantity, 0);
      // Nothing that can be bought ships nothing: the fee applies to a parcel, not to an empty one.
      const shippingFen = buyable.length === 0 ? 0 : shippingFeeFen(method, itemsFen, settings.shipping);
      return {
        lines: lines.map(toCheckoutLine),
        itemsFen,
        shippingFen,
        totalFen: itemsFen + shippingFen,
        shippingRules: { freeAboveFen: settings.shipping.freeAboveFen, flatFeeFen: settings.shipping.flatFeeFen },
        address: address ? toAddressView(address) : null,
        pickupPlace: PICKUP_PLACE,
        // Placing refuses goods beyond what one order's books hold: never promise it here.
        orderable: lines.length === buyable.length && (method === 'pickup' || address !== null) && itemsFen <= ORDER_ITEMS_FEN_MAX,
        payTimeoutMinutes: settings.payTimeoutMinutes,
      };
    },
  };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
