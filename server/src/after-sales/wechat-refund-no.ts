/*
 * WeChat Pay's out_refund_no for each attempt at one refund. WeChat asks that a refund which
 * failed be submitted again under its original number (a repeated out_refund_no is the same
 * refund, never a second payment), so every retry starts there. A CLOSED refund, though, stays
 * closed under its number: only then does the next attempt take a new one, the refund number
 * plus -R2, -R3… Refund numbers end in their sequence digits (refund-number.ts), so none ends
 * like that. Nothing is stored for this: WeChat's record of the earlier numbers (closed or not)
 * says which number is current, so the executor, the query pass and the notification applier
 * agree without a column, and a crash between two calls loses nothing.
 */

/** After this many closed attempts the refund stays failed: someone should look at it. */
export const MAX_WECHAT_REFUND_ATTEMPTS = 5;

const ATTEMPT_SUFFIX = /^(.+)-R([2-9]|[1-9]\d+)$/;

/** The out_refund_no of the refund's `attempt`-th WeChat refund (1: the refund number itself). */
export function wechatOutRefundNo(refundNo: string, attempt: number): string {
  return attempt === 1 ? refundNo : `${refundNo}-R${attempt}`;
}

/** Which refund number and attempt an out_refund_no from WeChat stands for. */
export function parseWechatOutRefundNo(outRefundNo: string): { refundNo: string; attempt: number } {
  const match = ATTEMPT_SUFFIX.exec(outRefundNo);
  return match?.[1] && match[2] ? { refundNo: match[1], attempt: Number(match[2]) } : { refundNo: outRefundNo, attempt: 1 };
}
