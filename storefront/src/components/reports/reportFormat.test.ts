import { describe, expect, it } from 'vitest';
import { currentMonth, hoursLabel, monthLabel, shiftMonth } from './reportFormat';

describe('report months', () => {
  it('should take the month in school time', () => {
    expect(currentMonth(new Date('2031-03-31T16:30:00Z'))).toBe('2031-04');
  });

  it('should step across years', () => {
    expect(shiftMonth('2031-01', -1)).toBe('2030-12');
    expect(shiftMonth('2031-12', 1)).toBe('2032-01');
    expect(shiftMonth('2031-05', 0)).toBe('2031-05');
  });

  it('should label months and hours', () => {
    expect(monthLabel('2031-03')).toBe('2031 年 3 月');
    expect(hoursLabel(323)).toBe('5.38 小时');
  });
});
