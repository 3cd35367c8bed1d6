import type { Tx } from '@qiaodu/db';
import { BACK_TO_REVIEW_COMMENT } from '@qiaodu/shared';
import type { Attribution } from '../audit/attribution';
import { insertActivity } from './activity-repository';
import { moveStatus, type ProductRow } from './repository';

/**
 * An off-shelf product whose content changed goes back to draft: the teacher approved what
 * customers saw, so the new content is submitted and approved before it sells again. The
 * caller holds the product's lock, so the move cannot miss.
 */
export async function sendBackForReview(tx: Tx, product: ProductRow, by: Attribution, now: Date): Promise<void> {
  await moveStatus(tx, product.id, { from: product.status, to: 'draft', now, submittedAt: null });
  await insertActivity(tx, { productId: product.id, teamId: product.teamId, action: 'edited', comment: BACK_TO_REVIEW_COMMENT, by, now });
}
