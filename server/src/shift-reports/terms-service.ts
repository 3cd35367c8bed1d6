import type { Db } from '@qiaodu/db';
import type { Term, TermBody, TermList } from '@qiaodu/shared';
import { onUniqueViolation } from '../console/unique-violation';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { decide } from '../policy/policy';
import { toTerm } from './mapper';
import { findTerm, insertTerm, listTerms, lockTerm, lockTerms, overlappingTerm, TERM_NAME_CONSTRAINT, updateTerm, type TermRow } from './terms-repository';

/**
 * School terms (学期): admins create and edit them; every staff member lists them (summaries
 * and exports are per term). Closing a term (locking its grades) is the grading module's.
 */
export function createTermsService({ db }: { db: Db }) {
  function checkDates(body: TermBody): void {
    if (body.endsOn < body.startsOn) throw new AppError('TERM_DATES_INVALID');
  }

  async function overlapCheck(...args: Parameters<typeof overlappingTerm>): Promise<void> {
    const other = await overlappingTerm(...args);
    if (other !== null) throw new AppError('TERM_OVERLAPS', `学期日期与“${other}”重叠`);
  }

  async function reread(termId: number): Promise<Term> {
    const row = await findTerm(db, termId);
    if (!row) throw new Error(`term ${termId} vanished after writing it`);
    return toTerm(row);
  }

  return {
    async list(actor: Actor): Promise<TermList> {
      const rows: TermRow[] = await listTerms(db);
      const manage = decide(actor, 'shift.settings') === 'allow';
      return { items: rows.map(toTerm), can: { manage, close: manage } };
    },

    async create(body: TermBody): Promise<Term> {
      checkDates(body);
      const id = await onUniqueViolation(
        () =>
          db.transaction(async (tx) => {
            await lockTerms(tx);
            await overlapCheck(tx, body);
            return insertTerm(tx, body);
          }),
        TERM_NAME_CONSTRAINT,
        'TERM_NAME_TAKEN',
      );
      return reread(id);
    },

    async update(termId: number, body: TermBody): Promise<Term> {
      checkDates(body);
      await onUniqueViolation(
        () =>
          db.transaction(async (tx) => {
            await lockTerms(tx);
            const current = await lockTerm(tx, termId);
            if (!current) throw new AppError('TERM_NOT_FOUND');
            // Its grades are locked against these dates: moving them would change what was locked.
            if (current.closedAt !== null) throw new AppError('TERM_CLOSED');
            await overlapCheck(tx, body, termId);
            await updateTerm(tx, termId, body);
          }),
        TERM_NAME_CONSTRAINT,
        'TERM_NAME_TAKEN',
      );
      return reread(termId);
    },
  };
}
