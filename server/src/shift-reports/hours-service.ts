import type { MyShiftHours } from '@qiaodu/shared';
import type { Actor } from '../policy/actor';
import type { ShiftDeps } from '../shifts/deps';
import { loadPayRates } from '../shifts/rules';
import { toHoursPlace, toTimesheetState } from './mapper';
import { monthRange, payTotals, pricePlaces } from './pay';
import { findPlaces } from './places-repository';
import { findTimesheets } from './timesheets-repository';

/** 我的工时: a student's own places of a month with minutes and pay, and the month's timesheet. */
export function createHoursService({ db }: ShiftDeps) {
  return {
    async mine(actor: Actor, month: string): Promise<MyShiftHours> {
      const { firstDay, from, until } = monthRange(month);
      // Finished places only (and no-shows, which the student should see cost them the shift).
      const [rows, rates, [timesheet]] = await Promise.all([
        findPlaces(db, { from, until, studentIds: [actor.userId], statuses: ['completed', 'auto_closed', 'no_show'] }),
        loadPayRates(db),
        findTimesheets(db, firstDay, [actor.userId]),
      ]);
      const places = pricePlaces(rows, rates);
      const live = payTotals(places);
      const state = toTimesheetState(timesheet, live);
      return {
        month,
        places: places.map(toHoursPlace),
        totalMinutes: state.minutes,
        totalFen: state.amountFen,
        timesheet: state,
      };
    },
  };
}
