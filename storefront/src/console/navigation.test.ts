import { describe, expect, it } from 'vitest';
import { activeNavKey, canOpenConsolePage, consoleNavItems } from './navigation';

describe('consoleNavItems', () => {
  it("should list a student's sections with their pages", () => {
    expect(consoleNavItems(['team', 'products', 'stock', 'orders', 'shifts']).map(({ label, to }) => [label, to])).toEqual([
      ['概览', '/console'],
      ['我的团队', '/console/teams'],
      ['商品管理', '/console/products'],
      ['库存', '/console/stock'],
      ['订单发货', '/console/orders'],
      ['班次', '/console/shifts'],
    ]);
  });

  it("should link an admin's sections to their pages", () => {
    expect(consoleNavItems(['partners', 'teams', 'people', 'payments']).map((item) => item.to)).toEqual([
      '/console',
      '/console/partners',
      '/console/teams',
      '/console/people',
      '/console/payments',
    ]);
  });
});

describe('canOpenConsolePage', () => {
  it('should need at least one section for the console at all', () => {
    expect(canOpenConsolePage([], undefined)).toBe(false);
    expect(canOpenConsolePage(['team'], undefined)).toBe(true);
  });

  it('should need one of the sections the page belongs to', () => {
    expect(canOpenConsolePage(['team', 'shifts'], ['team', 'teams'])).toBe(true);
    expect(canOpenConsolePage(['team', 'shifts'], ['people'])).toBe(false);
  });
});

describe('activeNavKey', () => {
  const student = consoleNavItems(['team', 'products', 'stock', 'orders']);
  const teacher = consoleNavItems(['teams', 'approvals', 'grading']);

  it("should light a team's products as 商品管理 for a student and as 团队 for a teacher", () => {
    expect(activeNavKey(student, '/console/teams/3/products', ['products', 'team', 'teams'])).toBe('products');
    expect(activeNavKey(teacher, '/console/teams/3/products', ['products', 'team', 'teams'])).toBe('teams');
  });

  it('should match pages without sections by their path', () => {
    expect(activeNavKey(student, '/console', undefined)).toBe('home');
    expect(activeNavKey(teacher, '/console/approvals', undefined)).toBe('approvals');
    expect(activeNavKey(student, '/console/orders', undefined)).toBe('orders');
    expect(activeNavKey(student, '/console/shifts', undefined)).toBeNull();
    expect(activeNavKey(teacher, '/console/grading/queue', undefined)).toBe('grading');
  });
});
