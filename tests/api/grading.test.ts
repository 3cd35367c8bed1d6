import { schema } from '@qiaodu/db';
import { POSTS, type RubricDetail, type RubricList } from '@qiaodu/shared';
import { ensureDefaultRubrics } from '@qiaodu/server/grading/default-rubrics';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { atLocal, insertPlace, insertTerm, scoresFor, topLevel, useGradingApp } from '../support/grading-shifts';
import { teamIdOf, userIdOf } from '../support/inventory';

const { gradeChanges, rubricTemplates, shiftEvaluations } = schema;

const { db, grading, send } = useGradingApp();
const at = atLocal;
const top = topLevel;

let tiantian: number;
let feiyi: number;
let zhibo: number;
let tiantianStudent: number;
let feiyiStudent: number;
/** student-feiyi's completed place (teacher and mentor both grade it), and other places. */
let feiyiPlace: number;
let tiantianPlace: number;
let zhiboPlace: number;
let scheduledPlace: number;
let noShowPlace: number;

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
  zhibo = await teamIdOf(db(), 'zhibo-daihuo');
  tiantianStudent = await userIdOf(db(), 'student-tiantian');
  feiyiStudent = await userIdOf(db(), 'student-feiyi');
  const zhiboStudent = await userIdOf(db(), 'student-zhibo');
  feiyiPlace = (await insertPlace(db(), { teamId: feiyi, studentId: feiyiStudent, post: 'photo_design', startsAt: at('2026-09-15T14:00:00'), status: 'completed' }))
    .assignmentId;
  tiantianPlace = (
    await insertPlace(db(), { teamId: tiantian, studentId: tiantianStudent, post: 'warehouse', startsAt: at('2026-09-16T09:00:00'), status: 'auto_closed' })
  ).assignmentId;
  zhiboPlace = (await insertPlace(db(), { teamId: zhibo, studentId: zhiboStudent, post: 'live_host', startsAt: at('2026-09-17T19:00:00'), status: 'completed' }))
    .assignmentId;
  scheduledPlace = (
    await insertPlace(db(), { teamId: feiyi, studentId: feiyiStudent, post: 'photo_design', startsAt: at('2026-12-20T14:00:00'), status: 'scheduled' })
  ).assignmentId;
  noShowPlace = (await insertPlace(db(), { teamId: feiyi, studentId: feiyiStudent, post: 'photo_design', startsAt: at('2026-09-10T14:00:00'), status: 'no_show' }))
    .assignmentId;
});

const evaluationCount = async () => (await db().select({ id: shiftEvaluations.id }).from(shiftEvaluations)).length;

describe('default rubrics', () => {
  it('should give every post one default rubric with a 0 level in every criterion, and not again when run twice at once', async () => {
    expect(await Promise.all([ensureDefaultRubrics(db()), ensureDefaultRubrics(db())])).toEqual([0, 0]);
    const defaults = await db().select().from(rubricTemplates).where(eq(rubricTemplates.isDefault, true)).orderBy(asc(rubricTemplates.post));
    expect(defaults.map((row) => row.post).sort()).toEqual([...POSTS].sort());
    const list = await send<RubricList>('teacher', 'GET', '/api/console/grading/rubrics?post=warehouse');
    expect(list.status).toBe(200);
    const warehouse = list.body.items.find((item) => item.isDefault)!;
    expect(warehouse.criteriaCount).toBeGreaterThanOrEqual(3);
    const detail = await send<RubricDetail>('teacher', 'GET', `/api/console/grading/rubrics/${warehouse.id}`);
    for (const criterion of detail.body.current.criteria) {
      expect(criterion.levels.map((level) => level.points)).toEqual([4, 3, 2, 0]);
      expect(criterion.weight).toBeGreaterThan(0);
    }
  });
});

