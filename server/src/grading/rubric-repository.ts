import { schema, type Db, type Tx } from '@qiaodu/db';
import type { Post, RubricCriterionDraft } from '@qiaodu/shared';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';

const { rubricCriteria, rubricTemplates, rubricVersions } = schema;
type Executor = Db | Tx;

export type CriterionInput = RubricCriterionDraft & { description: string };

/** Writes a frozen version with its criteria; callers pick the next number under the template's lock. */
export async function insertVersion(
  tx: Tx,
  templateId: number,
  version: number,
  criteria: readonly CriterionInput[],
  createdBy: number | null,
): Promise<number> {
  const [row] = await tx.insert(rubricVersions).values({ templateId, version, createdBy }).returning({ id: rubricVersions.id });
  if (!row) throw new Error('insert into rubric_versions returned no row');
  await tx.insert(rubricCriteria).values(
    criteria.map((criterion, position) => ({
      versionId: row.id,
      position,
      name: criterion.name,
      description: criterion.description,
      weight: criterion.weight,
      levels: [...criterion.levels].sort((a, b) => b.points - a.points).map(({ points, label, descriptor }) => ({ points, label, descriptor })),
    })),
  );
  return row.id;
}

const summaryColumns = {
  id: rubricTemplates.id,
  post: rubricTemplates.post,
  name: rubricTemplates.name,
  isDefault: rubricTemplates.isDefault,
  archivedAt: rubricTemplates.archivedAt,
  updatedAt: rubricTemplates.updatedAt,
  // Written out with aliases: drizzle leaves single-table columns unqualified, and these
  // subqueries name the same columns.
  latestVersion: sql<number>`(select max(rv.version) from rubric_versions rv where rv.template_id = ${rubricTemplates}.id)`.mapWith(Number),
  latestVersionId: sql<number>`(select rv.id from rubric_versions rv where rv.template_id = ${rubricTemplates}.id
    order by rv.version desc limit 1)`.mapWith(Number),
  usedByEvaluations: sql<number>`(select count(*) from shift_evaluations se join rubric_versions rv on rv.id = se.rubric_version_id
    where rv.template_id = ${rubricTemplates}.id)`.mapWith(Number),
};

export async function listTemplates(db: Executor, filter: { post?: Post; includeArchived: boolean }) {
  return db
    .select(summaryColumns)
    .from(rubricTemplates)
    .where(and(filter.post ? eq(rubricTemplates.post, filter.post) : undefined, filter.includeArchived ? undefined : isNull(rubricTemplates.archivedAt)))
    .orderBy(asc(rubricTemplates.post), desc(rubricTemplates.isDefault), asc(rubricTemplates.id));
}
export type TemplateRow = Awaited<ReturnType<typeof listTemplates>>[number];

export async function findTemplate(db: Executor, templateId: number): Promise<TemplateRow | undefined> {
  const [row] = await db.select(summaryColumns).from(rubricTemplates).where(eq(rubricTemplates.id, templateId));
  return row;
}

/** The post's default rubric with its latest version, which a new evaluation is graded with. */
export async function findDefaultTemplate(db: Executor, post: Post): Promise<TemplateRow | undefined> {
  const [row] = await db.select(summaryColumns).from(rubricTemplates).where(and(eq(rubricTemplates.post, post), eq(rubricTemplates.isDefault, true)));
  return row;
}

/** Locks the template row so two edits number their versions one after the other. */
export async function lockTemplate(tx: Tx, templateId: number) {
  const [row] = await tx
    .select({ id: rubricTemplates.id, post: rubricTemplates.post, isDefault: rubricTemplates.isDefault, archivedAt: rubricTemplates.archivedAt })
    .from(rubricTemplates)
    .where(eq(rubricTemplates.id, templateId))
    .for('update');
  return row;
}

export async function insertTemplate(tx: Tx, values: { post: Post; name: string; createdBy: number }): Promise<number> {
  const [row] = await tx.insert(rubricTemplates).values(values).returning({ id: rubricTemplates.id });
  if (!row) throw new Error('insert into rubric_templates returned no row');
  return row.id;
}

export async function nextVersionNumber(tx: Tx, templateId: number): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number>`coalesce(max(${rubricVersions.version}), 0)`.mapWith(Number) })
    .from(rubricVersions)
    .where(eq(rubricVersions.templateId, templateId));
  return (row?.max ?? 0) + 1;
}

export async function renameTemplate(tx: Tx, templateId: number, name: string, at: Date): Promise<void> {
  await tx.update(rubricTemplates).set({ name, updatedAt: at }).where(eq(rubricTemplates.id, templateId));
}

/** Moves the post's default to this template; the old default is cleared first (one default per post). */
export async function makeDefault(tx: Tx, post: Post, templateId: number, at: Date): Promise<void> {
  await tx
    .update(rubricTemplates)
    .set({ isDefault: false, updatedAt: at })
    .where(and(eq(rubricTemplates.post, post), eq(rubricTemplates.isDefault, true)));
  await tx.update(rubricTemplates).set({ isDefault: true, updatedAt: at }).where(eq(rubricTemplates.id, templateId));
}

export async function archive(tx: Tx, templateId: number, at: Date): Promise<void> {
  await tx.update(rubricTemplates).set({ archivedAt: at, updatedAt: at }).where(eq(rubricTemplates.id, templateId));
}

/** The posts' default locks: taken before moving a default so two moves on one post queue up. */
export async function lockDefaultsOf(tx: Tx, post: Post): Promise<void> {
  await tx.select({ id: rubricTemplates.id }).from(rubricTemplates).where(eq(rubricTemplates.post, post)).for('update');
}

export async function findVersion(db: Executor, versionId: number) {
  const [row] = await db
    .select({ id: rubricVersions.id, templateId: rubricVersions.templateId, version: rubricVersions.version, createdAt: rubricVersions.createdAt, name: rubricTemplates.name })
    .from(rubricVersions)
    .innerJoin(rubricTemplates, eq(rubricTemplates.id, rubricVersions.templateId))
    .where(eq(rubricVersions.id, versionId));
  return row;
}
export type VersionRow = NonNullable<Awaited<ReturnType<typeof findVersion>>>;

/** Criteria of some versions, in position order. */
export async function criteriaOf(db: Executor, versionIds: readonly number[]) {
  if (versionIds.length === 0) return [];
  return db
    .select()
    .from(rubricCriteria)
    .where(inArray(rubricCriteria.versionId, [...versionIds]))
    .orderBy(asc(rubricCriteria.versionId), asc(rubricCriteria.position));
}
export type CriterionRow = Awaited<ReturnType<typeof criteriaOf>>[number];
