import {
  addDays,
  atLocal,
  attendanceShapeProblem,
  localDateOf,
  monthStartOf,
  type AttendanceCorrectionBody,
  type AttendanceHistory,
  type AttendanceList,
  type AttendanceListQuery,
  type AttendanceReviewBody,
  type AttendanceRow,
  type AssignmentStatus,
  UNCORRECTABLE_STATUSES,
} from '@qiaodu/shared';
import type { Tx } from '@qiaodu/db';
import type { z } from 'zod';
import { AppError } from '../../http/app-error';
import { requireTeam } from '../../inventory/team-scope';
import type { Actor } from '../../policy/actor';
import { overridesShiftLimits, plansShiftsOf } from '../../policy/policy';
import type { ShiftDeps } from '../deps';
import { toAttendanceRow } from './mapper';
import * as repository from './repository';
import type { AttendanceSnapshot, PlaceRow } from './repository';

type ListQuery = z.output<typeof AttendanceListQuery>;
type CorrectionData = z.output<typeof AttendanceCorrectionBody>;
type ReviewData = z.output<typeof AttendanceReviewBody>;

const monthOf = (row: PlaceRow) => monthStartOf(localDateOf(row.startsAt));

function snapshotOf(state: { status: PlaceRow['status']; clockInAt: Date | null; clockOutAt: Date | null; late: boolean }): AttendanceSnapshot {
  return { status: state.status, clockInAt: state.clockInAt?.toISOString() ?? null, clockOutAt: state.clockOutAt?.toISOString() ?? null, late: state.late };
}

