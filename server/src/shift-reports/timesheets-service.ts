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
        can: { approve: state.status === 'draft' && over && approvesTimesheetOf(actor, student.teamIds) },
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
    const [student] = await findStudents(db, [studentId]);
    // Someone else's student is not theirs to know about: the same answer as nobody.
    if (!student || !approvesTimesheetOf(actor, student.teamIds)) throw new AppError('TIMESHEET_STUDENT_NOT_FOUND');
    if (!monthOver(until)) throw new AppError('TIMESHEET_MONTH_OPEN');
    const rates = await loadPayRates(db);
    await db.transaction(async (tx) => {
      const places = pricePlaces(await lockPlaces(tx, { from, until, studentIds: [studentId], statuses: MONTH_STATUSES }), rates);
      const [current] = await findTimesheets(tx, firstDay, [studentId]);
      if (current?.status === 'approved') throw new AppError('TIMESHEET_APPROVED');
      // A shift crossing into the next month, or a job not yet run, leaves a place unfinished.
      if (places.some((place) => place.status === 'scheduled' || place.status === 'clocked_in')) throw new AppError('TIMESHEET_MONTH_OPEN', '该月还有未结束的班次，结束后才能审批工时表');
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
