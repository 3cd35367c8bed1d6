import type { TermSummary } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { DAYS_IN_VIEW, fenTooltip, salesChartOption, yuanAxisLabel } from './termSummaryCharts';

function termOf(days: number): TermSummary {
  const salesByDay = Array.from({ length: days }, (_, index) => ({ date: `2026-09-${String((index % 28) + 1).padStart(2, '0')}`, gmvFen: 1280 * index, orders: index }));
  return { salesByDay, coverageByDay: [] } as unknown as TermSummary;
}

describe('term summary charts', () => {
  it('should format sales fen with the money formatter, not by dividing', () => {
    expect(fenTooltip(1280)).toBe('¥12.80');
    expect(fenTooltip(undefined)).toBe('—');
    expect(yuanAxisLabel(150000)).toBe('¥1500');
    expect(yuanAxisLabel(150050)).toBe('¥1500.50');
    const option = salesChartOption(termOf(3)) as { series: { data: number[] }[] };
    expect(option.series[0]?.data).toEqual([0, 1280, 2560]);
  });

  it('should open a long term on its last days, zoomable inside and by slider', () => {
    const zoom = (salesChartOption(termOf(120)) as { dataZoom: { type: string; startValue: number; endValue: number }[] }).dataZoom;
    expect(zoom.map((entry) => entry.type)).toEqual(['inside', 'slider']);
    expect(zoom[0]).toMatchObject({ startValue: 120 - DAYS_IN_VIEW, endValue: 119 });
    expect((salesChartOption(termOf(5)) as { dataZoom: { startValue: number }[] }).dataZoom[1]?.startValue).toBe(0);
  });
});
