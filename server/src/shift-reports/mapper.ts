import type { HoursPlace, Term, TimesheetState } from '@qiaodu/shared';
import type { PricedPlace } from './pay';
import type { TimesheetDbRow } from './timesheets-repository';
import type { TermRow } from './terms-repository';

export function toTerm(row: TermRow): Term {
  return {
    id: row.id,
    name: row.name,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    closedAt: row.closedAt?.toISOString() ?? null,
    closedByName: row.closedByName ?? null,
  };
}

export function toHoursPlace(place: PricedPlace): HoursPlace {
  return {
    assignmentId: place.assignmentId,
    shiftId: place.shiftId,
    teamId: place.teamId,
    teamName: place.teamName,
    post: place.post,
    startsAt: place.startsAt.toISOString(),
    endsAt: place.endsAt.toISOString(),
    clockInAt: place.clockInAt?.toISOString() ?? null,
    clockOutAt: place.clockOutAt?.toISOString() ?? null,
    status: place.status,
    late: place.late,
    awaitingReview: place.awaitingReview,
    minutes: place.minutes,
    hourlyRateFen: place.hourlyRateFen,
    payFen: place.payFen,
  };
}

/** An approved timesheet shows its frozen figures; otherwise the live ones are a draft. */
export function toTimesheetState(row: TimesheetDbRow | undefined, live: { minutes: number; amountFen: number }): TimesheetState {
  if (row?.status === 'approved') {
    return {
      status: 'approved',
      minutes: row.minutes,
      amountFen: row.amountFen,
      approvedAt: row.approvedAt?.toISOString() ?? null,
      approvedByName: row.approvedByName ?? null,
    };
  }
  return { status: 'draft', minutes: live.minutes, amountFen: live.amountFen, approvedAt: null, approvedByName: null };
}
