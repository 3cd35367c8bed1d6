import type { Db, schema, Tx } from '@qiaodu/db';
import type { LimitProblem, PlaceWarning } from '@qiaodu/shared';
import { AppError } from '../../http/app-error';
import { limitProblems, limitWindow, type LimitRules, type TimedShift } from './limits';
import { heldShiftsOf } from './repository';

/** What giving the student `candidate` would break, against their places in every team. */
export async function problemsFor(
  db: Db | Tx,
  studentId: number,
  candidate: TimedShift,
  rules: LimitRules,
  exceptAssignmentIds: readonly number[] = [],
): Promise<LimitProblem[]> {
  const window = limitWindow(candidate);
  const held = await heldShiftsOf(db, studentId, window.from, window.to, exceptAssignmentIds);
  return limitProblems(candidate, held, rules);
}

/**
 * problemsFor over many candidates with one read: the student's held shifts across all their
 * limit windows (drafts included, as the sign-up check counts them), so a preview of open
 * shifts says exactly what signing up would say. Also returns those held shifts.
 */
export async function problemsForEach<T extends TimedShift>(
  db: Db | Tx,
  studentId: number,
  candidates: readonly T[],
  rules: LimitRules,
  alsoCovering: TimedShift[] = [],
): Promise<{ problems: Map<T, LimitProblem[]>; held: TimedShift[] }> {
  const windows = [...candidates, ...alsoCovering].map(limitWindow);
  if (windows.length === 0) return { problems: new Map(), held: [] };
  const from = new Date(Math.min(...windows.map((window) => window.from.getTime())));
  const to = new Date(Math.max(...windows.map((window) => window.to.getTime())));
  const held = await heldShiftsOf(db, studentId, from, to);
  return { problems: new Map(candidates.map((candidate) => [candidate, limitProblems(candidate, held, rules)])), held };
}

/**
 * Blocks on the problems: an overlap always (nobody works two shifts at once); the hour and
 * rest limits unless `override` is allowed and asked for, when they come back as warnings.
 */
export function enforce(problems: readonly LimitProblem[], override: boolean, who: { studentId: number; studentName: string }): PlaceWarning[] {
  const overlap = problems.find((problem) => !problem.overridable);
  if (overlap) throw new AppError('SHIFT_OVERLAP', `${who.studentName}：${overlap.message}`, { problems });
  if (problems.length === 0) return [];
  if (!override) {
    throw new AppError('SHIFT_LIMIT_EXCEEDED', `${who.studentName}：${problems.map((problem) => problem.message).join('；')}`, { problems });
  }
  return problems.map((problem) => ({
    studentId: who.studentId,
    studentName: who.studentName,
    code: 'override' as const,
    message: `已突破限制：${problem.message}`,
  }));
}

/** What a place stores when a teacher overrode limits to make it (null when nothing was overridden). */
export function limitOverrideOf(warnings: readonly PlaceWarning[], studentId: number, by: number | null): schema.LimitOverride | null {
  const limits = warnings.filter((warning) => warning.code === 'override' && warning.studentId === studentId).map((warning) => warning.message);
  return limits.length > 0 ? { by, limits } : null;
}
