import type { Db } from '@qiaodu/db';
import {
  canTransitionProduct,
  PRODUCT_TRANSITIONS,
  type ApprovalQueue,
  type ConsoleProductDetail,
  type ProductActivityAction,
  type ProductTransition,
} from '@qiaodu/shared';
import { attributionIn } from '../audit/attribution';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { reviewableTeams } from '../policy/policy';
import { findLatestActivity, insertActivity, REVIEW_ACTIONS } from './activity-repository';
import { loadConsoleDetail, requireTeamProduct } from './detail';
import { countImages } from './image-repository';
import { findSubmitted } from './list-repository';
import { toApprovalQueueItem } from './mapper';
import { findSkus, moveStatus } from './repository';
import { incompleteMessage, missingForSubmit, needsCompleteProduct, refusedTransitionMessage } from './rules';

const ACTIVITY_OF: Record<ProductTransition, ProductActivityAction> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  approve: 'approved',
  reject: 'rejected',
  take_off_shelf: 'taken_off_shelf',
  relist: 'relisted',
};

/**
 * The listing workflow (PRODUCT_TRANSITIONS): the team submits, a supervising teacher approves
 * or rejects, the team takes goods off the shelf and back. Who may press which button is the
 * policy's call (the endpoints' access); this decides when.
 */
export function createWorkflowService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;

  function transition(actor: Actor, teamId: number, productId: number, name: ProductTransition, comment = ''): Promise<ConsoleProductDetail> {
    const { to } = PRODUCT_TRANSITIONS[name];
    return db.transaction(async (tx) => {
      // Locked, so a picture or SKU cannot be removed between the completeness check and the move.
      const product = await requireTeamProduct(tx, teamId, productId, { lock: true });
      if (!canTransitionProduct(product.status, name)) throw new AppError('INVALID_STATE', refusedTransitionMessage(product.status, name));
      // Off the shelf a product may have lost its last picture: it must not sell without a cover.
      if (needsCompleteProduct(name)) {
        const missing = missingForSubmit({
          title: product.title,
          skuCount: (await findSkus(tx, productId)).length,
          galleryCount: (await countImages(tx, productId)).gallery,
        });
        if (missing.length > 0) throw new AppError('PRODUCT_INCOMPLETE', incompleteMessage(name, missing), { missing });
      }
      const now = clock();
      const moved = await moveStatus(tx, productId, {
        from: product.status,
        to,
        now,
        // The queue waits from the latest submission; a product back in draft waits for nothing.
        submittedAt: name === 'submit' ? now : to === 'draft' ? null : undefined,
        publish: to === 'on_sale',
      });
      // Two reviewers acting at once: the second finds the status already moved.
      if (!moved) throw new AppError('INVALID_STATE', '商品状态已被他人更改，请刷新后重试');
      await insertActivity(tx, { productId, teamId, action: ACTIVITY_OF[name], comment, by: await attributionIn(tx, actor, teamId), now });
      return loadConsoleDetail(tx, actor, teamId, productId);
    });
  }

  return {
    transition,

    /** Submitted products of the teams the caller reviews, the longest waiting first. */
    async approvalQueue(actor: Actor): Promise<ApprovalQueue> {
      const scope = reviewableTeams(actor);
      const rows = await findSubmitted(db, scope === 'all' ? 'all' : [...scope]);
      const ids = rows.map((row) => row.id);
      const [reviews, submissions] = await Promise.all([findLatestActivity(db, ids, REVIEW_ACTIONS), findLatestActivity(db, ids, ['submitted'])]);
      return { items: rows.map((row) => toApprovalQueueItem(row, reviews.get(row.id), submissions.get(row.id))) };
    },
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
