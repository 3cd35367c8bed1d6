/** Live sessions (直播) without zod: the storefront's first screen reads these to keep `?live=` codes. */

/**
 * Codes are read aloud on a stream and typed from a poster: no 0/O, 1/I/L. Six characters of
 * 31 make about 887 million codes, so a clash (retried) is rare and guessing one is useless.
 */
export const LIVE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const LIVE_CODE_LENGTH = 6;
/**
 * Codes accepted from `?live=CODE`: short, upper-case letters and digits (looser than the alphabet,
 * so a code read out wrongly is still sent and the server answers). Lives here, not in
 * shift-enums.ts, so the storefront's entry chunk does not carry every shift enum; shift-enums re-exports it.
 */
export const LIVE_CODE_PATTERN = '^[A-Z0-9]{4,12}$';
/** A session's code attributes orders until this long after its end (or its shift's end, if nobody pressed 下播); never on a cancelled shift. */
export const LIVE_LINK_GRACE_HOURS = 24;
/** The storefront keeps a captured `?live=` code this long. */
export const LIVE_CODE_STORAGE_HOURS = 24;
export const LIVE_SESSION_STATES = ['pending', 'live', 'ended'] as const;
export type LiveSessionState = (typeof LIVE_SESSION_STATES)[number];
export const LIVE_SESSION_STATE_LABELS: Record<LiveSessionState, string> = { pending: '未开播', live: '直播中', ended: '已结束' };

/** The shop links of a session: the home page, and any product page with the same tail. */
export function liveShopPath(code: string): string {
  return `/?live=${code}`;
}
export function liveProductPath(code: string, productId: number | string): string {
  return `/products/${productId}?live=${code}`;
}
