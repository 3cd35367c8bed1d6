import { maskName, maskPhone, type AddressSnapshot, type TeamOrder } from '@qiaodu/shared';
import { orderLineOf, parcelFactsOf, recipientOf } from '../orders/order-mapper';
import type { Actor } from '../policy/actor';
import { may, seesFullPersonalData } from '../policy/policy';
import { labelPrintable, parcelGoodsProblem, preparable, shippable } from './parcel-rules';
import type { TeamItemRow, TeamOrderRow } from './repository';

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
    items: items.map((item) => orderLineOf(item, item.openRefundQuantity)),
    itemsFen: items.reduce((sum, item) => sum + item.lineFen, 0),
    parcel: {
      itemIds: items.map((item) => item.id),
      ...parcelFactsOf(row),
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
