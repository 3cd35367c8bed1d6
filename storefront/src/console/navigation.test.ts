import { describe, expect, it } from 'vitest';
import { canOpenConsolePage, consoleNavItems } from './navigation';

describe('consoleNavItems', () => {
  it("should list a student's sections with the unbuilt ones marked as coming", () => {
    expect(consoleNavItems(['team', 'products', 'stock', 'orders', 'shifts']).map(({ label, to }) => [label, to])).toEqual([
      ['概览', '/console'],
      ['我的团队', '/console/teams'],
      ['商品管理', null],
      ['库存', null],
      ['订单发货', null],
      ['班次', null],
    ]);
  });

  it("should link an admin's sections to their pages", () => {
    expect(consoleNavItems(['partners', 'teams', 'people']).map((item) => item.to)).toEqual([
      '/console',
      '/console/partners',
      '/console/teams',
      '/console/people',
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
