import type { Db } from '@qiaodu/db';
import { addDays, atLocal, type TermCloseResult } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { loadShiftRules } from '../shifts/rules';
import { insertGradeChange, snapshotOf } from './place-repository';
import * as repo from './term-repository';

/**
 * Closing a term (学期结束): every published grade of the term's shifts (shifts starting on
 * its local dates, the last day included) becomes locked, each change logged; drafts stay
 * drafts and are counted back so the admin knows who has not published.
 */
export function createTermService({ db, clock }: { db: Db; clock: () => Date }) {
  return {
    async close(actor: Actor, termId: number): Promise<TermCloseResult> {
      const at = clock();
      return db.transaction(async (tx) => {
        const term = await repo.lockTerm(tx, termId);
        if (!term) throw new AppError('TERM_NOT_FOUND');
        if (term.closedAt) throw new AppError('TERM_CLOSED');
        const from = atLocal(term.startsOn, 0);
        const until = atLocal(addDays(term.endsOn, 1), 0);
        // Taken FOR UPDATE first (lockTerm): a save or publish holds the term FOR SHARE, so none is half done here.
        const { weights } = await loadShiftRules(tx);
        await repo.markTermClosed(tx, termId, actor.userId, weights, at);
        const published = await repo.evaluationsInRange(tx, from, until, 'published');
        const locked = await repo.lockEvaluations(tx, published.map((row) => row.evaluation.id), at);
        const before = new Map(published.map((row) => [row.evaluation.id, row.evaluation]));
        for (const row of locked) {
          const previous = before.get(row.id);
          await insertGradeChange(
            tx,
            { evaluationId: row.id, changedBy: actor.userId, reason: `学期结束：${term.name}`, before: previous ? snapshotOf(previous) : null, after: snapshotOf(row) },
            at,
          );
        }
        const drafts = await repo.evaluationsInRange(tx, from, until, 'draft');
        return { termId: term.id, name: term.name, closedAt: at.toISOString(), lockedCount: locked.length, unpublishedCount: drafts.length };
      });
    },
  };
}
