import { schema, type Db, type Tx } from '@qiaodu/db';
import { and, desc, eq, gte, lte, ne, sql } from 'drizzle-orm';

const { terms, users } = schema;

export const TERM_NAME_CONSTRAINT = 'terms_name_key';

const termColumns = {
  id: terms.id,
  name: terms.name,
  startsOn: terms.startsOn,
  endsOn: terms.endsOn,
  closedAt: terms.closedAt,
  closedByName: users.displayName,
};

function selectTerms(db: Db | Tx) {
  return db.select(termColumns).from(terms).leftJoin(users, eq(users.id, terms.closedBy));
}

export async function listTerms(db: Db) {
  return selectTerms(db).orderBy(desc(terms.startsOn), desc(terms.id));
}
export type TermRow = Awaited<ReturnType<typeof listTerms>>[number];

export async function findTerm(db: Db | Tx, termId: number): Promise<TermRow | null> {
  const [row] = await selectTerms(db).where(eq(terms.id, termId));
  return row ?? null;
}

/**
 * Serialises term writes: the no-overlap rule spans rows, which no constraint here expresses,
 * so two admins saving overlapping terms at once must take turns.
 */
export async function lockTerms(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('terms', 0))`);
}

/** Whether another term shares a day with [startsOn, endsOn] (both inclusive). */
export async function overlappingTerm(tx: Tx, range: { startsOn: string; endsOn: string }, exceptId?: number): Promise<string | null> {
  const [row] = await tx
    .select({ name: terms.name })
    .from(terms)
    .where(and(lte(terms.startsOn, range.endsOn), gte(terms.endsOn, range.startsOn), exceptId === undefined ? undefined : ne(terms.id, exceptId)))
    .limit(1);
  return row?.name ?? null;
}

export async function insertTerm(tx: Tx, values: { name: string; startsOn: string; endsOn: string }): Promise<number> {
  const [row] = await tx.insert(terms).values(values).returning({ id: terms.id });
  if (!row) throw new Error('insert into terms returned no row');
  return row.id;
}

export async function lockTerm(tx: Tx, termId: number): Promise<{ closedAt: Date | null } | null> {
  const [row] = await tx.select({ closedAt: terms.closedAt }).from(terms).where(eq(terms.id, termId)).for('update');
  return row ?? null;
}

export async function updateTerm(tx: Tx, termId: number, values: { name: string; startsOn: string; endsOn: string }): Promise<void> {
  await tx.update(terms).set(values).where(eq(terms.id, termId));
}
