import { atLocal, countsForHours, nextMonthStart, payFen, workedMinutes, type Post } from '@qiaodu/shared';
import type { PlaceRow } from './places-repository';

/** A month 'YYYY-MM' as the timesheet stores it (its first day) and as instants [from, until). */
export function monthRange(month: string): { firstDay: string; from: Date; until: Date } {
  const firstDay = `${month}-01`;
  return { firstDay, from: atLocal(firstDay, 0), until: atLocal(nextMonthStart(firstDay), 0) };
}

export interface PricedPlace extends PlaceRow {
  /** Auto-closed and not yet reviewed: not counted until a lead or teacher has looked at it. */
  awaitingReview: boolean;
  minutes: number;
  hourlyRateFen: number;
  payFen: number;
}

/**
 * Minutes and pay of each place at its post's current rate. Pay is rounded per place and then
 * summed (hours.ts payFen), so a month's total is the sum of the lines the student sees.
 */
export function pricePlaces(rows: readonly PlaceRow[], rates: Record<Post, number>): PricedPlace[] {
  // Object.assign rather than an object spread: the same object, but the spread of a driver row
  // followed by new keys took V8's slow path (milliseconds for a term's places, most of a summary).
  return rows.map((row) => {
    const minutes = countsForHours(row) ? workedMinutes(row) : 0;
    const hourlyRateFen = rates[row.post];
    return Object.assign({}, row, {
      awaitingReview: row.status === 'auto_closed' && row.reviewedAt === null,
      minutes,
      hourlyRateFen,
      payFen: payFen(minutes, hourlyRateFen),
    });
  });
}

export function payTotals(places: readonly PricedPlace[]): { minutes: number; amountFen: number } {
  return places.reduce((sum, place) => ({ minutes: sum.minutes + place.minutes, amountFen: sum.amountFen + place.payFen }), { minutes: 0, amountFen: 0 });
}
