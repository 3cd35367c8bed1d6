import { ORDER_TAB_LABELS, ORDER_TABS } from '@qiaodu/shared';
import type { OrderCounts } from '@qiaodu/shared';

/** 我的订单's tabs: the order filters, then 售后 (refund requests, a list of their own). */
export const ORDER_LIST_TABS = [...ORDER_TABS, 'after_sales'] as const;
export type OrderListTab = (typeof ORDER_LIST_TABS)[number];
export const ORDER_LIST_TAB_LABELS: Record<OrderListTab, string> = { ...ORDER_TAB_LABELS, after_sales: '售后' };

/** The tab a `?tab=` query names; anything else opens 全部. */
export function orderListTab(value: unknown): OrderListTab {
  return typeof value === 'string' && (ORDER_LIST_TABS as readonly string[]).includes(value) ? (value as OrderListTab) : 'all';
}

/** The badge of a tab from GET /api/orders/counts: only tabs that wait for someone have one. */
export function tabCount(counts: OrderCounts | null, tab: OrderListTab): number {
  if (!counts || tab === 'all' || tab === 'finished') return 0;
  return counts[tab];
}
