import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';
import { hasRole } from '../people/repository';

const { partners, products, users } = schema;

type Executor = Db | Tx;
export type PartnerRow = typeof partners.$inferSelect;
export type PartnerValues = Omit<typeof partners.$inferInsert, 'id' | 'logoUrl' | 'createdAt' | 'updatedAt'>;

/**
 * Partners with how many products (of any status: the console manages drafts too) and mentors
 * they have. The counts are grouped subqueries joined in: with a join every column is written
 * qualified, which a correlated subquery in a one-table select would not get.
 */
export async function findConsolePartners(db: Executor, id?: number) {
  const productCounts = db
    .select({ partnerId: products.partnerId, n: count().as('product_count') })
    .from(products)
    .groupBy(products.partnerId)
    .as('product_counts');
  const mentorCounts = db
    .select({ partnerId: users.partnerId, n: count().as('mentor_count') })
    .from(users)
    .where(and(hasRole('mentor'), ne(users.status, 'deleted')))
    .groupBy(users.partnerId)
    .as('mentor_counts');
  return db
    .select({
      id: partners.id,
      slug: partners.slug,
      kind: partners.kind,
      name: partners.name,
      region: partners.region,
      intro: partners.intro,
      story: partners.story,
      heritageLevel: partners.heritageLevel,
      craft: partners.craft,
      contactName: partners.contactName,
      contactPhone: partners.contactPhone,
      productCount: sql<number>`coalesce(${productCounts.n}, 0)::int`,
      mentorCount: sql<number>`coalesce(${mentorCounts.n}, 0)::int`,
    })
    .from(partners)
    .leftJoin(productCounts, eq(productCounts.partnerId, partners.id))
    .leftJoin(mentorCounts, eq(mentorCounts.partnerId, partners.id))
    .where(id === undefined ? undefined : eq(partners.id, id))
    .orderBy(asc(partners.id));
}
export type ConsolePartnerRow = Awaited<ReturnType<typeof findConsolePartners>>[number];

export async function insertPartner(tx: Tx, values: PartnerValues): Promise<number> {
  const [row] = await tx.insert(partners).values(values).returning({ id: partners.id });
  if (!row) throw new Error('insert into partners returned no row');
  return row.id;
}

/** The partner, locked until the transaction ends so a concurrent edit cannot interleave. */
export async function lockPartner(tx: Tx, id: number): Promise<PartnerRow | null> {
  const [row] = await tx.select().from(partners).where(eq(partners.id, id)).for('update');
  return row ?? null;
}

export async function updatePartner(tx: Tx, id: number, values: Partial<PartnerValues>, now: Date): Promise<void> {
  await tx.update(partners).set({ ...values, updatedAt: now }).where(eq(partners.id, id));
}

/**
 * Which of these partners exist, held (KEY SHARE, as a foreign key would) until the transaction
 * ends, so none disappears between the check and the rows that point at it.
 */
export async function holdExistingPartners(tx: Tx, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: partners.id })
    .from(partners)
    .where(inArray(partners.id, [...ids]))
    .for('key share');
  return new Set(rows.map((row) => row.id));
}
