import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Actor } from '../policy/actor';

/** Who did a staff action, and in which operations shift: stored on every row staff write. */
export interface Attribution {
  actorId: number;
  /**
   * The shift the actor is clocked into for the team acted on; null = outside any shift
   * (班次外): allowed, and shown as such (a teacher's review, a student acting off shift).
   */
  shiftId: number | null;
}

const { shiftAssignments, shifts } = schema;

/**
 * The one place that turns a caller into an attribution. Read inside the action's own
 * transaction, so the shift recorded is the one the actor was clocked into when the row was
 * written (a clock-out committing meanwhile cannot leave a row on a finished shift's account
 * except by the same instant). Only a shift of `teamId` counts: clocked into team A's shift,
 * work on team B's goods is outside any shift. `teamId` null (payment flags, not a team's
 * business) takes whatever shift the actor is clocked into.
 */
export async function attributionIn(tx: Tx | Db, actor: Actor, teamId: number | null): Promise<Attribution> {
  const [active] = await tx
    .select({ shiftId: shiftAssignments.shiftId })
    .from(shiftAssignments)
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .where(
      and(
        eq(shiftAssignments.studentId, actor.userId),
        isNotNull(shiftAssignments.clockInAt),
        isNull(shiftAssignments.clockOutAt),
        teamId === null ? undefined : eq(shifts.teamId, teamId),
      ),
    )
    .limit(1);
  return { actorId: actor.userId, shiftId: active?.shiftId ?? null };
}