describe('rubric templates', () => {
  const criteria = [
    { name: '拍摄清晰', weight: 60, levels: [{ points: 4, label: '优秀', descriptor: '清晰' }, { points: 0, label: '未达到', descriptor: '模糊' }] },
    { name: '交付及时', weight: 40, levels: [{ points: 2, label: '按时', descriptor: '' }, { points: 0, label: '延误', descriptor: '' }] },
  ];

  it('should create, edit into a new version, make default and archive; students and mentors may not', async () => {
    expect((await send('student-feiyi', 'GET', '/api/console/grading/rubrics')).status).toBe(403);
    expect((await send('mentor', 'POST', '/api/console/grading/rubrics', { post: 'video', name: '导师量表', criteria })).status).toBe(403);

    const created = await send<RubricDetail>('teacher', 'POST', '/api/console/grading/rubrics', { post: 'video', name: '视频量表（新）', criteria });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ post: 'video', isDefault: false, latestVersion: 1, criteriaCount: 2 });
    const firstVersion = created.body.current;

    const edited = await send<RubricDetail>('admin', 'PUT', `/api/console/grading/rubrics/${created.body.id}`, {
      name: '视频量表（第二版）',
      criteria: [criteria[0]],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: '视频量表（第二版）', latestVersion: 2, criteriaCount: 1 });
    expect(edited.body.current.id).not.toBe(firstVersion.id);

    const made = await send<RubricDetail>('teacher', 'POST', `/api/console/grading/rubrics/${created.body.id}/default`);
    expect(made.body.isDefault).toBe(true);
    const videoDefaults = await db().select().from(rubricTemplates).where(eq(rubricTemplates.post, 'video'));
    expect(videoDefaults.filter((row) => row.isDefault).map((row) => row.id)).toEqual([created.body.id]);

    expect((await send('teacher', 'POST', `/api/console/grading/rubrics/${created.body.id}/archive`)).body).toMatchObject({ error: { code: 'RUBRIC_IS_DEFAULT' } });
    const old = videoDefaults.find((row) => row.id !== created.body.id)!;
    const archived = await send<RubricDetail>('teacher', 'POST', `/api/console/grading/rubrics/${old.id}/archive`);
    expect(archived.body.archived).toBe(true);
    expect((await send('teacher', 'PUT', `/api/console/grading/rubrics/${old.id}`, { name: 'x', criteria })).status).toBe(409);
    const listed = await send<RubricList>('teacher', 'GET', '/api/console/grading/rubrics?post=video');
    expect(listed.body.items.map((item) => item.id)).toEqual([created.body.id]);
  });

  it.each([
    ['no criterion', { criteria: [] }, '至少需要 1 个评分项'],
    ['a blank criterion name', { criteria: [{ ...criteria[0], name: '  ' }] }, '评分项名称'],
    ['a weight that is not a positive integer', { criteria: [{ ...criteria[0], weight: 0 }] }, '权重'],
    ['levels without a 0 level', { criteria: [{ ...criteria[0], levels: [{ points: 4, label: 'a', descriptor: '' }, { points: 2, label: 'b', descriptor: '' }] }] }, '0 分'],
    ['repeated points', { criteria: [{ ...criteria[0], levels: [{ points: 0, label: 'a', descriptor: '' }, { points: 0, label: 'b', descriptor: '' }] }] }, '不能重复'],
    ['a single level', { criteria: [{ ...criteria[0], levels: [{ points: 0, label: 'a', descriptor: '' }] }] }, '2 个等级'],
  ])('should refuse %s with a Chinese message and create nothing', async (_what, change, message) => {
    const before = (await db().select().from(rubricTemplates)).length;
    const answer = await send('teacher', 'POST', '/api/console/grading/rubrics', Object.assign({ post: 'sourcing', name: '坏量表', criteria }, change));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain(message);
    expect((await db().select().from(rubricTemplates)).length).toBe(before);
  });
});

