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

/** ¥1,000,000 in fen: the highest price or unit cost a team may set. */
export const PRICE_FEN_MAX = 100_000_000;
/** The most units one ledger row may move, and the highest count or threshold. */
export const STOCK_QUANTITY_MAX = 1_000_000;
export const PRODUCT_TITLE_MAX = 60;
export const PRODUCT_SUBTITLE_MAX = 100;
export const SKUS_PER_PRODUCT_MAX = 50;
export const SPECS_PER_SKU_MAX = 3;
export const SPEC_TEXT_MAX = 20;
export const DESCRIPTION_BLOCKS_MAX = 60;
export const DESCRIPTION_TEXT_MAX = 2000;
export const HERITAGE_STORY_MAX = 2000;
export const REVIEW_COMMENT_MAX = 500;
export const STOCK_NOTE_MAX = 200;
/** Gallery pictures per product (the carousel), as on every WeChat shop. */
export const PRODUCT_GALLERY_MAX = 9;
/** Pictures inside one product's description. */
export const PRODUCT_DESCRIPTION_IMAGES_MAX = 20;
export const IMAGE_BYTES_MAX = 10 * 1024 * 1024;
/** Width × height an upload may decode to: refuses decompression bombs before they expand. */
export const IMAGE_PIXELS_MAX = 50_000_000;
export const IMAGE_ALT_MAX = 60;
/** Longest edge of each processed WebP size, in pixels. */
export const IMAGE_SIZES = { feed: 480, detail: 1080, zoom: 2048 } as const;
export type ImageSize = keyof typeof IMAGE_SIZES;
/** Rows a CSV export of the stock ledger holds at most; narrower dates export the rest. */
export const LEDGER_EXPORT_MAX_ROWS = 50_000;
export const STOCK_COUNT_LINES_MAX = 1000;

/** Lines one cart may hold; beyond this a customer checks out first (CRMEB and litemall cap too). */
export const CART_LINES_MAX = 100;
/** Different SKUs in one order; more is refused before anything is reserved. */
export const ORDER_LINES_MAX = 50;
/** Units of one SKU in one order line or cart line. */
export const ORDER_LINE_QUANTITY_MAX = 999;
/** The highest 限购 a team may set on a product (per customer, over all their orders). */
export const PURCHASE_LIMIT_MAX = 999;
export const ORDER_REMARK_MAX = 100;
/** Idempotency-Key header: 8 to 64 of letters, digits, _ and - (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const REFUND_REASON_MAX = 200;
export const REFUND_COMMENT_MAX = 200;
export const REFUND_PHOTOS_MAX = 6;
/** A customer may ask for a refund up to this many days after the order completed. */
export const REFUND_WINDOW_DAYS = 15;
/** Courier tracking numbers: 6 to 30 letters and digits. */
export const TRACKING_NO_PATTERN = /^[A-Za-z0-9]{6,30}$/;
/** The 6-digit code a customer shows at the pickup point. */
export const PICKUP_CODE_PATTERN = /^[0-9]{6}$/;
/** Where campus pickup orders are collected (the school's 天天市集 market stall). */
export const PICKUP_PLACE = '天天市集（校内自提点）';
