export const SHOP_NAME = '侨都职教商城';

/** WeChat's title bar (web-view and browser alike) shows document.title; keep it short. */
export function setPageTitle(title?: string): void {
  if (typeof document === 'undefined') return;
  document.title = title || SHOP_NAME;
}
