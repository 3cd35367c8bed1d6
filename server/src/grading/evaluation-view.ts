import type { Db, Tx } from '@qiaodu/db';
import { WORKED_ASSIGNMENT_STATUSES, finalGrade, type EvaluationView, type EvaluatorRole, type ShiftFinalGrade, type ShiftGradingView } from '@qiaodu/shared';
import type { Actor } from '../policy/actor';
import { amendsLockedGrades } from '../policy/policy';
import { placeEvidence } from './evidence-service';
import { toCriterion, toEvaluationView, toPlaceShift } from './mapper';
import { evaluationsOf, type EvaluationRow, type PlaceRow } from './place-repository';
import { criteriaOf, findDefaultTemplate, findVersion, type CriterionRow } from './rubric-repository';
import { termOf, weightsResolver, type GradeWeights } from './term-lock';

/** Published and locked grades are the student's to see; a draft is its author's alone. */
export const isVisibleToStudent = (row: { status: string }) => row.status === 'published' || row.status === 'locked';

export const isGradable = (status: string) => (WORKED_ASSIGNMENT_STATUSES as readonly string[]).includes(status);

type Side = { evaluation: EvaluationRow; evaluatorName: string | null } | undefined;

type EvaluationRows = Awaited<ReturnType<typeof evaluationsOf>>;

/** Both sides of one place as one viewer may see them, each read against its own rubric version (criteria loaded already). */
export function sidesFrom(rows: EvaluationRows, visible: (row: EvaluationRow) => boolean, criteria: readonly CriterionRow[]) {
  const shown = rows.filter((row) => visible(row.evaluation));
  const criteriaOfVersion = (versionId: number) => criteria.filter((criterion) => criterion.versionId === versionId);
  const view = (side: Side): EvaluationView | null =>
    side ? toEvaluationView(side.evaluation, criteriaOfVersion(side.evaluation.rubricVersionId), side.evaluatorName) : null;
  const byRole = (role: EvaluatorRole) => shown.find((row) => row.evaluation.evaluatorRole === role);
  return { teacher: view(byRole('teacher')), mentor: view(byRole('mentor')), criteriaOfVersion };
}

/** The criteria of every version these evaluations (and the extra versions) were graded with, in one query. */
export async function criteriaForRows(db: Db, rows: EvaluationRows, extraVersionIds: readonly number[] = []) {
  return criteriaOf(db, [...new Set([...rows.map((row) => row.evaluation.rubricVersionId), ...extraVersionIds])]);
}

/** A place's final grade with the weights that apply to it (term-lock.ts weightsResolver). */
export function finalGradeWith(rows: readonly { evaluation: EvaluationRow }[], weights: GradeWeights): ShiftFinalGrade {
  const side = (role: EvaluatorRole) => rows.find((row) => row.evaluation.evaluatorRole === role)?.evaluation;
  const grade = finalGrade(side('teacher'), side('mentor'), weights);
  return { basisPoints: grade?.basisPoints ?? null, partial: grade?.partial ?? false, weights };
}

/** The rubric version a new evaluation of this post is graded with: the default's latest. */
export async function defaultVersionIdOf(db: Db | Tx, post: PlaceRow['post']): Promise<number | null> {
  return (await findDefaultTemplate(db, post))?.latestVersionId ?? null;
}

/** The grading page of a place for one grader. */
export async function gradingView(db: Db, actor: Actor, place: PlaceRow, role: EvaluatorRole): Promise<ShiftGradingView> {
  const rows = await evaluationsOf(db, [place.assignmentId]);
  const mine = rows.find((row) => row.evaluation.evaluatorRole === role)?.evaluation;
  // A new evaluation is graded against the other side's version when there is one (as save does).
  const other = rows.find((row) => row.evaluation.evaluatorRole !== role)?.evaluation;
  const versionId = mine?.rubricVersionId ?? other?.rubricVersionId ?? (await defaultVersionIdOf(db, place.post));
  const visible = (row: EvaluationRow) => row.evaluatorRole === role || isVisibleToStudent(row);
  const [allCriteria, term, weightsOf] = await Promise.all([
    criteriaForRows(db, rows.filter((row) => visible(row.evaluation)), versionId ? [versionId] : []),
    termOf(db, place.startsAt),
    weightsResolver(db),
  ]);
  const sides = sidesFrom(rows, visible, allCriteria);
  const version = versionId ? await findVersion(db, versionId) : undefined;
  const criteria: CriterionRow[] = version ? sides.criteriaOfVersion(version.id) : [];
  const gradable = isGradable(place.status);
  // In a closed term every evaluation of the place is locked, written or not.
  const locked = mine?.status === 'locked' || Boolean(term?.closedAt);
  return {
    place: {
      assignmentId: place.assignmentId,
      status: place.status,
      clockInAt: place.clockInAt?.toISOString() ?? null,
      clockOutAt: place.clockOutAt?.toISOString() ?? null,
      late: place.late,
      autoClosed: place.autoClosed,
      gradable,
    },
    student: { id: place.studentId, name: place.studentName },
    shift: toPlaceShift(place),
    evidence: await placeEvidence(db, place),
    myRole: role,
    rubric: version ? { templateId: version.templateId, name: version.name, versionId: version.id, version: version.version, criteria: criteria.map(toCriterion) } : null,
    evaluations: { teacher: sides.teacher, mentor: sides.mentor },
    finalGrade: finalGradeWith(rows, weightsOf(place.startsAt)),
    can: {
      save: gradable && version !== undefined && (!locked || amendsLockedGrades(actor)),
      publish: gradable && mine?.status === 'draft' && (!term?.closedAt || amendsLockedGrades(actor)),
      amendLocked: locked && amendsLockedGrades(actor),
      chooseSide: amendsLockedGrades(actor),
    },
  };
}
