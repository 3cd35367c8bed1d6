import type { Db, Tx } from '@qiaodu/db';
import { CARRIERS, PICKUP_PLACE, type ShipOrderBody, type ShippingLabel, type TeamOrderDetail } from '@qiaodu/shared';
import type { z } from 'zod';
import { attributionIn } from '../audit/attribution';
import { AppError } from '../http/app-error';
import { recordOrderEvent, transitionOrder, type OrderMover } from '../orders/timeline';
import type { Actor } from '../policy/actor';
import { recipientOf } from '../orders/order-mapper';
import { labelPrintable, parcelGoodsProblem, preparable, shippable } from './parcel-rules';
import type { TeamOrderReader } from './reader';
import * as repository from './repository';
import type { TeamOrderRow } from './repository';

type ShipData = z.output<typeof ShipOrderBody>;

type TeamMover = Extract<OrderMover, { kind: 'team' }>;

/** Staff act for the team in the path, with the shift of that team they are clocked into (read in the action's transaction). */
export async function teamMover(tx: Tx, actor: Actor, teamId: number): Promise<TeamMover> {
  const { actorId, shiftId } = await attributionIn(tx, actor, teamId);
  return { kind: 'team', userId: actorId, teamId, shiftId };
}

/** The order locked, as this team sees it; anything the team has no part in is not found. */
export async function lockedTeamOrder(tx: Tx, teamId: number, orderId: number): Promise<TeamOrderRow> {
  const row = await repository.lockTeamOrder(tx, teamId, orderId);
  if (!row) throw new AppError('ORDER_NOT_FOUND');
  return row;
}

/** Refuses a parcel whose goods are all refunded or all held by open refund requests. */
export async function requireGoods(tx: Tx, teamId: number, orderId: number): Promise<void> {
  const problem = parcelGoodsProblem(await repository.findTeamItems(tx, teamId, [orderId]));
  if (problem) throw new AppError('INVALID_STATE', problem);
}

/**
 * Shipping a team's parcel, preparing it for pickup, and printing its label. Each step locks
 * just the order row (order-only work), records who did it and in which shift, and moves the
 * order once every parcel with goods has taken the step.
 */
export function createParcelService(deps: { db: Db; clock: () => Date; reader: TeamOrderReader }) {
  const { db, clock, reader } = deps;

  return {
    async ship(actor: Actor, teamId: number, orderId: number, body: ShipData): Promise<TeamOrderDetail> {
      const now = clock();
      await db.transaction(async (tx) => {
        const by = await teamMover(tx, actor, teamId);
        const row = await lockedTeamOrder(tx, teamId, orderId);
        if (!shippable(row, row)) throw new AppError('INVALID_STATE');
        await requireGoods(tx, teamId, orderId);
        const set = { carrier: body.carrier, trackingNo: body.trackingNo, shippedAt: now, shippedBy: by.userId, shippedShiftId: by.shiftId };
        if (!(await repository.recordParcelStep(tx, row.parcelId, 'shipped', set))) throw new AppError('INVALID_STATE');
        await recordOrderEvent(tx, { orderId, action: 'parcel_shipped', by, note: `${CARRIERS[body.carrier]} ${body.trackingNo}`, at: now });
        if ((await repository.countParcelsAwaiting(tx, orderId, 'shipped')) === 0) {
          // shipped_at starts the auto-complete clock.
          await transitionOrder(tx, { orderId, transition: 'ship_rest', by, at: now, set: { shippedAt: now } });
        } else if (row.status === 'paid') {
          // The first of several parcels; later ones leave the order partially_shipped as it is.
          await transitionOrder(tx, { orderId, transition: 'ship_part', by, at: now });
        }
      });
      return reader.detail(actor, teamId, orderId);
    },

    async markReady(actor: Actor, teamId: number, orderId: number): Promise<TeamOrderDetail> {
      const now = clock();
      await db.transaction(async (tx) => {
        const by = await teamMover(tx, actor, teamId);
        const row = await lockedTeamOrder(tx, teamId, orderId);
        if (!preparable(row, row)) throw new AppError('INVALID_STATE');
        await requireGoods(tx, teamId, orderId);
        if (!(await repository.recordParcelStep(tx, row.parcelId, 'ready', { readyAt: now, readyBy: by.userId, readyShiftId: by.shiftId }))) {
          throw new AppError('INVALID_STATE');
        }
        if ((await repository.countParcelsAwaiting(tx, orderId, 'ready')) === 0) {
          await transitionOrder(tx, { orderId, transition: 'ready_for_pickup', by, at: now });
        } else {
          await recordOrderEvent(tx, { orderId, action: 'parcel_ready', by, at: now });
        }
      });
      return reader.detail(actor, teamId, orderId);
    },

    /**
     * The full recipient for the packer, even a student: every print writes the personal data
     * access log (PIPL) in the same transaction, so no label is shown unlogged.
     */
    async printLabel(actor: Actor, teamId: number, orderId: number): Promise<ShippingLabel> {
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await lockedTeamOrder(tx, teamId, orderId);
        const recipient = recipientOf(row);
        if (!labelPrintable(row) || !recipient) throw new AppError('INVALID_STATE');
        const [items, teamName] = await Promise.all([repository.findTeamItems(tx, teamId, [orderId]), repository.findTeamName(tx, teamId)]);
        // The log names whose data was seen. An order whose customer account row is gone
        // (customer_id set null) has no subject to name; the shop's books still need the parcel
        // sent, so the label prints and the order's own timeline keeps who printed it.
        if (row.customerId !== null) {
          await repository.insertAccessLog(tx, {
            viewerUserId: actor.userId,
            subjectUserId: row.customerId,
            resource: 'order',
            resourceId: orderId,
            purpose: 'print_shipping_label',
            createdAt: now,
          });
        }
        await repository.setLabelPrinted(tx, row.parcelId, now);
        await recordOrderEvent(tx, { orderId, action: 'label_printed', by: await teamMover(tx, actor, teamId), at: now });
        return {
          orderNo: row.orderNo,
          recipient,
          sender: { name: teamName ?? '', place: PICKUP_PLACE },
          items: items
            .filter((item) => item.quantity > item.refundedQuantity)
            .map((item) => ({ title: item.title, specs: item.specs, quantity: item.quantity - item.refundedQuantity })),
          printedAt: now.toISOString(),
        };
      });
    },
  };
}
