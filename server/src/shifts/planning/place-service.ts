import type { Tx } from '@qiaodu/db';
import { canTransitionPlace, canWithdrawOwnPlace, type PlaceResult, type PlaceWarning, type ShiftCandidate, type ShiftView } from '@qiaodu/shared';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../policy/actor';
import { overridesShiftLimits, plansShiftsOf } from '../../policy/policy';
import type { ShiftDeps } from '../deps';
import { loadShiftRules, type ShiftRules } from '../rules';
import { enforce, limitOverrideOf, problemsFor } from './limit-check';
import { unavailabilityWarnings } from './mapper';
import * as repo from './repository';
import { withdrawOpenRequestsOn } from './swap-repository';
import { shiftViewOf } from './views';

/**
 * Places on shifts: students sign up for open published shifts and withdraw before they start;
 * a lead or teacher assigns and removes. Every change locks the shift row first and counts the
 * holding places under that lock, so the last place goes to exactly one person.
 */
export function createPlaceService({ db, clock }: ShiftDeps) {
  async function studentName(tx: Tx, teamId: number, studentId: number): Promise<string> {
    const member = (await repo.teamMembersOf(tx, teamId)).find((row) => row.userId === studentId);
    return member?.displayName ?? '';
  }

  async function availabilityWarningsFor(tx: Tx, shift: repo.ShiftRow, studentId: number, name: string): Promise<PlaceWarning[]> {
    const unavailable = await repo.unavailableBetween(tx, [studentId], shift.startsAt, shift.endsAt);
    return unavailabilityWarnings(shift, [{ studentId, studentName: name, status: 'scheduled' }], unavailable);
  }

  /** Takes a place on a locked shift for the student: capacity, then the limits, then the row. */
  async function take(
    tx: Tx,
    shift: repo.ShiftRow,
    studentId: number,
    options: { source: 'signup' | 'assigned'; by: number | null; override: boolean; rules: ShiftRules },
  ): Promise<PlaceWarning[]> {
    await repo.lockStudents(tx, [studentId]);
    const existing = await repo.findPlaceOfStudent(tx, shift.id, studentId);
    if (existing && existing.status !== 'released') throw new AppError('SHIFT_ALREADY_ON');
    const held = await repo.countHolding(tx, shift.id);
    if (held >= shift.capacity) throw new AppError('SHIFT_FULL', `班次已满（${shift.capacity} 人），没有空位了`);
    const name = await studentName(tx, shift.teamId, studentId);
    const overridden = enforce(await problemsFor(tx, studentId, shift, options.rules), options.override, { studentId, studentName: name });
    // An override is kept on the place for the school's records: who placed whom beyond which limit.
    const id = await repo.takePlace(tx, shift.id, studentId, options.source, options.by, clock(), limitOverrideOf(overridden, studentId, options.by));
    if (id === undefined) throw new AppError('SHIFT_ALREADY_ON');
    return [...overridden, ...(await availabilityWarningsFor(tx, shift, studentId, name))];
  }

  return {
    async signUp(actor: Actor, teamId: number, shiftId: number): Promise<PlaceResult> {
      // Read before the transaction: the rules row is not part of what it locks.
      const rules = await loadShiftRules(db);
      const warnings = await db.transaction(async (tx) => {
        const shift = await repo.lockShift(tx, teamId, shiftId);
        if (!shift || shift.status === 'draft') throw new AppError('SHIFT_NOT_FOUND');
        if (shift.status !== 'published' || !shift.openForSignup) throw new AppError('SHIFT_NOT_OPEN');
        if (shift.startsAt <= clock()) throw new AppError('SHIFT_ALREADY_STARTED', '班次已经开始，不能再报名');
        // Places are for the team's students: an admin or teacher browsing the team holds none.
        if (!(await repo.isStudentMember(tx, teamId, actor.userId))) throw new AppError('SHIFT_STUDENT_NOT_MEMBER', '只有本团队的学生成员可以报名班次');
        return take(tx, shift, actor.userId, { source: 'signup', by: null, override: false, rules });
      });
      return { shift: await shiftViewOf(db, actor, teamId, shiftId, clock()), warnings };
    },

    async withdraw(actor: Actor, teamId: number, shiftId: number): Promise<ShiftView> {
      await db.transaction(async (tx) => {
        const shift = await repo.lockShift(tx, teamId, shiftId);
        if (!shift || (shift.status === 'draft' && !plansShiftsOf(actor, teamId))) throw new AppError('SHIFT_NOT_FOUND');
        const place = await repo.findPlaceOfStudent(tx, shiftId, actor.userId);
        if (!place || place.status === 'released') throw new AppError('SHIFT_PLACE_NOT_FOUND', '你不在这个班次上');
        const now = clock();
        if (shift.startsAt <= now) throw new AppError('SHIFT_ALREADY_STARTED', '班次已经开始，不能退出');
        if (!canTransitionPlace(place.status, 'withdraw')) throw new AppError('INVALID_STATE');
        if (!canWithdrawOwnPlace(place)) throw new AppError('SHIFT_PLACE_NOT_WITHDRAWABLE');
        await withdrawOpenRequestsOn(tx, [place.id], now);
        await repo.releasePlaces(tx, [place.id], now);
      });
      return shiftViewOf(db, actor, teamId, shiftId, clock());
    },

    async assign(actor: Actor, teamId: number, shiftId: number, body: { studentId: number; override: boolean }): Promise<PlaceResult> {
      if (body.override && !overridesShiftLimits(actor, teamId)) throw new AppError('SHIFT_OVERRIDE_NOT_ALLOWED');
      const rules = await loadShiftRules(db);
      const warnings = await db.transaction(async (tx) => {
        const shift = await repo.lockShift(tx, teamId, shiftId);
        if (!shift) throw new AppError('SHIFT_NOT_FOUND');
        if (shift.status === 'cancelled') throw new AppError('INVALID_STATE', '班次已取消');
        if (shift.startsAt <= clock()) throw new AppError('SHIFT_ALREADY_STARTED', '班次已经开始，不能再安排');
        if (!(await repo.isStudentMember(tx, teamId, body.studentId))) throw new AppError('SHIFT_STUDENT_NOT_MEMBER');
        return take(tx, shift, body.studentId, { source: 'assigned', by: actor.userId, override: body.override, rules });
      });
      return { shift: await shiftViewOf(db, actor, teamId, shiftId, clock()), warnings };
    },

    async remove(actor: Actor, teamId: number, shiftId: number, assignmentId: number): Promise<ShiftView> {
      await db.transaction(async (tx) => {
        const shift = await repo.lockShift(tx, teamId, shiftId);
        if (!shift) throw new AppError('SHIFT_NOT_FOUND');
        const place = await repo.findPlace(tx, shiftId, assignmentId);
        if (!place) throw new AppError('SHIFT_PLACE_NOT_FOUND');
        const now = clock();
        if (shift.startsAt <= now) throw new AppError('SHIFT_ALREADY_STARTED', '班次已经开始，不能移除');
        if (!canTransitionPlace(place.status, 'remove')) throw new AppError('INVALID_STATE', '这个安排已经让出');
        await withdrawOpenRequestsOn(tx, [place.id], now);
        await repo.releasePlaces(tx, [place.id], now);
      });
      return shiftViewOf(db, actor, teamId, shiftId, clock());
    },

    /** The team's students for the assign picker, each with what placing them would break or warn about. */
    async candidates(actor: Actor, teamId: number, shiftId: number): Promise<{ items: ShiftCandidate[]; canOverride: boolean }> {
      const shift = await repo.findShift(db, teamId, shiftId);
      if (!shift) throw new AppError('SHIFT_NOT_FOUND');
      const rules = await loadShiftRules(db);
      const members = (await repo.teamMembersOf(db, teamId)).filter((member) => member.roles.includes('student'));
      const places = await repo.placesOfShifts(db, [shift.id]);
      const unavailable = await repo.unavailableBetween(db, members.map((member) => member.userId), shift.startsAt, shift.endsAt);
      const items: ShiftCandidate[] = [];
      for (const member of members) {
        const onShift = places.some((place) => place.studentId === member.userId && place.status !== 'released');
        const warnings = unavailabilityWarnings(shift, [{ studentId: member.userId, studentName: member.displayName, status: 'scheduled' }], unavailable);
        items.push({
          studentId: member.userId,
          displayName: member.displayName,
          post: member.post,
          isLead: member.isLead,
          onShift,
          problems: onShift ? [] : await problemsFor(db, member.userId, shift, rules),
          warnings: warnings.map((warning) => warning.message),
        });
      }
      return { items, canOverride: overridesShiftLimits(actor, teamId) };
    },
  };
}
