import type { Db, Tx } from '@qiaodu/db';
import type { ShiftView } from '@qiaodu/shared';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../policy/actor';
import { may, plansShiftsOf } from '../../policy/policy';
import { isHolding, toShiftView, unavailabilityWarnings } from './mapper';
import { findShift, placesOfShifts, unavailableBetween, type ShiftRow } from './repository';

async function unavailableOfHolders(db: Db | Tx, rows: readonly ShiftRow[], places: Awaited<ReturnType<typeof placesOfShifts>>) {
  const from = new Date(Math.min(...rows.map((row) => row.startsAt.getTime())));
  const to = new Date(Math.max(...rows.map((row) => row.endsAt.getTime())));
  return unavailableBetween(
    db,
    places.filter((place) => isHolding(place.status)).map((place) => place.studentId),
    from,
    to,
  );
}

/** Shifts as the console shows them to this caller: places, unavailability warnings, what they may do. */
export async function shiftViews(db: Db | Tx, actor: Actor, teamId: number, rows: readonly ShiftRow[], now: Date): Promise<ShiftView[]> {
  if (rows.length === 0) return [];
  const places = await placesOfShifts(
    db,
    rows.map((row) => row.id),
  );
  const plans = plansShiftsOf(actor, teamId);
  // A classmate's declared unavailability (when, and why) is for the people who plan: students
  // and mentors viewing the week see the places, never the warnings drawn from it.
  const unavailable = plans ? await unavailableOfHolders(db, rows, places) : [];
  const context = { now, viewerId: actor.userId, plans, works: may(actor, 'shift.work', teamId) };
  return rows.map((row) => {
    const own = places.filter((place) => place.shiftId === row.id);
    return toShiftView(row, own, row.status === 'cancelled' || !plans ? [] : unavailabilityWarnings(row, own, unavailable), context);
  });
}

/**
 * One shift of the team. Students (and mentors) see only published shifts: a draft answers
 * like a shift that does not exist.
 */
export async function shiftViewOf(db: Db | Tx, actor: Actor, teamId: number, shiftId: number, now: Date): Promise<ShiftView> {
  const row = await findShift(db, teamId, shiftId);
  if (!row || (row.status === 'draft' && !plansShiftsOf(actor, teamId))) throw new AppError('SHIFT_NOT_FOUND');
  const [view] = await shiftViews(db, actor, teamId, [row], now);
  return view!;
}
