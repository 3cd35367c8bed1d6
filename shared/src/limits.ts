/** Limits the API enforces and the storefront's forms respect; zod-free for the browser. */
export const PRODUCT_PAGE_SIZE_MAX = 50;
export const SEARCH_TEXT_MAX = 50;
/** One million yuan: above any price in this shop, below integer trouble. */
export const QUERY_FEN_MAX = 100_000_000;

/** Addresses one customer may keep (the address book's limit). */
export const ADDRESS_BOOK_MAX = 20;
export const DISPLAY_NAME_MAX = 20;
export const RECIPIENT_NAME_MAX = 20;
export const ADDRESS_DETAIL_MAX = 80;
/** A web-view ticket lives at most this long and works once. */
export const LOGIN_TICKET_TTL_SECONDS = 60;
/** Typed to confirm account deletion, so a stray tap cannot erase an account. */
export const ACCOUNT_DELETION_CONFIRMATION = '注销';
