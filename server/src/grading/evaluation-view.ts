import type { Db, Tx } from '@qiaodu/db';
import { WORKED_ASSIGNMENT_STATUSES, finalGrade, type EvaluationView, type EvaluatorRole, type ShiftFinalGrade, type ShiftGradingView } from '@qiaodu/shared';
import type { Actor } from '../policy/actor';
import { amendsLockedGrades } from '../policy/policy';
import { loadShiftRules } from '../shifts/rules';
import { placeEvidence } from './evidence-service';
import { toCriterion, toEvaluationView, toPlaceShift } from './mapper';
import { evaluationsOf, type EvaluationRow, type PlaceRow } from './place-repository';
import { criteriaOf, findDefaultTemplate, findVersion, type CriterionRow } from './rubric-repository';

/** Published and locked grades are the student's to see; a draft is its author's alone. */
export const isVisibleToStudent = (row: { status: string }) => row.status === 'published' || row.status === 'locked';

export const isGradable = (status: string) => (WORKED_ASSIGNMENT_STATUSES as readonly string[]).includes(status);

type Side = { evaluation: EvaluationRow; evaluatorName: string | null } | undefined;

/** Both sides as one viewer may see them, each read against its own rubric version. */
export async function sidesFor(
  db: Db,
  rows: Awaited<ReturnType<typeof evaluationsOf>>,
  visible: (row: EvaluationRow) => boolean,
  extraVersionIds: readonly number[] = [],
) {
  const shown = rows.filter((row) => visible(row.evaluation));
  const criteria = await criteriaOf(db, [...new Set([...shown.map((row) => row.evaluation.rubricVersionId), ...extraVersionIds])]);
  const criteriaOfVersion = (versionId: number) => criteria.filter((criterion) => criterion.versionId === versionId);
  const view = (side: Side): EvaluationView | null =>
    side ? toEvaluationView(side.evaluation, criteriaOfVersion(side.evaluation.rubricVersionId), side.evaluatorName) : null;
  const byRole = (role: EvaluatorRole) => shown.find((row) => row.evaluation.evaluatorRole === role);
  return { teacher: view(byRole('teacher')), mentor: view(byRole('mentor')), criteriaOfVersion };
}

export async function finalGradeOf(db: Db, rows: readonly { evaluation: EvaluationRow }[]): Promise<ShiftFinalGrade> {
  const { weights } = await loadShiftRules(db);
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
  const versionId = mine?.rubricVersionId ?? (await defaultVersionIdOf(db, place.post));
  const sides = await sidesFor(db, rows, (row) => row.evaluatorRole === role || isVisibleToStudent(row), versionId ? [versionId] : []);
  const version = versionId ? await findVersion(db, versionId) : undefined;
  const criteria: CriterionRow[] = version ? sides.criteriaOfVersion(version.id) : [];
  const gradable = isGradable(place.status);
  const locked = mine?.status === 'locked';
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
    finalGrade: await finalGradeOf(db, rows),
    can: {
      save: gradable && version !== undefined && (!locked || amendsLockedGrades(actor)),
      publish: gradable && mine?.status === 'draft',
      amendLocked: locked && amendsLockedGrades(actor),
    },
  };
}
