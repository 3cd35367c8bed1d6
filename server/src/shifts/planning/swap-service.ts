import type { Tx } from '@qiaodu/db';
import { canTransitionSwap, type PlaceWarning, type SwapRequestInput, type SwapRequestView, type SwapTransition } from '@qiaodu/shared';
import type { z } from 'zod';
import { onUniqueViolation } from '../../console/unique-violation';
import { AppError } from '../../http/app-error';
import { requireTeam } from '../../inventory/team-scope';
import type { Actor } from '../../policy/actor';
import { overridesShiftLimits } from '../../policy/policy';
import type { ShiftDeps } from '../deps';
import { loadShiftRules, type ShiftRules } from '../rules';
import { enforce, limitOverrideOf, problemsFor } from './limit-check';
import { unavailabilityWarnings } from './mapper';
import * as repo from './repository';
import * as swaps from './swap-repository';
import { decidesSwap, toSwapView } from './swap-mapper';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Swap and cover requests: the student asks (one open request per place), a classmate accepts,
 * the lead or teacher approves (the limits are checked for both at that moment and the places
 * move in one transaction) or rejects; the requester may withdraw, a named classmate decline.
 */
export function createSwapService({ db, clock }: ShiftDeps) {
  async function view(executor: Parameters<typeof swaps.findRequest>[0], actor: Actor, teamId: number, requestId: number): Promise<SwapRequestView> {
    const row = await swaps.findRequest(executor, teamId, requestId);
    if (!row) throw new AppError('SWAP_REQUEST_NOT_FOUND');
    return toSwapView(row, actor);
  }

  async function locked(tx: Tx, teamId: number, requestId: number, transition: SwapTransition) {
    const request = await swaps.lockRequest(tx, teamId, requestId);
    if (!request) throw new AppError('SWAP_REQUEST_NOT_FOUND');
    if (!canTransitionSwap(request.status, transition)) throw new AppError('INVALID_STATE', '这条申请的状态已经变了，请刷新');
    return request;
  }

  /** A place that can still be given: scheduled, on a published shift of the team that has not started. */
  function givable(place: Awaited<ReturnType<typeof repo.findPlaceWithShift>>, teamId: number, now: Date): place is NonNullable<typeof place> {
    return place !== undefined && place.teamId === teamId && place.status === 'scheduled' && place.shiftStatus === 'published' && place.startsAt > now;
  }

  /** Moves the places of an accepted request, under the locks of both shifts and both students. */
  async function carryOut(tx: Tx, actor: Actor, teamId: number, requestId: number, override: boolean, rules: ShiftRules): Promise<PlaceWarning[]> {
    // Shifts are locked before the request, in the order sign-ups and cancellations take them,
    // so an approval and a cancellation of the same shift cannot deadlock. A request's places
    // never change after it is made, so reading them unlocked first is safe.
    const before = await swaps.findRequest(tx, teamId, requestId);
    if (!before) throw new AppError('SWAP_REQUEST_NOT_FOUND');
    const shifts = await repo.lockShiftsById(tx, [before.place.shiftId, ...(before.targetPlace.shiftId !== null ? [before.targetPlace.shiftId] : [])]);
    const request = await locked(tx, teamId, requestId, 'approve');
    const row = (await swaps.findRequest(tx, teamId, requestId))!;
    if (!decidesSwap(actor, row)) throw new AppError('FORBIDDEN', '自己参与的换班需由指导老师审批');
    const now = clock();
    const taker = request.kind === 'swap' ? row.targetPlace.studentId! : request.acceptedBy!;
    await repo.lockStudents(tx, [row.place.studentId, taker]);
    // Read again under the locks: a place withdrawn or a shift begun since acceptance ends it here.
    const givenNow = await repo.findPlaceWithShift(tx, request.assignmentId);
    if (!givable(givenNow, teamId, now)) throw new AppError('INVALID_STATE', '要让出的班次已经开始或不再安排给申请人');
    const givenShift = shifts.get(givenNow.shiftId)!;
    const warnings: PlaceWarning[] = [];
    const unavailableWarning = async (shift: repo.ShiftRow, studentId: number, name: string) =>
      unavailabilityWarnings(shift, [{ studentId, studentName: name, status: 'scheduled' }], await repo.unavailableBetween(tx, [studentId], shift.startsAt, shift.endsAt));

    if (request.kind === 'cover') {
      const name = row.acceptedByName ?? '';
      // Checked again at approval: the taker may have left the team since accepting.
      if (!(await repo.isStudentMember(tx, teamId, taker))) throw new AppError('SHIFT_STUDENT_NOT_MEMBER', `${name} 已不是本团队的学生成员`);
      warnings.push(...enforce(await problemsFor(tx, taker, givenShift, rules), override, { studentId: taker, studentName: name }));
      await repo.releasePlaces(tx, [givenNow.assignmentId], now);
      const taken = await repo.takePlace(tx, givenShift.id, taker, 'cover', actor.userId, now, limitOverrideOf(warnings, taker, actor.userId));
      if (taken === undefined) throw new AppError('SHIFT_ALREADY_ON', `${name} 已经在这个班次上了`);
      warnings.push(...(await unavailableWarning(givenShift, taker, name)));
    } else {
      const targetNow = await repo.findPlaceWithShift(tx, request.targetAssignmentId!);
      if (!givable(targetNow, teamId, now) || targetNow.studentId !== taker) throw new AppError('INVALID_STATE', '要交换的班次已经开始或不再安排给这位同学');
      const targetShift = shifts.get(targetNow.shiftId)!;
      const requester = { studentId: givenNow.studentId, studentName: row.place.studentName };
      const holder = { studentId: taker, studentName: row.targetPlace.studentName ?? '' };
      warnings.push(...enforce(await problemsFor(tx, requester.studentId, targetShift, rules, [givenNow.assignmentId]), override, requester));
      warnings.push(...enforce(await problemsFor(tx, holder.studentId, givenShift, rules, [targetNow.assignmentId]), override, holder));
      await repo.releasePlaces(tx, [givenNow.assignmentId, targetNow.assignmentId], now);
      const overrideOf = (studentId: number) => limitOverrideOf(warnings, studentId, actor.userId);
      const a = await repo.takePlace(tx, targetShift.id, requester.studentId, 'swap', actor.userId, now, overrideOf(requester.studentId));
      const b = await repo.takePlace(tx, givenShift.id, holder.studentId, 'swap', actor.userId, now, overrideOf(holder.studentId));
      if (a === undefined || b === undefined) throw new AppError('SHIFT_ALREADY_ON', '一方已经在对方的班次上了');
      warnings.push(...(await unavailableWarning(targetShift, requester.studentId, requester.studentName)));
      warnings.push(...(await unavailableWarning(givenShift, holder.studentId, holder.studentName)));
    }
    await swaps.setStatus(tx, requestId, 'approved', now, { decidedBy: actor.userId, decidedAt: now });
    return warnings;
  }

  return {
    async request(actor: Actor, teamId: number, input: z.output<typeof SwapRequestInput>): Promise<SwapRequestView> {
      const now = clock();
      const id = await onUniqueViolation(
        () =>
          db.transaction(async (tx) => {
            const place = await repo.findPlaceWithShift(tx, input.assignmentId);
            if (!place || place.teamId !== teamId || place.studentId !== actor.userId || place.status === 'released') {
              throw new AppError('SHIFT_PLACE_NOT_FOUND');
            }
            if (place.startsAt <= now) throw new AppError('SHIFT_ALREADY_STARTED', '班次已经开始，不能再申请换班');
            if (place.status !== 'scheduled' || place.shiftStatus !== 'published') throw new AppError('INVALID_STATE', '只有已发布、未开始的班次可以申请换班');
            let targetStudentId = input.targetStudentId ?? null;
            if (targetStudentId === actor.userId) throw new AppError('SWAP_TARGET_INVALID', '不能找自己代班或换班');
            if (input.kind === 'swap') {
              const target = await repo.findPlaceWithShift(tx, input.targetAssignmentId!);
              if (!givable(target, teamId, now) || target.studentId === actor.userId) {
                throw new AppError('SWAP_TARGET_INVALID', '要交换的班次必须是本团队同学已发布、未开始的班次');
              }
              if (targetStudentId !== null && targetStudentId !== target.studentId) throw new AppError('SWAP_TARGET_INVALID', '要交换的班次不是这位同学的');
              targetStudentId = target.studentId;
            } else if (targetStudentId !== null && !(await repo.isStudentMember(tx, teamId, targetStudentId))) {
              throw new AppError('SWAP_TARGET_INVALID', '代班的同学必须是本团队成员');
            }
            return swaps.insertRequest(tx, {
              kind: input.kind,
              assignmentId: place.assignmentId,
              requestedBy: actor.userId,
              targetStudentId,
              targetAssignmentId: input.kind === 'swap' ? input.targetAssignmentId! : null,
              note: input.note,
            }, now);
          }),
        swaps.OPEN_REQUEST_CONSTRAINT,
        'SWAP_REQUEST_OPEN',
      );
      return view(db, actor, teamId, id);
    },

    async accept(actor: Actor, teamId: number, requestId: number): Promise<SwapRequestView> {
      await db.transaction(async (tx) => {
        const request = await locked(tx, teamId, requestId, 'accept');
        if (request.requestedBy === actor.userId) throw new AppError('SWAP_NOT_YOURS', '不能接受自己的申请');
        if (request.targetStudentId !== null && request.targetStudentId !== actor.userId) throw new AppError('SWAP_NOT_YOURS');
        // Whoever accepts ends up holding the place: only the team's students hold places.
        if (!(await repo.isStudentMember(tx, teamId, actor.userId))) throw new AppError('SHIFT_STUDENT_NOT_MEMBER', '只有本团队的学生成员可以接受代班或换班');
        const now = clock();
        const given = await repo.findPlaceWithShift(tx, request.assignmentId);
        if (!givable(given, teamId, now)) throw new AppError('SHIFT_ALREADY_STARTED', '这个班次已经开始或已不再安排');
        await swaps.setStatus(tx, requestId, 'accepted', now, { acceptedBy: actor.userId, acceptedAt: now });
      });
      return view(db, actor, teamId, requestId);
    },

    async decline(actor: Actor, teamId: number, requestId: number): Promise<SwapRequestView> {
      await db.transaction(async (tx) => {
        const request = await locked(tx, teamId, requestId, 'decline');
        if (request.targetStudentId !== actor.userId) throw new AppError('SWAP_NOT_YOURS');
        await swaps.setStatus(tx, requestId, 'declined', clock());
      });
      return view(db, actor, teamId, requestId);
    },

    async withdraw(actor: Actor, teamId: number, requestId: number): Promise<SwapRequestView> {
      await db.transaction(async (tx) => {
        const request = await locked(tx, teamId, requestId, 'withdraw');
        if (request.requestedBy !== actor.userId) throw new AppError('SWAP_NOT_YOURS', '只能撤回自己的申请');
        await swaps.setStatus(tx, requestId, 'withdrawn', clock());
      });
      return view(db, actor, teamId, requestId);
    },

    async approve(actor: Actor, teamId: number, requestId: number, override: boolean) {
      if (override && !overridesShiftLimits(actor, teamId)) throw new AppError('SHIFT_OVERRIDE_NOT_ALLOWED');
      const rules = await loadShiftRules(db);
      const warnings = await db.transaction((tx) => carryOut(tx, actor, teamId, requestId, override, rules));
      return { request: await view(db, actor, teamId, requestId), warnings };
    },

    async reject(actor: Actor, teamId: number, requestId: number): Promise<SwapRequestView> {
      await db.transaction(async (tx) => {
        await locked(tx, teamId, requestId, 'reject');
        const row = (await swaps.findRequest(tx, teamId, requestId))!;
        if (!decidesSwap(actor, row)) throw new AppError('FORBIDDEN', '自己参与的换班需由指导老师审批');
        const now = clock();
        await swaps.setStatus(tx, requestId, 'rejected', now, { decidedBy: actor.userId, decidedAt: now });
      });
      return view(db, actor, teamId, requestId);
    },

    async listTeam(actor: Actor, teamId: number) {
      await requireTeam(db, teamId);
      return { items: (await swaps.listRequests(db, swaps.teamOpenRequests(teamId))).map((row) => toSwapView(row, actor)) };
    },

    async listMine(actor: Actor) {
      const since = new Date(clock().getTime() - 30 * DAY_MS);
      const teamIds = [...actor.memberships.keys()];
      const [outgoing, incoming] = await Promise.all([
        swaps.listRequests(db, swaps.outgoingOf(actor.userId, since)),
        swaps.listRequests(db, swaps.incomingOf(actor.userId, teamIds, since)),
      ]);
      return { outgoing: outgoing.map((row) => toSwapView(row, actor)), incoming: incoming.map((row) => toSwapView(row, actor)) };
    },
  };
}