describe('evaluating a place', () => {
  it('should refuse to grade a place that was not worked, and levels outside the rubric, changing nothing', async () => {
    const view = (await grading.view('teacher', feiyiPlace)).body;
    for (const place of [scheduledPlace, noShowPlace]) {
      const answer = await grading.save('teacher', place, { scores: scoresFor(view, top), overallComment: '' });
      expect(answer.status).toBe(409);
      expect(answer.body.error?.code).toBe('SHIFT_NOT_GRADABLE');
    }
    const outside = scoresFor(view, () => 1);
    expect((await grading.save('teacher', feiyiPlace, { scores: outside })).body.error).toMatchObject({ code: 'GRADE_LEVEL_INVALID' });
    expect((await grading.save('teacher', feiyiPlace, { scores: scoresFor(view, top).slice(1) })).body.error?.code).toBe('GRADE_INCOMPLETE');
    expect((await grading.save('teacher', feiyiPlace, { scores: [...scoresFor(view, top), { criterionId: 999999, points: 0 }] })).status).toBe(422);
    expect((await grading.publish('teacher', feiyiPlace)).body.error?.code).toBe('INVALID_STATE');
    expect(await evaluationCount()).toBe(0);
  });

  it('should save a draft only its author sees, publish it, and combine both sides with the weights', async () => {
    const teacherView = (await grading.view('teacher', feiyiPlace)).body;
    expect(teacherView).toMatchObject({ myRole: 'teacher', place: { gradable: true }, can: { save: true, publish: false } });
    expect(teacherView.rubric?.criteria.length).toBeGreaterThanOrEqual(3);
    expect(teacherView.evidence.groups[0]?.key).toBe('attendance');

    // Top level on the first criterion, the 2-point level on the rest.
    const saved = await grading.save('teacher', feiyiPlace, {
      scores: scoresFor(teacherView, (levels, index) => (index === 0 ? levels[0]! : 2), '构图稳定'),
      overallComment: '整体不错',
    });
    expect(saved.status).toBe(200);
    const criteria = teacherView.rubric!.criteria;
    const weightSum = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
    const expected = Math.round(((criteria[0]!.weight + criteria.slice(1).reduce((sum, criterion) => sum + criterion.weight / 2, 0)) / weightSum) * 10000);
    expect(saved.body.evaluations.teacher).toMatchObject({ status: 'draft', statusLabel: '已评', scoreBasisPoints: expected, overallComment: '整体不错' });
    expect(saved.body.evaluations.teacher?.scores[0]).toMatchObject({ points: 4, levelLabel: '优秀', comment: '构图稳定' });

    // The mentor and the student do not see the teacher's draft.
    const mentorView = (await grading.view('mentor', feiyiPlace)).body;
    expect(mentorView.myRole).toBe('mentor');
    expect(mentorView.evaluations.teacher).toBeNull();
    expect((await grading.myGrades('student-feiyi')).body.items).toEqual([]);

    const published = await grading.publish('teacher', feiyiPlace);
    expect(published.body.evaluations.teacher).toMatchObject({ status: 'published', statusLabel: '已发布' });
    expect(published.body.finalGrade).toEqual({ basisPoints: expected, partial: true, weights: { teacher: 40, mentor: 60 } });
    expect((await grading.publish('teacher', feiyiPlace)).body.error?.code).toBe('INVALID_STATE');

    const mentorSaved = await grading.save('mentor', feiyiPlace, { scores: scoresFor(mentorView, top), overallComment: '企业导师：很好' });
    expect(mentorSaved.body.evaluations.teacher?.status).toBe('published');
    expect(mentorSaved.body.evaluations.mentor?.scoreBasisPoints).toBe(10000);
    const both = await grading.publish('mentor', feiyiPlace);
    expect(both.body.finalGrade).toMatchObject({ basisPoints: Math.round((expected * 40 + 10000 * 60) / 100), partial: false });

    const mine = await grading.myGrades('student-feiyi');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      assignmentId: feiyiPlace,
      evaluations: { teacher: { overallComment: '整体不错' }, mentor: { overallComment: '企业导师：很好' } },
      finalGrade: { partial: false },
    });
    expect(mine.body.items[0]?.evaluations.teacher?.scores[0]).toMatchObject({ criterionName: criteria[0]!.name, comment: '构图稳定' });
  });

  it('should log edits after publishing and keep the version the grade was given under when the rubric changes', async () => {
    const before = (await grading.view('teacher', feiyiPlace)).body;
    const versionId = before.rubric!.versionId;
    const rubricId = before.rubric!.templateId;
    const detail = await send<RubricDetail>('teacher', 'GET', `/api/console/grading/rubrics/${rubricId}`);
    const edited = await send<RubricDetail>('teacher', 'PUT', `/api/console/grading/rubrics/${rubricId}`, {
      name: detail.body.name,
      criteria: detail.body.current.criteria.slice(0, 2).map(({ name, description, weight, levels }) => ({ name, description, weight, levels })),
    });
    expect(edited.body.current.id).not.toBe(versionId);

    const changed = await grading.save('teacher', feiyiPlace, { scores: scoresFor(before, top), overallComment: '复核后上调' });
    expect(changed.body.rubric?.versionId).toBe(versionId);
    expect(changed.body.evaluations.teacher).toMatchObject({ status: 'published', scoreBasisPoints: 10000, rubricVersionId: versionId });
    const evaluationId = changed.body.evaluations.teacher!.id;
    const log = await db().select().from(gradeChanges).where(eq(gradeChanges.evaluationId, evaluationId)).orderBy(asc(gradeChanges.id));
    expect(log.map((row) => [row.before?.status, row.after.status])).toEqual([
      ['draft', 'published'],
      ['published', 'published'],
    ]);
    expect(log[1]?.after.overallComment).toBe('复核后上调');
  });
});

