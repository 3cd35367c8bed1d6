import type { TeamRefund } from '@qiaodu/shared';

/**
 * Why this caller cannot decide a refund that waits for a decision, unless the 需指导老师审批
 * badge beside it already says so (the server's reason for a large refund names the teacher).
 */
export function blockedReason(refund: Pick<TeamRefund, 'status' | 'can' | 'needsTeacher' | 'decideBlockedReason'>): string | null {
  if (refund.status !== 'requested' || refund.can.decide || !refund.decideBlockedReason) return null;
  if (refund.needsTeacher && refund.decideBlockedReason.includes('指导老师')) return null;
  return refund.decideBlockedReason;
}
