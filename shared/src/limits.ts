/** Limits the API enforces and the storefront's forms respect; zod-free for the browser. */
export const PRODUCT_PAGE_SIZE_MAX = 50;
export const SEARCH_TEXT_MAX = 50;
/** One million yuan: above any price in this shop, below integer trouble. */
export const QUERY_FEN_MAX = 100_000_000;