describe('who may grade', () => {
  it('should refuse students, hide other teams from mentors and teachers, and answer 404 for a missing place', async () => {
    expect((await grading.view('student-feiyi', feiyiPlace)).status).toBe(403);
    expect((await grading.save('student-tiantian', tiantianPlace, { scores: [{ criterionId: 1, points: 0 }] })).status).toBe(403);
    expect((await grading.view('mentor', tiantianPlace)).body.error?.code).toBe('SHIFT_PLACE_NOT_FOUND');
    expect((await grading.view('teacher-2', tiantianPlace)).status).toBe(404);
    expect((await grading.view('teacher', zhiboPlace)).status).toBe(404);
    expect((await grading.view('teacher', 99999999)).status).toBe(404);
    const teacher2 = (await grading.view('teacher-2', zhiboPlace)).body;
    expect(teacher2.myRole).toBe('teacher');
    expect((await grading.view('mentor', zhiboPlace)).body.myRole).toBe('mentor');
    expect((await grading.view('admin', tiantianPlace)).body.myRole).toBe('teacher');
    expect((await grading.save('teacher-2', tiantianPlace, { scores: scoresFor(teacher2, top) })).status).toBe(404);
  });

  it('should show each grader the worked places of their own teams with their side’s status', async () => {
    expect((await grading.queue('student-tiantian')).status).toBe(403);
    const teacher = await grading.queue('teacher', 'pageSize=50');
    expect(teacher.status).toBe(200);
    const teacherPlaces = teacher.body.items.map((item) => item.assignmentId);
    expect(teacherPlaces).toEqual(expect.arrayContaining([feiyiPlace, tiantianPlace]));
    expect(teacherPlaces).not.toContain(zhiboPlace);
    expect(teacherPlaces).not.toContain(scheduledPlace);
    expect(teacherPlaces).not.toContain(noShowPlace);
    expect(teacher.body.items.find((item) => item.assignmentId === feiyiPlace)).toMatchObject({ myRole: 'teacher', status: 'published' });
    expect(teacher.body.items.find((item) => item.assignmentId === tiantianPlace)).toMatchObject({ status: 'pending', statusLabel: '待评' });

    // The demo seed has shifts around today; these places are in September.
    const september = 'from=2026-09-01&to=2026-09-30';
    const pending = await grading.queue('teacher', `status=pending&${september}`);
    expect(pending.body.items.map((item) => item.assignmentId)).toEqual([tiantianPlace]);
    expect((await grading.queue('teacher', `teamId=${feiyi}&post=photo_design&from=2026-09-15&to=2026-09-15`)).body.items.map((item) => item.assignmentId)).toEqual([
      feiyiPlace,
    ]);
    expect((await grading.queue('teacher', 'from=2026-09-16&to=2026-09-16')).body.total).toBe(1);

    const mentor = await grading.queue('mentor', september);
    expect(mentor.body.items.map((item) => item.assignmentId).sort()).toEqual([feiyiPlace, zhiboPlace].sort());
    expect(mentor.body.items.every((item) => item.myRole === 'mentor')).toBe(true);
    expect(mentor.body.can).toEqual({ manageRubrics: false, viewReports: false, editSettings: false });
    expect(teacher.body.can).toEqual({ manageRubrics: true, viewReports: true, editSettings: false });
    expect((await grading.queue('admin', september)).body.can.editSettings).toBe(true);
    expect((await grading.queue('teacher-2', september)).body.items.map((item) => item.assignmentId)).toEqual([zhiboPlace]);
    expect((await grading.queue('teacher', 'status=bogus')).status).toBe(400);
  });
});

