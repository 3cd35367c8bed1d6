import { formatMinuteOfDay, localDateOf, localMinuteOf, POST_LABELS, type TimesheetList, type TimesheetRow } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { approvesTimesheetOf, reportScope } from '../policy/policy';
import type { ShiftDeps } from '../shifts/deps';
import { loadPayRates } from '../shifts/rules';
import { toTimesheetState } from './mapper';
import { monthRange, payTotals, pricePlaces, type PricedPlace } from './pay';
import { findPlaces, lockPlaces, type PlaceRow } from './places-repository';
import { approveTimesheetRow, findStudentIdsInScope, findStudents, findTimesheets, type StudentRow, type TimesheetDbRow } from './timesheets-repository';

/** Places of a month that are paid or may become paid; released places never are. */
const MONTH_STATUSES = ['scheduled', 'clocked_in', 'completed', 'auto_closed', 'no_show'] as const;

function scopeList(actor: Actor): 'all' | number[] {
  const scope = reportScope(actor);
  return scope === 'all' ? 'all' : [...scope];
}

function placeLabel(place: PlaceRow): string {
  return `${localDateOf(place.startsAt).slice(5)} ${formatMinuteOfDay(localMinuteOf(place.startsAt))} ${place.teamName}·${POST_LABELS[place.post]}`;
}

/** A place that is work: on a published shift (a draft or cancelled one was never on the schedule), or with time worked on it. */
const isWork = (place: PricedPlace) => place.shiftStatus === 'published' || place.minutes > 0;

/**
 * The teams whose teacher answers for a student's month: the teams they worked for that month
 * (from the places, not today's memberships: a student who left a team is still that team's to
 * approve), or their current teams for a month without work.
 */
function monthTeamIds(student: StudentRow, places: readonly PricedPlace[]): number[] {
  const worked = [...new Set(places.filter(isWork).map((place) => place.teamId))];
  return worked.length > 0 ? worked : student.teamIds;
}

/**
 * Approving pays for every team's hours at once, so the approver answers for each of them:
 * 'all' (admin or supervisor of every team), 'some' (supervises some, not all), 'none'.
 */
function approverReach(actor: Actor, teamIds: readonly number[]): 'all' | 'some' | 'none' {
  const covered = teamIds.filter((teamId) => approvesTimesheetOf(actor, [teamId])).length;
  if (teamIds.length > 0 && covered === teamIds.length) return 'all';
  return covered > 0 ? 'some' : 'none';
}

/** A row of the timesheet list and export: the student, their month, and what the reader may do. */
export interface TimesheetLine {
  student: StudentRow;
  places: PricedPlace[];
  row: TimesheetRow;
}

/**
 * Monthly timesheets (工时表): a teacher sees the students of the teams they supervise (an
 * admin everyone), each with the month's minutes and pay computed live from attendance until
 * approved; approving freezes them and locks the month (attendance refuses corrections then).
 */
