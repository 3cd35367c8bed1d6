/**
 * Zod-free limits of the reports' forms, shared by the schemas (reports.ts) and the storefront's
 * forms, which must not pull zod into their chunks.
 */

/** The work-study minimum, ¥12 an hour: no post may be paid less. */
export const MIN_HOURLY_RATE_FEN = 1200;

export const TERM_NAME_MAX = 40;
