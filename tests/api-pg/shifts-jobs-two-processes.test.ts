import { schema } from '@qiaodu/db';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { createCustomers } from '../support/customers';
import { teamIdOf } from '../support/inventory';
import { manualClock } from '../support/clock';
import { startApp, type RunningApp } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/test-database';

/**
 * PostgreSQL only: two app instances, each with its own connection pool on one database, run the
 * shift jobs at the same moment. Every due place changes exactly once: the counts the two passes
 * report add up to the number of places, and each place carries the one pass's stamp.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const clock = manualClock(new Date('2026-03-02T02:00:00Z'));
const fixture = useSeededApp({ overrides: { clock: clock.now, orderJobTimer: false } });
let second: RunningApp;
beforeAll(async () => {
  second = await startApp(await fixture.testDb.openAnother(), { overrides: { clock: clock.now, orderJobTimer: false } });
});
afterAll(async () => {
  await second?.stop();
});

const PLACES = 40;
const { shiftAssignments, shifts } = schema;

describe('shift jobs with two app instances on PostgreSQL', () => {
  it('should mark each no-show and auto-close each forgotten clock-out exactly once', async () => {
    const db = fixture.testDb.database.db;
    const teamId = await teamIdOf(db, 'tiantian-yunying-1');
    const students = await createCustomers(db, PLACES, '值班');
    const startsAt = new Date(clock.now().getTime() - 3 * 3_600_000);
    const endsAt = new Date(clock.now().getTime() - 60 * 60_000);
    const [shift] = await db.insert(shifts).values({ teamId, post: 'warehouse', startsAt, endsAt, capacity: PLACES, status: 'published' }).returning({ id: shifts.id });
    const rows = await db
      .insert(shiftAssignments)
      .values(
        students.map((student, i) =>
          i % 2 === 0
            ? { shiftId: shift!.id, studentId: student.userId, source: 'assigned' as const }
            : { shiftId: shift!.id, studentId: student.userId, source: 'assigned' as const, status: 'clocked_in' as const, clockInAt: startsAt },
        ),
      )
      .returning({ id: shiftAssignments.id });
    const ids = rows.map((row) => row.id);

    const [a, b] = await Promise.all([fixture.app.built.orderJobs.runOnce(), second.built.orderJobs.runOnce()]);
    expect(a.shiftNoShows! + b.shiftNoShows!).toBe(PLACES / 2);
    expect(a.shiftAutoClosed! + b.shiftAutoClosed!).toBe(PLACES / 2);

    const after = await db.select().from(shiftAssignments).where(inArray(shiftAssignments.id, ids));
    const noShows = after.filter((row) => row.status === 'no_show');
    const autoClosed = after.filter((row) => row.status === 'auto_closed');
    expect(noShows).toHaveLength(PLACES / 2);
    expect(autoClosed).toHaveLength(PLACES / 2);
    for (const row of autoClosed) {
      expect(row.clockOutAt?.toISOString()).toBe(endsAt.toISOString());
      expect(row.autoClosed).toBe(true);
    }
    for (const row of after) expect(row.updatedAt.toISOString()).toBe(clock.now().toISOString());

    // Run again from both: nothing left to change.
    const [c, d] = await Promise.all([fixture.app.built.orderJobs.runOnce(), second.built.orderJobs.runOnce()]);
    expect(c.shiftNoShows! + d.shiftNoShows! + c.shiftAutoClosed! + d.shiftAutoClosed!).toBe(0);
    const [still] = await db.select({ status: shiftAssignments.status }).from(shiftAssignments).where(eq(shiftAssignments.id, ids[0]!));
    expect(still!.status).toBe('no_show');
  });
});
