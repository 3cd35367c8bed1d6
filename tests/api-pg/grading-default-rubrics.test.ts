import { schema } from '@qiaodu/db';
import { POSTS } from '@qiaodu/shared';
import { ensureDefaultRubrics } from '@qiaodu/server/grading/default-rubrics';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { TEST_DATABASE_URL } from '../support/test-database';

/**
 * PostgreSQL only: two server processes starting at once on one database each make sure every
 * post has its default rubric. Each post must end with exactly one default and one version:
 * the one-default-per-post index lets one insert through and turns the other into nothing.
 */
if (!TEST_DATABASE_URL) throw new Error('tests/api-pg needs TEST_DATABASE_URL (a PostgreSQL server)');

const fixture = useSeededApp();
const { rubricTemplates, rubricVersions } = schema;

describe('default rubrics from two processes', () => {
  it('should leave one default rubric with one version per post', async () => {
    const db = fixture.testDb.database.db;
    // Start from none, as a fresh database does (the server start may already have made them).
    await db.execute(sql`delete from rubric_criteria`);
    await db.execute(sql`delete from rubric_versions`);
    await db.execute(sql`delete from rubric_templates`);
    // Two more connection pools, as two more processes would have.
    const [one, two] = await Promise.all([fixture.testDb.openAnother(), fixture.testDb.openAnother()]);
    const runs = await Promise.all([ensureDefaultRubrics(db), ensureDefaultRubrics(one.db), ensureDefaultRubrics(two.db)]);
    expect(runs.reduce((sum, created) => sum + created, 0)).toBe(POSTS.length);
    const defaults = await db.select({ post: rubricTemplates.post }).from(rubricTemplates).where(eq(rubricTemplates.isDefault, true));
    expect(defaults.map((row) => row.post).sort()).toEqual([...POSTS].sort());
    expect((await db.select().from(rubricTemplates)).length).toBe(POSTS.length);
    expect((await db.select().from(rubricVersions)).length).toBe(POSTS.length);
  });
});
