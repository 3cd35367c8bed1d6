/**
 * Zod-free state rules of shift planning, shared by the server (which decides) and the console
 * (which shows only the buttons that will work): every state change of a week, a shift, a place
 * and a swap request is a named transition; anything else is 409 INVALID_STATE.
 */
import type { AssignmentSource, AssignmentStatus, ScheduleWeekStatus, ShiftStatus, SwapRequestStatus } from '../shift-enums';

interface Transition<S extends string> {
  from: readonly S[];
  to: S;
}

export const SCHEDULE_WEEK_TRANSITIONS = {
  publish: { from: ['draft'], to: 'published' },
} as const satisfies Record<string, Transition<ScheduleWeekStatus>>;
export type ScheduleWeekTransition = keyof typeof SCHEDULE_WEEK_TRANSITIONS;

/** A shift is drafted, published with its week (or alone), or called off; a cancelled shift stays cancelled. */
export const SHIFT_TRANSITIONS = {
  publish: { from: ['draft'], to: 'published' },
  cancel: { from: ['draft', 'published'], to: 'cancelled' },
} as const satisfies Record<string, Transition<ShiftStatus>>;
export type ShiftTransition = keyof typeof SHIFT_TRANSITIONS;
/** Capacity, the open flag, places and notes change only on shifts not called off. */
export const EDITABLE_SHIFT_STATUSES = ['draft', 'published'] as const satisfies readonly ShiftStatus[];

/**
 * Planning moves a place only while it is still ahead: scheduled → released (withdrawn, removed,
 * given away in a swap or cover, or its shift cancelled); a released place may be taken again.
 * Clocking in and out belongs to attendance.
 */
export const PLACE_TRANSITIONS = {
  withdraw: { from: ['scheduled'], to: 'released' },
  remove: { from: ['scheduled'], to: 'released' },
  give_away: { from: ['scheduled'], to: 'released' },
  retake: { from: ['released'], to: 'scheduled' },
} as const satisfies Record<string, Transition<AssignmentStatus>>;
export type PlaceTransition = keyof typeof PLACE_TRANSITIONS;

/**
 * A student withdraws on their own only from a place they signed up for. A place a lead assigned
 * (or one taken in a swap or cover the lead approved) was planned: giving it up goes through a
 * swap or cover request, so the lead is never left with a hole they did not see coming.
 */
export const SELF_WITHDRAWABLE_SOURCES = ['signup'] as const satisfies readonly AssignmentSource[];

export const canWithdrawOwnPlace = (place: { status: AssignmentStatus; source: AssignmentSource }) =>
  canTransitionPlace(place.status, 'withdraw') && (SELF_WITHDRAWABLE_SOURCES as readonly AssignmentSource[]).includes(place.source);

/** request → accepted by the classmate → approved by the lead; declined, rejected or withdrawn end it. */
export const SWAP_TRANSITIONS = {
  accept: { from: ['requested'], to: 'accepted' },
  decline: { from: ['requested'], to: 'declined' },
  withdraw: { from: ['requested', 'accepted'], to: 'withdrawn' },
  approve: { from: ['accepted'], to: 'approved' },
  reject: { from: ['accepted'], to: 'rejected' },
} as const satisfies Record<string, Transition<SwapRequestStatus>>;
export type SwapTransition = keyof typeof SWAP_TRANSITIONS;

/** Swap requests still in play: one per place (swap_requests_one_open_per_assignment). */
export const OPEN_SWAP_STATUSES = ['requested', 'accepted'] as const satisfies readonly SwapRequestStatus[];

function allows<S extends string>(rule: Transition<S>, status: S): boolean {
  return rule.from.includes(status);
}

export const canTransitionWeek = (status: ScheduleWeekStatus, transition: ScheduleWeekTransition) =>
  allows<ScheduleWeekStatus>(SCHEDULE_WEEK_TRANSITIONS[transition], status);
export const canTransitionShift = (status: ShiftStatus, transition: ShiftTransition) =>
  allows<ShiftStatus>(SHIFT_TRANSITIONS[transition], status);
export const canTransitionPlace = (status: AssignmentStatus, transition: PlaceTransition) =>
  allows<AssignmentStatus>(PLACE_TRANSITIONS[transition], status);
export const canTransitionSwap = (status: SwapRequestStatus, transition: SwapTransition) =>
  allows<SwapRequestStatus>(SWAP_TRANSITIONS[transition], status);

/** "7 小时", "7 小时 30 分钟", "45 分钟": how limits are worded to students. */
export function formatShiftMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} 分钟`;
  return rest === 0 ? `${hours} 小时` : `${hours} 小时 ${rest} 分钟`;
}
