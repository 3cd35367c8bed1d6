import { CONSOLE_SECTION_LABELS } from '@qiaodu/shared';
import type { ConsoleSection } from '@qiaodu/shared';

/** Where each section lives. */
const SECTION_PATHS: Partial<Record<ConsoleSection, string>> = {
  team: '/console/teams',
  products: '/console/products',
  stock: '/console/stock',
  orders: '/console/orders',
  shifts: '/console/shifts',
  teams: '/console/teams',
  approvals: '/console/approvals',
  grading: '/console/grading',
  partners: '/console/partners',
  people: '/console/people',
  payments: '/console/payments',
};

const SECTION_ICONS: Record<ConsoleSection, string> = {
  team: 'friends-o',
  products: 'goods-collect-o',
  stock: 'logistics',
  orders: 'orders-o',
  shifts: 'clock-o',
  teams: 'cluster-o',
  approvals: 'passed',
  grading: 'medal-o',
  partners: 'shop-o',
  people: 'manager-o',
  payments: 'warning-o',
};

export interface ConsoleNavItem {
  key: ConsoleSection | 'home';
  label: string;
  icon: string;
  /** null: the section is coming in a later release and shown as 即将开放. */
  to: string | null;
}

/** The caller's navigation: the overview, then their sections in the server's order. */
export function consoleNavItems(sections: readonly ConsoleSection[]): ConsoleNavItem[] {
  const items: ConsoleNavItem[] = [{ key: 'home', label: '概览', icon: 'home-o', to: '/console' }];
  for (const section of sections) {
    items.push({
      key: section,
      label: CONSOLE_SECTION_LABELS[section],
      icon: SECTION_ICONS[section],
      to: SECTION_PATHS[section] ?? null,
    });
  }
  return items;
}

/** Whether the caller may open a console page that needs one of `needed` (none: any section). */
export function canOpenConsolePage(sections: readonly ConsoleSection[], needed: readonly ConsoleSection[] | undefined): boolean {
  if (sections.length === 0) return false;
  return !needed || needed.some((section) => sections.includes(section));
}

/**
 * The nav item a page belongs to: the first of the page's sections the caller has (a team's
 * products are 商品管理 to a student and 团队 to a teacher); pages without sections match by path.
 */
export function activeNavKey(
  items: readonly ConsoleNavItem[],
  path: string,
  pageSections: readonly ConsoleSection[] | undefined,
): ConsoleNavItem['key'] | null {
  if (pageSections) {
    const section = pageSections.find((candidate) => items.some((item) => item.key === candidate && item.to));
    if (section) return section;
  }
  if (path === '/console') return 'home';
  const match = items.find((item) => item.to && item.to !== '/console' && path.startsWith(item.to));
  return match?.key ?? null;
}
