import type { Db } from '@qiaodu/db';
import type { MyShiftGradeList } from '@qiaodu/shared';
import type { Actor } from '../policy/actor';
import { finalGradeOf, isVisibleToStudent, sidesFor } from './evaluation-view';
import { toPlaceShift } from './mapper';
import { evaluationsOf, placesWithVisibleGrades } from './place-repository';

/** 我的成绩: the caller's own published and locked grades; drafts are never shown to the student. */
export function createMyGradesService({ db }: { db: Db }) {
  return {
    async list(actor: Actor): Promise<MyShiftGradeList> {
      const places = await placesWithVisibleGrades(db, actor.userId);
      const evaluations = await evaluationsOf(db, places.map((place) => place.assignmentId));
      const items = [];
      for (const place of places) {
        const rows = evaluations.filter((row) => row.evaluation.assignmentId === place.assignmentId);
        const sides = await sidesFor(db, rows, isVisibleToStudent);
        items.push({
          assignmentId: place.assignmentId,
          shift: toPlaceShift(place),
          evaluations: { teacher: sides.teacher, mentor: sides.mentor },
          finalGrade: await finalGradeOf(db, rows),
        });
      }
      return { items };
    },
  };
}
