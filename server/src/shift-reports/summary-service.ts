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

const LOCAL_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
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

    const [rows, rates, weightsOf, members, sales, coverage, evaluations] = await Promise.all([
      findPlaces(db, { from, until, teamIds: [teamId] }),
      loadPayRates(db),
      weightsResolver(db),
      findTeamMembers(db, teamId),
      salesByDay(db, teamId, from, until),
      shiftsWithHeldPlaces(db, teamId, from, until),
      // The worked places' evaluations, found by the same team and period as the places (a join,
      // not the places' ids sent back as hundreds of parameters), so read alongside them.
      findVisibleEvaluations(db, teamId, from, until, WORKED),
    ]);
    const places = pricePlaces(rows, rates);
    const grades: Grades = new Map();
    for (const evaluation of evaluations) {
      grades.set(evaluation.assignmentId, { ...grades.get(evaluation.assignmentId), [evaluation.evaluatorRole]: evaluation });
    }
    // Weights depend on the local day only: resolved once per day (keyed by the local day's
    // number, UTC+8 without daylight saving as localDateOf), not formatted and searched per place.
    const weightsByDay = new Map<number, ReturnType<typeof weightsOf>>();
    const weightsAt = (startsAt: Date) => {
      const day = Math.floor((startsAt.getTime() + LOCAL_OFFSET_MS) / DAY_MS);
      let weights = weightsByDay.get(day);
      if (weights === undefined) {
        weights = weightsOf(startsAt);
        weightsByDay.set(day, weights);
      }
      return weights;
    };
    const gradeOf = (place: PricedPlace) => {
      const sides = grades.get(place.assignmentId);
      return finalGrade(sides?.teacher, sides?.mentor, weightsAt(place.startsAt));
    };

    // Members, and anyone who worked here in the term and has since left the team.
    const memberIds = new Set(members.map((member) => member.id));
    // Each student's places (in the order read), grouped once instead of filtered per student.
    const placesOf = new Map<number, PricedPlace[]>();
    for (const place of places) {
      const own = placesOf.get(place.studentId);
      if (own) own.push(place);
      else placesOf.set(place.studentId, [place]);
    }
    const formerIds = [...placesOf.keys()].filter((id) => !memberIds.has(id));
    const students = [...members, ...(await findNames(db, formerIds))];

    // One point per day of the term up to today, so the charts show quiet days as zero.
    const lastDay = [termRow.endsOn, localDateOf(clock())].sort()[0] ?? termRow.endsOn;
    const days: string[] = [];
    for (let day = termRow.startsOn; day <= lastDay; day = addDays(day, 1)) days.push(day);

    const salesOn = new Map(sales.map((entry) => [entry.date, entry]));
    const coverageOn = new Map<string, { held: number; capacity: number }>();
    for (const shift of coverage) {
      const day = coverageOn.get(shift.date) ?? { held: 0, capacity: 0 };
      coverageOn.set(shift.date, { held: day.held + shift.held, capacity: day.capacity + shift.capacity });
    }

    return {
      term: toTerm(termRow),
      team,
      // A closed term's grades keep the weights stored at its close; an open one uses the setting.
      weights: weightsOf(from),
      students: students.map((student) =>
        studentLine(
          student,
          placesOf.get(student.id) ?? [],
          gradeOf,
        ),
      ),
      salesByDay: days.map((date) => {
        const sale = salesOn.get(date);
        return { date, gmvFen: sale?.gmvFen ?? 0, orders: sale?.orders ?? 0 };
      }),
      coverageByDay: days.map((date) => ({ date, held: coverageOn.get(date)?.held ?? 0, capacity: coverageOn.get(date)?.capacity ?? 0 })),
    };
  }

  return { get };
}
