import { schema } from '@qiaodu/db';
import { HOLDING_ASSIGNMENT_STATUSES, type PlaceResult, type ShiftView } from '@qiaodu/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSecondApp, useSeededApp } from '../support/app-fixture';
import { authed, loginAs, type Answer } from '../support/auth';
import { teamIdOf, userIdOf } from '../support/inventory';
import { addStudent, at } from '../support/planning-shifts';
import { getJson } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-database';

/**
 * PostgreSQL only: two API processes on one database, many students signing up for the last
 * place of a shift at the same moment. The shift row lock lets exactly one of them in.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const fixture = useSeededApp();
const db = () => fixture.testDb.database.db;
const second = useSecondApp(fixture);

describe('sign-up for the last place of a shift on PostgreSQL', () => {
  it('should give the last place to exactly one of many concurrent students and refuse the rest with SHIFT_FULL', async () => {
    const team = await teamIdOf(db(), 'tiantian-yunying-1');
    const apps = [fixture.app.baseUrl, second().baseUrl];
    const lead = await loginAs(apps[0]!, 'lead-tiantian');
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    // Tomorrow's week may be a demo draft week; the shift is published directly so sign-up is open.
    const shift = await getJson<Answer<ShiftView>>(`${apps[0]}/api/console/teams/${team}/shifts`, {
      method: 'POST',
      ...authed(lead, { post: 'warehouse', startsAt: at(tomorrow, '21:00'), endsAt: at(tomorrow, '22:00'), capacity: 3, openForSignup: true }),
    });
    expect(shift.status, JSON.stringify(shift.body)).toBe(201);
    await db().update(schema.shifts).set({ status: 'published' }).where(eq(schema.shifts.id, shift.body.id));
    // Two places taken already: one remains.
    for (const persona of ['student-tiantian', 'lead-tiantian']) {
      const placed = await getJson<Answer<PlaceResult>>(`${apps[0]}/api/console/teams/${team}/shifts/${shift.body.id}/places`, {
        method: 'POST',
        ...authed(lead, { studentId: await userIdOf(db(), persona) }),
      });
      expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    }

    const personas = Array.from({ length: 12 }, (_, i) => `pg-rush-${i + 1}`);
    for (const persona of personas) await addStudent(db(), team, persona);
    const tokens = await Promise.all(personas.map((persona, i) => loginAs(apps[i % 2]!, persona)));
    const answers = await Promise.all(
      tokens.map((token, i) =>
        getJson<Answer<PlaceResult>>(`${apps[i % 2]}/api/console/teams/${team}/shifts/${shift.body.id}/signup`, { method: 'POST', ...authed(token) }),
      ),
    );

    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.body.error?.code])).toEqual(refused.map(() => [409, 'SHIFT_FULL']));
    const holding = await db()
      .select()
      .from(schema.shiftAssignments)
      .where(and(eq(schema.shiftAssignments.shiftId, shift.body.id), inArray(schema.shiftAssignments.status, [...HOLDING_ASSIGNMENT_STATUSES])));
    expect(holding).toHaveLength(3);
  });
});
