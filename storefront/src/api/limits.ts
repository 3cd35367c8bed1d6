/**
 * Limits of the product list API. Shared keeps them next to the zod schemas, which the browser
 * must not load; `limits.test.ts` keeps the two copies equal.
 */
export const PRODUCT_PAGE_SIZE_MAX = 50;
export const SEARCH_TEXT_MAX = 50;
/** Same ceiling as shared's QueryFen: one million yuan. */
export const QUERY_FEN_MAX = 100_000_000;