describe('closing a term', () => {
  it('should lock published grades of its shifts, leave drafts, refuse a second close and let only an admin amend with a reason', async () => {
    // A draft on tiantian's place, in the term too.
    const tiantianView = (await grading.view('teacher', tiantianPlace)).body;
    expect((await grading.save('teacher', tiantianPlace, { scores: scoresFor(tiantianView, top) })).status).toBe(200);
    const termId = await insertTerm(db(), '评分测试学期', '2026-09-01', '2026-09-16');
    expect((await grading.closeTerm('teacher', termId)).status).toBe(403);
    const closed = await grading.closeTerm('admin', termId);
    expect(closed.status).toBe(200);
    // feiyi's place: teacher and mentor published → 2 locked; tiantian's draft stays; zhibo (09-17) is outside.
    expect(closed.body).toMatchObject({ termId, lockedCount: 2, unpublishedCount: 1 });
    expect((await grading.closeTerm('admin', termId)).body.error?.code).toBe('TERM_CLOSED');
    expect((await grading.closeTerm('admin', 999999)).status).toBe(404);

    const locked = (await grading.view('teacher', feiyiPlace)).body;
    expect(locked.evaluations.teacher?.status).toBe('locked');
    expect(locked.can).toMatchObject({ save: false, amendLocked: false });
    const teacherTry = await grading.save('teacher', feiyiPlace, { scores: scoresFor(locked, () => 0), reason: '想改' });
    expect(teacherTry.body.error?.code).toBe('GRADE_LOCKED');
    expect((await grading.view('teacher', tiantianPlace)).body.evaluations.teacher?.status).toBe('draft');

    const adminView = (await grading.view('admin', feiyiPlace)).body;
    expect(adminView.can.amendLocked).toBe(true);
    expect((await grading.save('admin', feiyiPlace, { scores: scoresFor(adminView, () => 0) })).body.error?.code).toBe('GRADE_REASON_REQUIRED');
    const amended = await grading.save('admin', feiyiPlace, { scores: scoresFor(adminView, () => 0), reason: '成绩录入错误，经教务处核实更正' });
    expect(amended.body.evaluations.teacher).toMatchObject({ status: 'locked', scoreBasisPoints: 0 });
    const log = await db().select().from(gradeChanges).where(eq(gradeChanges.evaluationId, amended.body.evaluations.teacher!.id)).orderBy(asc(gradeChanges.id));
    expect(log.map((row) => [row.before?.status, row.after.status, row.reason])).toEqual([
      ['draft', 'published', ''],
      ['published', 'published', ''],
      ['published', 'locked', '学期结束：评分测试学期'],
      ['locked', 'locked', '成绩录入错误，经教务处核实更正'],
    ]);
    // The student sees locked grades, never the draft.
    const mine = (await grading.myGrades('student-feiyi')).body.items;
    expect(mine[0]?.evaluations.teacher).toMatchObject({ status: 'locked', scoreBasisPoints: 0 });
    expect((await grading.myGrades('student-tiantian')).body.items).toEqual([]);
  });
});
