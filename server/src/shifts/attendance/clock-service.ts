import { schema } from '@qiaodu/db';
import {
  POST_LABELS,
  canMoveAttendance,
  clockInVerdict,
  describeLocalMoment,
  describeShiftTime,
  refusedAttendanceMessage,
  type MyShift,
} from '@qiaodu/shared';
import { inArray } from 'drizzle-orm';
import { violatedUniqueConstraint } from '../../console/unique-violation';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../policy/actor';
import { plansShiftsOf } from '../../policy/policy';
import type { ShiftDeps } from '../deps';
import { findShiftSessions } from '../live/repository';
import { toLiveSessionBrief } from '../live/mapper';
import { loadShiftRules } from '../rules';
import { toAttendancePlace } from './mapper';
import * as repository from './repository';
import type { PlaceRow } from './repository';

/** The partial unique index behind "one active shift per student". */
export const ONE_ACTIVE_CONSTRAINT = 'shift_assignments_one_active_per_student';
/** How far ahead the hub looks for the next shift. */
const UPCOMING_DAYS = 7;

function activeShiftError(active: PlaceRow | null): AppError {
  if (!active) return new AppError('ACTIVE_SHIFT_EXISTS');
  const what = `${active.teamName} ${POST_LABELS[active.post]} ${describeShiftTime(active.startsAt, active.endsAt)}`;
  return new AppError('ACTIVE_SHIFT_EXISTS', `你已在班次「${what}」签到，请先签退该班次`, { assignmentId: active.assignmentId });
}

/** Clocking in and out on the server clock, and the student hub's current or next shift. */
export function createClockService(deps: ShiftDeps) {
  const { db, clock } = deps;

  async function teamsNamed(ids: readonly number[]) {
    if (ids.length === 0) return [];
    const rows = await db.select({ id: schema.teams.id, name: schema.teams.name }).from(schema.teams).where(inArray(schema.teams.id, [...ids]));
    return rows.sort((a, b) => a.id - b.id);
  }

  async function myShift(actor: Actor): Promise<MyShift> {
    const now = clock();
    const rules = await loadShiftRules(db);
    const [active, [upcoming]] = await Promise.all([
      repository.findActivePlace(db, actor.userId),
      repository.findUpcomingPlaces(db, actor.userId, now, new Date(now.getTime() + UPCOMING_DAYS * 86_400_000)),
    ]);
    const sessions = active ? await findShiftSessions(db, [active.shiftId]) : [];
    const memberIds = actor.roles.has('student') ? [...actor.memberships.keys()] : [];
    const plannedIds = [...new Set([...memberIds, ...actor.supervisedTeamIds])].filter((teamId) => plansShiftsOf(actor, teamId));
    const [memberTeams, plannedTeams] = await Promise.all([teamsNamed(memberIds), teamsNamed(plannedIds)]);
    let next: MyShift['next'] = null;
    if (upcoming) {
      const verdict = clockInVerdict(now, upcoming, rules);
      next = {
        ...toAttendancePlace(upcoming),
        clockInOpensAt: new Date(upcoming.startsAt.getTime() - rules.earlyClockInMinutes * 60_000).toISOString(),
        clockInOpen: verdict.kind === 'open',
        lateIfNow: verdict.kind === 'open' && verdict.late,
      };
    }
    return {
      serverTime: now.toISOString(),
      current: active
        ? {
            ...toAttendancePlace(active),
            minutesSoFar: Math.max(0, Math.floor((now.getTime() - active.clockInAt!.getTime()) / 60_000)),
            liveSessions: sessions.map(toLiveSessionBrief),
          }
        : null,
      next,
      plannedTeams,
      memberTeams,
    };
  }

  return {
    myShift,

    /**
     * The place is locked and must be the caller's own (anyone else's is not found); the shift
     * published; the time inside [start − early, end). The open-shift check answers with the
     * shift already open; the partial unique index settles two devices racing.
     */
    async clockIn(actor: Actor, assignmentId: number): Promise<MyShift> {
      const now = clock();
      const rules = await loadShiftRules(db);
      try {
        await db.transaction(async (tx) => {
          const place = await repository.findPlace(tx, assignmentId, { lock: true });
          if (!place || place.studentId !== actor.userId) throw new AppError('SHIFT_PLACE_NOT_FOUND');
          if (!canMoveAttendance(place.status, 'clock_in')) throw new AppError('INVALID_STATE', refusedAttendanceMessage(place.status, 'clock_in'));
          if (place.shiftStatus !== 'published') throw new AppError('SHIFT_NOT_WORKABLE');
          const verdict = clockInVerdict(now, place, rules);
          if (verdict.kind === 'too_early') {
            throw new AppError('CLOCK_IN_NOT_OPEN', `还没到签到时间：签到将于 ${describeLocalMoment(verdict.opensAt, now)} 开放（班次开始前 ${rules.earlyClockInMinutes} 分钟）`, {
              opensAt: verdict.opensAt.toISOString(),
            });
          }
          if (verdict.kind === 'over') throw new AppError('CLOCK_IN_CLOSED');
          const active = await repository.findActivePlace(tx, actor.userId);
          if (active) throw activeShiftError(active);
          const moved = await repository.movePlace(tx, assignmentId, 'scheduled', { status: 'clocked_in', clockInAt: now, late: verdict.late, updatedAt: now });
          if (!moved) throw new AppError('INVALID_STATE', refusedAttendanceMessage('clocked_in', 'clock_in'));
        });
      } catch (error) {
        if (violatedUniqueConstraint(error) === ONE_ACTIVE_CONSTRAINT) throw activeShiftError(await repository.findActivePlace(db, actor.userId));
        throw error;
      }
      return myShift(actor);
    },

    /** Any time after clock-in; the status in the WHERE makes a second clock-out a 409, not a second write. */
    async clockOut(actor: Actor, assignmentId: number): Promise<MyShift> {
      const now = clock();
      await db.transaction(async (tx) => {
        const place = await repository.findPlace(tx, assignmentId, { lock: true });
        if (!place || place.studentId !== actor.userId) throw new AppError('SHIFT_PLACE_NOT_FOUND');
        if (!canMoveAttendance(place.status, 'clock_out')) throw new AppError('INVALID_STATE', refusedAttendanceMessage(place.status, 'clock_out'));
        // A clock moved back (tests, NTP) must not write an out before the in (the CHECK would 500).
        const out = place.clockInAt && now < place.clockInAt ? place.clockInAt : now;
        const moved = await repository.movePlace(tx, assignmentId, 'clocked_in', { status: 'completed', clockOutAt: out, updatedAt: now });
        if (!moved) throw new AppError('INVALID_STATE', refusedAttendanceMessage('completed', 'clock_out'));
      });
      return myShift(actor);
    },
  };
}