export function createTimesheetsService({ db, clock }: ShiftDeps) {
  const monthOver = (until: Date) => clock().getTime() >= until.getTime();

  function lineOf(actor: Actor, student: StudentRow, places: PricedPlace[], timesheet: TimesheetDbRow | undefined, over: boolean): TimesheetLine {
    const state = toTimesheetState(timesheet, payTotals(places));
    return {
      student,
      places,
      row: {
        studentId: student.id,
        studentName: student.name,
        teamNames: student.teamNames,
        minutes: state.minutes,
        amountFen: state.amountFen,
        status: state.status,
        approvedAt: state.approvedAt,
        approvedByName: state.approvedByName,
        unreviewedPlaces: places.filter((place) => place.awaitingReview).length,
        can: { approve: state.status === 'draft' && over && approverReach(actor, monthTeamIds(student, places)) === 'all' },
      },
    };
  }

  async function lines(actor: Actor, month: string): Promise<{ lines: TimesheetLine[]; over: boolean }> {
    const { firstDay, from, until } = monthRange(month);
    const studentIds = await findStudentIdsInScope(db, scopeList(actor), from, until);
    const [students, rows, rates, timesheets] = await Promise.all([
      findStudents(db, studentIds),
      findPlaces(db, { from, until, studentIds, statuses: MONTH_STATUSES }),
      loadPayRates(db),
      findTimesheets(db, firstDay, studentIds),
    ]);
    const places = pricePlaces(rows, rates);
    const over = monthOver(until);
    return {
      over,
      lines: students.map((student) =>
        lineOf(
          actor,
          student,
          places.filter((place) => place.studentId === student.id),
          timesheets.find((timesheet) => timesheet.studentId === student.id),
          over,
        ),
      ),
    };
  }

  async function list(actor: Actor, month: string): Promise<TimesheetList> {
    const { lines: all, over } = await lines(actor, month);
    const rows = all.map((line) => line.row);
    return {
      month,
      monthOver: over,
      rows,
      totalMinutes: rows.reduce((sum, row) => sum + row.minutes, 0),
      totalFen: rows.reduce((sum, row) => sum + row.amountFen, 0),
    };
  }

  async function approve(actor: Actor, month: string, studentId: number): Promise<TimesheetRow> {
    const { firstDay, from, until } = monthRange(month);
    const [[student], rates] = await Promise.all([findStudents(db, [studentId]), loadPayRates(db)]);
    if (!student) throw new AppError('TIMESHEET_STUDENT_NOT_FOUND');
    const seen = pricePlaces(await findPlaces(db, { from, until, studentIds: [studentId], statuses: MONTH_STATUSES }), rates);
    const reach = approverReach(actor, monthTeamIds(student, seen));
    // Someone else's student is not theirs to know about: the same answer as nobody.
    if (reach === 'none') throw new AppError('TIMESHEET_STUDENT_NOT_FOUND');
    if (reach === 'some') throw new AppError('TIMESHEET_SCOPE');
    if (!monthOver(until)) throw new AppError('TIMESHEET_MONTH_OPEN');
    await db.transaction(async (tx) => {
      const places = pricePlaces(await lockPlaces(tx, { from, until, studentIds: [studentId], statuses: MONTH_STATUSES }), rates);
      // Teams may have changed since the check above (a place added): check again under the lock.
      if (approverReach(actor, monthTeamIds(student, places)) !== 'all') throw new AppError('TIMESHEET_SCOPE');
      const [current] = await findTimesheets(tx, firstDay, [studentId]);
      if (current?.status === 'approved') throw new AppError('TIMESHEET_APPROVED');
      // A shift crossing into the next month, or a job not yet run, leaves a place unfinished.
      // A place on a draft or cancelled shift is not work and keeps no month open.
      if (places.some((place) => place.shiftStatus === 'published' && (place.status === 'scheduled' || place.status === 'clocked_in'))) throw new AppError('TIMESHEET_MONTH_OPEN', '该月还有未结束的班次，结束后才能审批工时表');
      const unreviewed = places.filter((place) => place.awaitingReview);
      if (unreviewed.length > 0) {
        // Blocking rather than leaving them out: a forgotten clock-out is still work to be paid.
        throw new AppError(
          'TIMESHEET_UNREVIEWED_PLACES',
          `还有 ${unreviewed.length} 个自动签退的班次未审核（${unreviewed.map(placeLabel).join('；')}），请先在考勤中审核后再审批工时`,
          { assignmentIds: unreviewed.map((place) => place.assignmentId) },
        );
      }
      const totals = payTotals(places);
      const approved = await approveTimesheetRow(tx, { studentId, firstDay, ...totals, approvedBy: actor.userId, at: clock() });
      if (!approved) throw new AppError('TIMESHEET_APPROVED');
    });
    const [places, timesheets] = await Promise.all([
      findPlaces(db, { from, until, studentIds: [studentId], statuses: MONTH_STATUSES }),
      findTimesheets(db, firstDay, [studentId]),
    ]);
    return lineOf(actor, student, pricePlaces(places, rates), timesheets[0], true).row;
  }

  return { list, lines, approve };
}