/** Attendance of a team's shifts, its corrections (with reasons, kept for ever) and the review of auto-closed shifts. */
export function createAttendanceService(deps: ShiftDeps) {
  const { db, clock } = deps;

  async function rowsOf(executor: Tx | ShiftDeps['db'], rows: readonly PlaceRow[]): Promise<AttendanceRow[]> {
    const [counts, approved] = await Promise.all([
      repository.correctionCounts(executor, rows.map((row) => row.assignmentId)),
      repository.approvedMonths(executor, rows.map((row) => ({ studentId: row.studentId, month: monthOf(row) }))),
    ]);
    return rows.map((row) =>
      toAttendanceRow(row, { correctionCount: counts.get(row.assignmentId) ?? 0, locked: approved.has(`${row.studentId}:${monthOf(row)}`) }),
    );
  }

  /**
   * The team's place, locked for a change: another team's is not found. A lead's own attendance
   * is their pay: only someone above them (the supervising teacher, an admin) may change it.
   */
  async function lockedTeamPlace(tx: Tx, actor: Actor, teamId: number, assignmentId: number): Promise<PlaceRow> {
    const place = await repository.findPlace(tx, assignmentId, { lock: true });
    if (!place || place.teamId !== teamId) throw new AppError('SHIFT_PLACE_NOT_FOUND');
    if (place.studentId === actor.userId && !overridesShiftLimits(actor, teamId)) throw new AppError('ATTENDANCE_OWN_PLACE');
    return place;
  }

  /** Paid hours come from attendance: once the month's timesheet is approved, it stays as approved. */
  async function requireOpenMonth(tx: Tx, place: PlaceRow): Promise<void> {
    if (await repository.monthApprovedLocked(tx, place.studentId, monthOf(place))) throw new AppError('ATTENDANCE_MONTH_LOCKED');
  }

  async function answer(assignmentId: number): Promise<AttendanceRow> {
    const row = await repository.findPlace(db, assignmentId);
    const [mapped] = await rowsOf(db, [row!]);
    return mapped!;
  }

  return {
    async list(actor: Actor, teamId: number, query: ListQuery): Promise<AttendanceList> {
      await requireTeam(db, teamId);
      const [rows, reviewCount] = await Promise.all([
        repository.findTeamPlaces(db, teamId, atLocal(query.from, 0), atLocal(addDays(query.to, 1), 0), query.needsReview),
        repository.countUnreviewed(db, teamId),
      ]);
      return { items: await rowsOf(db, rows), reviewCount, can: { correct: plansShiftsOf(actor, teamId), correctOwn: overridesShiftLimits(actor, teamId) } };
    },

    async history(teamId: number, assignmentId: number): Promise<AttendanceHistory> {
      const place = await repository.findPlace(db, assignmentId);
      if (!place || place.teamId !== teamId) throw new AppError('SHIFT_PLACE_NOT_FOUND');
      const [row] = await rowsOf(db, [place]);
      const corrections = await repository.findCorrections(db, assignmentId);
      return {
        place: row!,
        corrections: corrections.map((entry) => ({
          id: entry.id,
          correctedBy: entry.correctedById !== null && entry.correctedByName !== null ? { id: entry.correctedById, name: entry.correctedByName } : null,
          reason: entry.reason,
          before: entry.before,
          after: entry.after,
          createdAt: entry.createdAt.toISOString(),
        })),
      };
    },

    /**
     * One transaction: the place locked, the month checked open, the new attendance checked for
     * the shape the database demands, the row changed and the before/after written with the
     * reason. Correcting an auto-closed place also counts as its review.
     */
    async correct(actor: Actor, teamId: number, assignmentId: number, body: CorrectionData): Promise<AttendanceRow> {
      const now = clock();
      await db.transaction(async (tx) => {
        const place = await lockedTeamPlace(tx, actor, teamId, assignmentId);
        if ((UNCORRECTABLE_STATUSES as readonly AssignmentStatus[]).includes(place.status)) throw new AppError('INVALID_STATE', '已让出的班次不能更正考勤');
        // Before its end a shift has not happened: clocking in and out (and the jobs) decide it, not a correction.
        if (place.endsAt > now) throw new AppError('ATTENDANCE_SHIFT_NOT_OVER');
        await requireOpenMonth(tx, place);
        const status = body.status ?? place.status;
        // A no-show has no clock times: setting it clears them unless the caller gave them.
        const clearing = body.status === 'no_show';
        const at = (given: string | null | undefined, current: Date | null) =>
          given === undefined ? (clearing ? null : current) : given === null ? null : new Date(given);
        const after = { status, clockInAt: at(body.clockInAt, place.clockInAt), clockOutAt: at(body.clockOutAt, place.clockOutAt), late: body.late ?? (clearing ? false : place.late) };
        const problem = attendanceShapeProblem(after);
        if (problem) throw new AppError('ATTENDANCE_CORRECTION_INVALID', problem);
        const before = snapshotOf(place);
        const written = snapshotOf(after);
        if (JSON.stringify(before) === JSON.stringify(written)) throw new AppError('ATTENDANCE_CORRECTION_INVALID', '更正内容与原记录相同');
        const review = place.autoClosed && place.reviewedAt === null ? { reviewedAt: now, reviewedBy: actor.userId } : {};
        const moved = await repository.movePlace(tx, assignmentId, place.status, { ...after, ...review, updatedAt: now });
        if (!moved) throw new AppError('INVALID_STATE', '考勤已被他人更改，请刷新后重试');
        await repository.insertCorrection(tx, { assignmentId, correctedBy: actor.userId, reason: body.reason, before, after: written, at: now });
      });
      return answer(assignmentId);
    },

    /** Accepts an auto-closed place (closed at the shift's end) or sets the real clock-out, which is kept as a correction. */
    async review(actor: Actor, teamId: number, assignmentId: number, body: ReviewData): Promise<AttendanceRow> {
      const now = clock();
      await db.transaction(async (tx) => {
        const place = await lockedTeamPlace(tx, actor, teamId, assignmentId);
        if (!place.autoClosed || place.reviewedAt !== null) throw new AppError('INVALID_STATE', '只有待复核的自动签退可以复核');
        await requireOpenMonth(tx, place);
        const clockOutAt = body.clockOutAt ? new Date(body.clockOutAt) : place.clockOutAt;
        const after = { status: place.status, clockInAt: place.clockInAt, clockOutAt, late: place.late };
        const problem = attendanceShapeProblem(after);
        if (problem) throw new AppError('ATTENDANCE_CORRECTION_INVALID', problem);
        const moved = await repository.movePlace(tx, assignmentId, place.status, { clockOutAt, reviewedAt: now, reviewedBy: actor.userId, updatedAt: now });
        if (!moved) throw new AppError('INVALID_STATE', '考勤已被他人更改，请刷新后重试');
        if (clockOutAt?.getTime() !== place.clockOutAt?.getTime()) {
          await repository.insertCorrection(tx, {
            assignmentId,
            correctedBy: actor.userId,
            reason: body.reason || '复核自动签退：更正签退时间',
            before: snapshotOf(place),
            after: snapshotOf(after),
            at: now,
          });
        }
      });
      return answer(assignmentId);
    },
  };
}
