import type { Db } from '@qiaodu/db';
import type { MyShiftGradeList } from '@qiaodu/shared';
import type { Actor } from '../policy/actor';
import { criteriaForRows, finalGradeWith, isVisibleToStudent, sidesFrom } from './evaluation-view';
import { toPlaceShift } from './mapper';
import { evaluationsOf, placesWithVisibleGrades } from './place-repository';
import { weightsResolver } from './term-lock';

/**
 * 我的成绩: the caller's own published and locked grades; drafts are never shown to the student.
 * A fixed number of queries whatever the number of places: the criteria and weights load once.
 */
export function createMyGradesService({ db }: { db: Db }) {
  return {
    async list(actor: Actor): Promise<MyShiftGradeList> {
      const places = await placesWithVisibleGrades(db, actor.userId);
      const evaluations = (await evaluationsOf(db, places.map((place) => place.assignmentId))).filter((row) => isVisibleToStudent(row.evaluation));
      const [criteria, weightsOf] = await Promise.all([criteriaForRows(db, evaluations), weightsResolver(db)]);
      const items = places.map((place) => {
        const rows = evaluations.filter((row) => row.evaluation.assignmentId === place.assignmentId);
        const sides = sidesFrom(rows, isVisibleToStudent, criteria);
        return {
          assignmentId: place.assignmentId,
          shift: toPlaceShift(place),
          evaluations: { teacher: sides.teacher, mentor: sides.mentor },
          finalGrade: finalGradeWith(rows, weightsOf(place.startsAt)),
        };
      });
      return { items };
    },
  };
}
