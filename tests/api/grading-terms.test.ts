import { schema } from '@qiaodu/db';
import type { RubricDetail, ShiftGradingView, ShiftSettings } from '@qiaodu/shared';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { atLocal, insertPlace, insertTerm, scoresFor, topLevel, useGradingApp } from '../support/grading-shifts';
import { teamIdOf, userIdOf } from '../support/inventory';

/**
 * Grades and terms: a closed term locks every grade of its shifts (not only what was published
 * at the close), an admin reaches either side of a locked place, both sides grade against one
 * rubric version, and a closed term's final grades keep the weights of its close.
 */
const { gradeChanges, shiftEvaluations, terms } = schema;

const { db, grading, send } = useGradingApp();
const at = atLocal;
const top = topLevel;

let mentorId: number;
/** Both sides grade it before the close (rubric version shared). */
let bothPlace: number;
/** The teacher's draft when the term closes. */
let draftPlace: number;
/** Nobody graded it before the close. */
let untouchedPlace: number;
let termId: number;

beforeAll(async () => {
  const feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
  const student = await userIdOf(db(), 'student-feiyi');
  mentorId = await userIdOf(db(), 'mentor');
  const place = async (day: string) =>
    (await insertPlace(db(), { teamId: feiyi, studentId: student, post: 'photo_design', startsAt: at(`${day}T14:00:00`), status: 'completed' })).assignmentId;
  bothPlace = await place('2024-10-05');
  draftPlace = await place('2024-10-06');
  untouchedPlace = await place('2024-10-07');
  termId = await insertTerm(db(), '十月测试学期', '2024-10-01', '2024-10-31');
});

async function changeWeights(teacherWeight: number, mentorWeight: number): Promise<void> {
  const { body } = await send<ShiftSettings>('admin', 'GET', '/api/console/shift-settings');
  const { updatedAt: _updatedAt, updatedByName: _updatedByName, can: _can, ...form } = body;
  expect((await send('admin', 'PUT', '/api/console/shift-settings', { ...form, teacherWeight, mentorWeight })).status).toBe(200);
}

const evaluationsOf = (assignmentId: number) =>
  db().select().from(shiftEvaluations).where(eq(shiftEvaluations.assignmentId, assignmentId)).orderBy(asc(shiftEvaluations.id));

describe('one rubric version for both sides', () => {
  it('should give the second side the first side\'s version even after the default rubric changed', async () => {
    const teacherView = (await grading.view('teacher', bothPlace)).body;
    const versionId = teacherView.rubric!.versionId;
    expect((await grading.save('teacher', bothPlace, { scores: scoresFor(teacherView, top) })).status).toBe(200);

    // The default photo rubric gets a new version with one criterion less.
    const rubric = await send<RubricDetail>('teacher', 'GET', `/api/console/grading/rubrics/${teacherView.rubric!.templateId}`);
    const edited = await send<RubricDetail>('teacher', 'PUT', `/api/console/grading/rubrics/${rubric.body.id}`, {
      name: rubric.body.name,
      criteria: rubric.body.current.criteria.slice(0, 2).map(({ name, description, weight, levels }) => ({ name, description, weight, levels })),
    });
    expect(edited.body.current.id).not.toBe(versionId);

    const mentorView = (await grading.view('mentor', bothPlace)).body;
    expect(mentorView.rubric?.versionId).toBe(versionId);
    const mentorSaved = await grading.save('mentor', bothPlace, { scores: scoresFor(mentorView, () => 0), overallComment: '企业导师' });
    expect(mentorSaved.status).toBe(200);
    expect(mentorSaved.body.evaluations.mentor?.rubricVersionId).toBe(versionId);
    // The new version's criteria would not fit: the old version's full set was required and taken.
    expect((await grading.publish('teacher', bothPlace)).status).toBe(200);
    expect((await grading.publish('mentor', bothPlace)).status).toBe(200);
    expect((await evaluationsOf(bothPlace)).map((row) => row.rubricVersionId)).toEqual([versionId, versionId]);
  });
});

