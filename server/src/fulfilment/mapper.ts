import { CARRIERS, maskName, maskPhone, type AddressSnapshot, type TeamOrder } from '@qiaodu/shared';
import type { Actor } from '../policy/actor';
import { may, seesFullPersonalData } from '../policy/policy';
import { labelPrintable, parcelGoodsProblem, preparable, shippable } from './parcel-rules';
import type { TeamItemRow, TeamOrderRow } from './repository';

/** The recipient as the order's snapshot holds it (fields of an erased account read empty). */
export function recipientOf(row: TeamOrderRow): AddressSnapshot | null {
  if (row.deliveryMethod !== 'express' || row.recipientName === null) return null;
  return {
    name: row.recipientName,
    phone: row.recipientPhone ?? '',
    province: row.province ?? '',
    city: row.city ?? '',
    county: row.county ?? '',
    detail: row.addressDetail ?? '',
  };
}

/** PIPL: students and mentors see who and roughly where, never the phone or the street. */
function masked(recipient: AddressSnapshot): AddressSnapshot {
  return { ...recipient, name: maskName(recipient.name), phone: maskPhone(recipient.phone), detail: '****' };
}

export interface TeamOrderExtras {
  otherTeams: number;
  hasOpenRefund: boolean;
}

/** One order as this team sees it: its own items and parcel, the recipient as the caller may see it. */
export function toTeamOrder(actor: Actor, row: TeamOrderRow, items: readonly TeamItemRow[], extras: TeamOrderExtras): TeamOrder {
  const full = seesFullPersonalData(actor);
  const recipient = recipientOf(row);
  const fulfils = may(actor, 'order.fulfil', row.teamId);
  const goodsReady = parcelGoodsProblem(items) === null;
  return {
    id: row.id,
    orderNo: row.orderNo,
    status: row.status,
    deliveryMethod: row.deliveryMethod,
    paidAt: row.paidAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    remark: row.remark,
    items: items.map((item) => ({
      id: item.id,
      skuId: item.skuId,
      productId: item.productId,
      title: item.title,
      specs: item.specs,
      image: item.image,
      unitPriceFen: item.unitPriceFen,
      quantity: item.quantity,
      lineFen: item.lineFen,
      refundedQuantity: item.refundedQuantity,
      refundableQuantity: Math.max(0, item.quantity - item.refundedQuantity - item.openRefundQuantity),
    })),
    itemsFen: items.reduce((sum, item) => sum + item.lineFen, 0),
    parcel: {
      itemIds: items.map((item) => item.id),
      carrier: row.carrier,
      carrierName: row.carrier ? (CARRIERS[row.carrier] ?? row.carrier) : null,
      trackingNo: row.trackingNo,
      shippedAt: row.shippedAt?.toISOString() ?? null,
      readyAt: row.readyAt?.toISOString() ?? null,
      pickedUpAt: row.pickedUpAt?.toISOString() ?? null,
    },
    recipient: recipient && !full ? masked(recipient) : recipient,
    recipientMasked: !full,
    otherTeams: extras.otherTeams,
    hasOpenRefund: extras.hasOpenRefund,
    can: {
      ship: fulfils && goodsReady && shippable(row, row),
      markReady: fulfils && goodsReady && preparable(row, row),
      printLabel: fulfils && labelPrintable(row),
    },
  };
}
