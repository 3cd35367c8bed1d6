import {
  addDays,
  atLocal,
  averageBasisPoints,
  finalGrade,
  localDateOf,
  POSTS,
  WORKED_ASSIGNMENT_STATUSES,
  type AssignmentStatus,
  type EvaluatorRole,
  type TermSummary,
  type TermSummaryStudent,
} from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { reportScope } from '../policy/policy';
import type { ShiftDeps } from '../shifts/deps';
import { weightsResolver } from '../grading/term-lock';
import { loadPayRates } from '../shifts/rules';
import { toTerm } from './mapper';
import { pricePlaces, type PricedPlace } from './pay';
import { findPlaces } from './places-repository';
import { findNames, findTeam, findTeamMembers, findVisibleEvaluations, salesByDay, shiftsWithHeldPlaces } from './summary-repository';
import { findTerm } from './terms-repository';

const WORKED: readonly AssignmentStatus[] = WORKED_ASSIGNMENT_STATUSES;
/** Clocked in at some point: where lateness is recorded. */
const CLOCKED: readonly AssignmentStatus[] = ['clocked_in', ...WORKED_ASSIGNMENT_STATUSES];

type Grades = Map<number, Partial<Record<EvaluatorRole, { status: 'published' | 'locked' | 'draft' | 'pending'; scoreBasisPoints: number | null }>>>;

/**
 * A place's grade as the summary counts it. Only final grades (both sides published or locked)
 * are averaged: a partial one (one side only, the other still to come) would pass one grader's
 * score off as the 双导师 grade, so it is counted apart (partialGrades) for the teacher to chase
 * and marked in the exports (部分评分班次), never averaged.
 */
type PlaceGrade = { basisPoints: number; partial: boolean } | null;

function studentLine(
  student: { id: number; name: string },
  places: readonly PricedPlace[],
  gradeOf: (place: PricedPlace) => PlaceGrade,
): TermSummaryStudent {
  const worked = places.filter((place) => WORKED.includes(place.status));
  const grades = worked.map((place) => ({ post: place.post, grade: gradeOf(place) }));
  const graded = grades.flatMap((entry) => (entry.grade && !entry.grade.partial ? [{ post: entry.post, grade: entry.grade.basisPoints }] : []));
  const byPost = POSTS.flatMap((post) => {
    const grades = graded.filter((entry) => entry.post === post).map((entry) => entry.grade);
    const average = averageBasisPoints(grades);
    return average === null ? [] : [{ post, gradedShifts: grades.length, averageBasisPoints: average }];
  });
  return {
    studentId: student.id,
    studentName: student.name,
    shiftsWorked: worked.length,
    minutes: places.reduce((sum, place) => sum + place.minutes, 0),
    lateCount: places.filter((place) => place.late && CLOCKED.includes(place.status)).length,
    noShowCount: places.filter((place) => place.status === 'no_show').length,
    gradedShifts: graded.length,
    partialGrades: grades.filter((entry) => entry.grade?.partial).length,
    averageBasisPoints: averageBasisPoints(graded.map((entry) => entry.grade)),
    byPost,
  };
}

/**
 * 学期汇总 of one team: per student the shifts worked, hours, lateness, no-shows and the mean
 * final grade (overall and by post), and the team's charts (sales and shift coverage by day).
 * Teachers read their supervised teams, admins any; another team is "not found".
 */
export function createSummaryService({ db, clock }: ShiftDeps) {
  async function get(actor: Actor, termId: number, teamId: number): Promise<TermSummary> {
    const scope = reportScope(actor);
    const [termRow, team] = await Promise.all([findTerm(db, termId), findTeam(db, teamId)]);
    if (!team || (scope !== 'all' && !scope.has(teamId))) throw new AppError('TEAM_NOT_FOUND');
    if (!termRow) throw new AppError('TERM_NOT_FOUND');
    const from = atLocal(termRow.startsOn, 0);
    const until = atLocal(addDays(termRow.endsOn, 1), 0);

    const [rows, rates, weightsOf, members, sales, coverage] = await Promise.all([
      findPlaces(db, { from, until, teamIds: [teamId] }),
      loadPayRates(db),
      weightsResolver(db),
      findTeamMembers(db, teamId),
      salesByDay(db, teamId, from, until),
      shiftsWithHeldPlaces(db, teamId, from, until),
    ]);
    const places = pricePlaces(rows, rates);
    const evaluations = await findVisibleEvaluations(
      db,
      places.filter((place) => WORKED.includes(place.status)).map((place) => place.assignmentId),
    );
    const grades: Grades = new Map();
    for (const evaluation of evaluations) {
      grades.set(evaluation.assignmentId, { ...grades.get(evaluation.assignmentId), [evaluation.evaluatorRole]: evaluation });
    }
    const gradeOf = (place: PricedPlace) => {
      const sides = grades.get(place.assignmentId);
      return finalGrade(sides?.teacher, sides?.mentor, weightsOf(place.startsAt));
    };

    // Members, and anyone who worked here in the term and has since left the team.
    const memberIds = new Set(members.map((member) => member.id));
    const formerIds = [...new Set(places.map((place) => place.studentId))].filter((id) => !memberIds.has(id));
    const students = [...members, ...(await findNames(db, formerIds))];

    // One point per day of the term up to today, so the charts show quiet days as zero.
    const lastDay = [termRow.endsOn, localDateOf(clock())].sort()[0] ?? termRow.endsOn;
    const days: string[] = [];
    for (let day = termRow.startsOn; day <= lastDay; day = addDays(day, 1)) days.push(day);

    return {
      term: toTerm(termRow),
      team,
      // A closed term's grades keep the weights stored at its close; an open one uses the setting.
      weights: weightsOf(from),
      students: students.map((student) =>
        studentLine(
          student,
          places.filter((place) => place.studentId === student.id),
          gradeOf,
        ),
      ),
      salesByDay: days.map((date) => {
        const sale = sales.find((entry) => entry.date === date);
        return { date, gmvFen: sale?.gmvFen ?? 0, orders: sale?.orders ?? 0 };
      }),
      coverageByDay: days.map((date) => {
        const shifts = coverage.filter((entry) => entry.date === date);
        return { date, held: shifts.reduce((sum, shift) => sum + shift.held, 0), capacity: shifts.reduce((sum, shift) => sum + shift.capacity, 0) };
      }),
    };
  }

  return { get };
}
