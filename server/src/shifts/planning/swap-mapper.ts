import { canTransitionSwap, type SwapRequestView } from '@qiaodu/shared';
import type { Actor } from '../../policy/actor';
import { may, overridesShiftLimits, plansShiftsOf } from '../../policy/policy';
import type { SwapRow } from './swap-repository';

/** A planner who is a party to the swap (a lead swapping their own shift) leaves it to the teacher. */
export function decidesSwap(actor: Actor, row: { teamId: number; requestedBy: number | null; acceptedBy: number | null }): boolean {
  if (!plansShiftsOf(actor, row.teamId)) return false;
  const party = row.requestedBy === actor.userId || row.acceptedBy === actor.userId;
  return !party || overridesShiftLimits(actor, row.teamId);
}

export function toSwapView(row: SwapRow, actor: Actor): SwapRequestView {
  const me = actor.userId;
  const place = (p: typeof row.place) => ({
    assignmentId: p.assignmentId,
    shiftId: p.shiftId,
    post: p.post,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    studentId: p.studentId,
    studentName: p.studentName,
  });
  const target = row.targetPlace;
  return {
    id: row.id,
    teamId: row.teamId,
    teamName: row.teamName,
    kind: row.kind,
    status: row.status,
    note: row.note,
    place: place(row.place),
    targetStudent: row.targetStudentId !== null ? { id: row.targetStudentId, name: row.targetStudentName ?? '' } : null,
    targetPlace:
      target && target.assignmentId !== null
        ? place(target as unknown as typeof row.place)
        : null,
    acceptedBy: row.acceptedBy !== null ? { id: row.acceptedBy, name: row.acceptedByName ?? '' } : null,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    can: {
      accept:
        canTransitionSwap(row.status, 'accept') &&
        row.requestedBy !== me &&
        (row.targetStudentId === null ? may(actor, 'shift.work', row.teamId) : row.targetStudentId === me),
      decline: canTransitionSwap(row.status, 'decline') && row.targetStudentId === me,
      withdraw: canTransitionSwap(row.status, 'withdraw') && row.requestedBy === me,
      approve: canTransitionSwap(row.status, 'approve') && decidesSwap(actor, row),
      reject: canTransitionSwap(row.status, 'reject') && decidesSwap(actor, row),
    },
  };
}