describe('a closed term', () => {
  it('should store the weights at the close and keep final grades on them when the setting changes', async () => {
    const draftView = (await grading.view('teacher', draftPlace)).body;
    expect((await grading.save('teacher', draftPlace, { scores: scoresFor(draftView, top) })).status).toBe(200);
    const closed = await grading.closeTerm('admin', termId);
    expect(closed.body).toMatchObject({ lockedCount: 2, unpublishedCount: 1 });
    const [term] = await db().select().from(terms).where(eq(terms.id, termId));
    expect([term?.teacherWeight, term?.mentorWeight]).toEqual([40, 60]);

    // Teacher 10000, mentor 0 → 40/60 gives 4000.
    const before = (await grading.myGrades('student-feiyi')).body.items.find((item) => item.assignmentId === bothPlace);
    expect(before?.finalGrade).toEqual({ basisPoints: 4000, partial: false, weights: { teacher: 40, mentor: 60 } });
    await changeWeights(50, 50);
    try {
      const after = (await grading.myGrades('student-feiyi')).body.items.find((item) => item.assignmentId === bothPlace);
      expect(after?.finalGrade).toEqual({ basisPoints: 4000, partial: false, weights: { teacher: 40, mentor: 60 } });
      expect((await grading.view('teacher', bothPlace)).body.finalGrade.basisPoints).toBe(4000);
    } finally {
      await changeWeights(40, 60);
    }
  });

  it('should refuse a teacher or mentor publishing or grading in the closed term, changing nothing', async () => {
    const changesBefore = (await db().select().from(gradeChanges)).length;
    const published = await grading.publish('teacher', draftPlace);
    expect(published.status).toBe(409);
    expect(published.body.error?.code).toBe('GRADE_LOCKED');
    expect(published.body.error?.message).toContain('十月测试学期');
    expect((await evaluationsOf(draftPlace)).map((row) => row.status)).toEqual(['draft']);

    const teacherView = (await grading.view('teacher', untouchedPlace)).body;
    expect(teacherView.can).toMatchObject({ save: false, publish: false });
    for (const persona of ['teacher', 'mentor']) {
      const saved = await grading.save(persona, untouchedPlace, { scores: scoresFor(teacherView, top), reason: '补评' });
      expect(saved.status).toBe(409);
      expect(saved.body.error?.code).toBe('GRADE_LOCKED');
    }
    expect(await evaluationsOf(untouchedPlace)).toEqual([]);
    expect((await db().select().from(gradeChanges)).length).toBe(changesBefore);
  });

  it('should let an admin grade or publish in the closed term only as a locked, logged grade with a reason', async () => {
    const adminView = (await grading.view('admin', untouchedPlace)).body;
    expect(adminView.can).toMatchObject({ save: true, amendLocked: true });
    const noReason = await grading.save('admin', untouchedPlace, { scores: scoresFor(adminView, top) });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error?.code).toBe('GRADE_REASON_REQUIRED');
    expect(await evaluationsOf(untouchedPlace)).toEqual([]);

    const saved = await grading.save('admin', untouchedPlace, { scores: scoresFor(adminView, top), reason: '补录学期内漏评的班次' });
    expect(saved.status).toBe(200);
    expect(saved.body.evaluations.teacher).toMatchObject({ status: 'locked', scoreBasisPoints: 10000 });
    const [written] = await evaluationsOf(untouchedPlace);
    expect(written?.lockedAt).not.toBeNull();
    const log = await db().select().from(gradeChanges).where(eq(gradeChanges.evaluationId, written!.id));
    expect(log.map((row) => [row.before, row.after.status, row.reason])).toEqual([[null, 'locked', '补录学期内漏评的班次']]);

    const publishedByAdmin = await grading.publish('admin', draftPlace);
    expect(publishedByAdmin.status).toBe(200);
    expect(publishedByAdmin.body.evaluations.teacher?.status).toBe('locked');
    const [draft] = await evaluationsOf(draftPlace);
    const draftLog = await db().select().from(gradeChanges).where(eq(gradeChanges.evaluationId, draft!.id));
    expect(draftLog.map((row) => [row.before?.status, row.after.status])).toEqual([['draft', 'locked']]);
  });
});

describe('an admin amending either side', () => {
  it('should change a locked mentor evaluation on the side the admin names and keep the mentor as its author', async () => {
    const mentorBefore = (await evaluationsOf(bothPlace)).find((row) => row.evaluatorRole === 'mentor')!;
    expect(mentorBefore).toMatchObject({ status: 'locked', evaluatorId: mentorId });
    const view = (await grading.view('admin', bothPlace)).body;
    expect(view.can.chooseSide).toBe(true);
    // The admin opens the mentor side: the mentor's locked evaluation is theirs to amend.
    const mentorSide = await send<ShiftGradingView>('admin', 'GET', `/api/console/grading/places/${bothPlace}?side=mentor`);
    expect(mentorSide.body).toMatchObject({ myRole: 'mentor', can: { save: true, amendLocked: true, chooseSide: true } });
    const amended = await grading.save('admin', bothPlace, { scores: scoresFor(view, top), reason: '企业导师来函更正', side: 'mentor' });
    expect(amended.status).toBe(200);
    expect(amended.body.myRole).toBe('mentor');
    expect(amended.body.evaluations.mentor).toMatchObject({ status: 'locked', scoreBasisPoints: 10000 });
    const mentorAfter = (await evaluationsOf(bothPlace)).find((row) => row.evaluatorRole === 'mentor')!;
    expect(mentorAfter.evaluatorId).toBe(mentorId);
    const [change] = await db().select().from(gradeChanges).where(eq(gradeChanges.evaluationId, mentorAfter.id)).orderBy(asc(gradeChanges.id)).then((rows) => rows.slice(-1));
    expect(change).toMatchObject({ changedBy: await userIdOf(db(), 'admin'), reason: '企业导师来函更正' });
    expect(change?.before?.scoreBasisPoints).toBe(0);
    // The teacher side is untouched and still the teacher's.
    expect((await evaluationsOf(bothPlace)).find((row) => row.evaluatorRole === 'teacher')?.evaluatorId).toBe(await userIdOf(db(), 'teacher'));
  });

  it('should refuse a side from anyone but an admin, changing nothing', async () => {
    const before = await evaluationsOf(bothPlace);
    const view = (await grading.view('teacher', bothPlace)).body;
    for (const [persona, side] of [['teacher', 'mentor'], ['mentor', 'mentor'], ['teacher', 'teacher']] as const) {
      const refused = await grading.save(persona, bothPlace, { scores: scoresFor(view, () => 0), reason: '想改', side });
      expect(refused.status).toBe(403);
      expect(refused.body.error?.code).toBe('GRADE_SIDE_FORBIDDEN');
    }
    expect((await grading.save('admin', bothPlace, { scores: scoresFor(view, () => 0), reason: 'x', side: 'student' })).status).toBe(400);
    expect(view.can.chooseSide).toBe(false);
    const peek = await send('teacher', 'GET', `/api/console/grading/places/${bothPlace}?side=mentor`);
    expect(peek.status).toBe(403);
    expect(peek.body.error?.code).toBe('GRADE_SIDE_FORBIDDEN');
    expect(await evaluationsOf(bothPlace)).toEqual(before);
  });
});
