import { schema, type Db, type Tx } from '@qiaodu/db';
import { localDateOf } from '@qiaodu/shared';
import { and, gte, isNotNull, lte } from 'drizzle-orm';
import { loadShiftRules } from '../shifts/rules';

const { terms } = schema;
type Executor = Db | Tx;
export type GradeWeights = { teacher: number; mentor: number };
export type TermRow = typeof terms.$inferSelect;

/**
 * The term a shift belongs to (the term whose local dates hold the shift's start, as term close
 * reads it), taken FOR SHARE: closing takes the term FOR UPDATE first, so a save or publish and a
 * close of the same term run one after the other and the save sees the close (or the close sees
 * the published row). No term: null (grades outside any term are never locked).
 */
export async function shareTermOf(tx: Tx, startsAt: Date): Promise<TermRow | null> {
  return closedFirst(await termsHolding(tx, startsAt).for('share'));
}

/** The same term without a lock, for showing what a grader may do. */
export async function termOf(db: Executor, startsAt: Date): Promise<TermRow | null> {
  return closedFirst(await termsHolding(db, startsAt));
}

/** Terms do not overlap (the terms page refuses it); should rows written otherwise overlap, a closed one wins. */
function closedFirst(rows: readonly TermRow[]): TermRow | null {
  return rows.find((row) => row.closedAt !== null) ?? rows[0] ?? null;
}

function termsHolding(db: Executor, startsAt: Date) {
  const day = localDateOf(startsAt);
  return db
    .select()
    .from(terms)
    .where(and(lte(terms.startsOn, day), gte(terms.endsOn, day)))
    .orderBy(terms.id);
}

/**
 * The one place final grades get their weights: a place in a closed term keeps the weights stored
 * on the term when it closed (its locked grades must not move when the setting changes later);
 * any other place uses the current setting. Loads the setting and the closed terms once, then
 * answers per shift start without further queries.
 */
export async function weightsResolver(db: Executor): Promise<(startsAt: Date) => GradeWeights> {
  const [rules, closed] = await Promise.all([
    loadShiftRules(db as Db),
    db
      .select({ startsOn: terms.startsOn, endsOn: terms.endsOn, teacher: terms.teacherWeight, mentor: terms.mentorWeight })
      .from(terms)
      .where(and(isNotNull(terms.closedAt), isNotNull(terms.teacherWeight), isNotNull(terms.mentorWeight))),
  ]);
  return (startsAt) => {
    const day = localDateOf(startsAt);
    const term = closed.find((row) => row.startsOn <= day && day <= row.endsOn);
    return term && term.teacher !== null && term.mentor !== null ? { teacher: term.teacher, mentor: term.mentor } : rules.weights;
  };
}
