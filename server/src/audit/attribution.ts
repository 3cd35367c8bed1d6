import type { Actor } from '../policy/actor';

/** Who did a staff action, and in which operations shift: stored on every row staff write. */
export interface Attribution {
  actorId: number;
  /** The shift the actor is clocked into; null while shifts do not exist (the shifts issue). */
  shiftId: number | null;
}

/**
 * The one place that turns a caller into an attribution, so that when shifts arrive every
 * ledger row, product activity and price change picks up the shift without touching callers.
 */
export function attributionOf(actor: Actor): Attribution {
  return { actorId: actor.userId, shiftId: null };
}
