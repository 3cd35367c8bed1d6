import type { Db, Tx } from '@qiaodu/db';
import type { EvaluatorRole } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { decide, evaluatorRoleFor } from '../policy/policy';
import { findPlace, type PlaceRow } from './place-repository';

/**
 * The place a grader asks about and their side of 双导师 on it. The team comes from the place,
 * not the path, so the policy is asked here: a grader of another team is told the place does
 * not exist (as the team rules hide other teams), a student of the team that they may not grade.
 */
export async function gradablePlaceFor(db: Db | Tx, actor: Actor, assignmentId: number): Promise<{ place: PlaceRow; role: EvaluatorRole }> {
  const place = await findPlace(db, assignmentId);
  if (!place) throw new AppError('SHIFT_PLACE_NOT_FOUND');
  const decision = decide(actor, 'grading.evaluate', { teamId: place.teamId });
  if (decision === 'hidden') throw new AppError('SHIFT_PLACE_NOT_FOUND');
  const role = decision === 'allow' ? evaluatorRoleFor(actor, place.teamId) : null;
  if (!role) throw new AppError('FORBIDDEN');
  return { place, role };
}
