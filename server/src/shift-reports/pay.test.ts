import { POSTS, type Post } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { monthRange, payTotals, pricePlaces } from './pay';
import type { PlaceRow } from './places-repository';

const rates = Object.fromEntries(POSTS.map((post) => [post, 1200])) as Record<Post, number>;
rates.warehouse = 1250;
rates.copywriting = 1230;

function place(overrides: Partial<PlaceRow>): PlaceRow {
  return {
    assignmentId: 1,
    shiftId: 1,
    studentId: 1,
    status: 'completed',
    clockInAt: new Date('2031-03-04T06:00:00Z'),
    clockOutAt: new Date('2031-03-04T08:00:00Z'),
    late: false,
    autoClosed: false,
    reviewedAt: null,
    teamId: 1,
    teamName: '天天',
    shiftStatus: 'published',
    post: 'warehouse',
    startsAt: new Date('2031-03-04T06:00:00Z'),
    endsAt: new Date('2031-03-04T08:00:00Z'),
    ...overrides,
  };
}

describe('a month of pay', () => {
  it('should span the local month', () => {
    expect(monthRange('2031-03')).toEqual({
      firstDay: '2031-03-01',
      from: new Date('2031-02-28T16:00:00Z'),
      until: new Date('2031-03-31T16:00:00Z'),
    });
    expect(monthRange('2031-12').until).toEqual(new Date('2031-12-31T16:00:00Z'));
  });

  it('should round each place to the fen and sum the rounded lines', () => {
    // One minute at ¥12.30/h is 20.5 fen → 21 per place, so two such places pay 42 fen
    // (rounding the month's 2 minutes at once would give 41).
    const minute = { post: 'copywriting' as const, clockInAt: new Date('2031-03-04T06:00:00Z'), clockOutAt: new Date('2031-03-04T06:01:00Z') };
    const late = { clockInAt: new Date('2031-03-04T06:07:00Z'), clockOutAt: new Date('2031-03-04T07:30:00Z') };
    const priced = pricePlaces([place(minute), place({ ...minute, assignmentId: 2 }), place({ ...late, assignmentId: 3 })], rates);
    expect(priced.map((entry) => [entry.minutes, entry.hourlyRateFen, entry.payFen])).toEqual([
      [1, 1230, 21],
      [1, 1230, 21],
      // 83 min at ¥12.50/h = 1729.17 fen
      [83, 1250, 1729],
    ]);
    expect(payTotals(priced)).toEqual({ minutes: 85, amountFen: 1771 });
  });

  it('should hold back an unreviewed auto-closed place', () => {
    const [held, reviewed] = pricePlaces(
      [place({ status: 'auto_closed', autoClosed: true }), place({ status: 'auto_closed', autoClosed: true, reviewedAt: new Date() })],
      rates,
    );
    expect(held).toMatchObject({ awaitingReview: true, minutes: 0, payFen: 0 });
    expect(reviewed).toMatchObject({ awaitingReview: false, minutes: 120, payFen: 2500 });
  });
});
