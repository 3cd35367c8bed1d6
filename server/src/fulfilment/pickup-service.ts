import type { Db } from '@qiaodu/db';
import type { TeamOrderDetail } from '@qiaodu/shared';
import { createRateLimiter } from '../auth/rate-limit';
import { AppError } from '../http/app-error';
import { recordOrderEvent, transitionOrder } from '../orders/timeline';
import type { Actor } from '../policy/actor';
import { lockedTeamOrder, requireGoods, teamMover } from './parcel-service';
import type { TeamOrderReader } from './reader';
import * as repository from './repository';

/**
 * A 6-digit code is one in a million, and a team's open pickups are few: a script at the
 * verify endpoint would find one within hours. Wrong codes are limited per team (in the
 * database, so every process counts together); a busy desk's right codes never count.
 */
export const PICKUP_GUESSES_PER_WINDOW = 20;
export const PICKUP_GUESS_WINDOW_MS = 10 * 60_000;

/** Campus pickup handover: the customer shows the code, the team hands over its goods. */
export function createPickupService(deps: { db: Db; clock: () => Date; reader: TeamOrderReader }) {
  const { db, clock, reader } = deps;
  const guesses = createRateLimiter(db, clock, PICKUP_GUESSES_PER_WINDOW, PICKUP_GUESS_WINDOW_MS);

  return {
    async verify(actor: Actor, teamId: number, code: string): Promise<TeamOrderDetail> {
      // Counted before the code is looked at and forgiven when it was right: parallel guesses
      // cannot all slip in under the limit, and while limited a right code answers 429 too.
      const hit = await guesses.hit(`pickup-code:team:${teamId}`);
      const now = clock();
      const orderId = await db.transaction(async (tx) => {
        const by = await teamMover(tx, actor, teamId);
        const found = await repository.findPickupOrder(tx, teamId, code);
        if (!found) throw new AppError('PICKUP_CODE_NOT_FOUND');
        const row = await lockedTeamOrder(tx, teamId, found.id);
        if (row.status === 'paid') throw new AppError('INVALID_STATE', '订单商品还未全部备齐，备齐后才能核销');
        if (row.status !== 'ready_for_pickup') throw new AppError('PICKUP_CODE_NOT_FOUND');
        // As with shipping: goods an open refund request covers stay until it is decided, or
        // the customer could leave with them and be paid back as well.
        await requireGoods(tx, teamId, row.id);
        const set = { pickedUpAt: now, pickedUpBy: by.userId, pickedUpShiftId: by.shiftId };
        // A second desk that scanned the same code a moment later finds the goods handed over.
        if (!(await repository.recordParcelStep(tx, row.parcelId, 'pickedUp', set))) throw new AppError('PICKUP_CODE_NOT_FOUND');
        await recordOrderEvent(tx, { orderId: row.id, action: 'parcel_picked_up', by, at: now });
        if ((await repository.countParcelsAwaiting(tx, row.id, 'pickedUp')) === 0) {
          await transitionOrder(tx, { orderId: row.id, transition: 'pick_up', by, at: now, set: { completedAt: now } });
        }
        return row.id;
      });
      await guesses.forgive(hit);
      return reader.detail(actor, teamId, orderId);
    },
  };
}
