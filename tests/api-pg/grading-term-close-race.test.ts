import { schema } from '@qiaodu/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { gradingClient, insertPlace, insertTerm, scoresFor } from '../support/grading-shifts';
import { teamIdOf, userIdOf } from '../support/inventory';
import { TEST_DATABASE_URL } from '../support/test-database';

/**
 * PostgreSQL only: a teacher publishing while an admin closes the term. Publishing takes the term
 * FOR SHARE before the place, closing takes it FOR UPDATE first, so one waits for the other: the
 * grade ends locked (published first, then locked by the close) or stays a draft (the close
 * first, the publish refused). It never stays published in a closed term.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const grading = gradingClient(personaClient(() => fixture.app.baseUrl));
const { shiftEvaluations } = schema;

describe('publishing while the term closes', () => {
  it('should leave no published grade in a closed term', async () => {
    const feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
    const student = await userIdOf(db(), 'student-feiyi');
    const outcomes = new Set<string>();
    for (let round = 1; round <= 8; round += 1) {
      const month = String(round).padStart(2, '0');
      const { assignmentId } = await insertPlace(db(), {
        teamId: feiyi,
        studentId: student,
        post: 'photo_design',
        startsAt: new Date(`2023-${month}-10T14:00:00+08:00`),
        status: 'completed',
      });
      const termId = await insertTerm(db(), `竞态学期 ${round}`, `2023-${month}-01`, `2023-${month}-28`);
      const view = (await grading.view('teacher', assignmentId)).body;
      expect((await grading.save('teacher', assignmentId, { scores: scoresFor(view, (levels) => levels[0]!) })).status).toBe(200);

      const [published, closed] = await Promise.all([grading.publish('teacher', assignmentId), grading.closeTerm('admin', termId)]);
      expect(closed.status).toBe(200);
      const [row] = await db().select().from(shiftEvaluations).where(eq(shiftEvaluations.assignmentId, assignmentId));
      if (published.status === 200) {
        expect(row?.status).toBe('locked');
        expect(closed.body.lockedCount).toBe(1);
      } else {
        expect(published.body.error?.code).toBe('GRADE_LOCKED');
        expect(row?.status).toBe('draft');
      }
      outcomes.add(row!.status);
    }
    expect([...outcomes].every((status) => status === 'locked' || status === 'draft')).toBe(true);
  });
});
