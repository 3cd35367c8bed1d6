import { formatFen, type TermSummary } from '@qiaodu/shared';
import type { EChartsCoreOption } from 'echarts/core';

/**
 * The options of 学期汇总's two charts. A term is ~120 days, too many bars for 375 px: the charts
 * open on the last DAYS_IN_VIEW days and zoom by pinch/drag (inside) or the slider. Sales stay in
 * fen and are formatted with the shared money formatter, never divided here.
 */
export const DAYS_IN_VIEW = 31;

const dayLabel = (date: string) => date.slice(5);

function zoomFor(days: number): EChartsCoreOption[] {
  const window = { startValue: Math.max(0, days - DAYS_IN_VIEW), endValue: Math.max(0, days - 1) };
  return [
    { type: 'inside', ...window, zoomOnMouseWheel: false, moveOnMouseMove: true },
    { type: 'slider', ...window, height: 18, bottom: 30, showDetail: false, brushSelect: false },
  ];
}

/** "¥1280" on the axis: whole yuan reads better there; the tooltip gives fen. */
export function yuanAxisLabel(fen: number): string {
  return formatFen(fen).replace(/\.00$/, '');
}

/** The tooltip's value of a sales bar: "¥12.80"; anything not a number (no data) as "—". */
export function fenTooltip(value: unknown): string {
  return typeof value === 'number' ? formatFen(value) : '—';
}

export function salesChartOption(data: TermSummary): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['销售额', '订单数'], bottom: 0 },
    grid: { left: 52, right: 36, top: 16, bottom: 80 },
    dataZoom: zoomFor(data.salesByDay.length),
    xAxis: { type: 'category', data: data.salesByDay.map((day) => dayLabel(day.date)) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: yuanAxisLabel } },
      { type: 'value', name: '单', minInterval: 1 },
    ],
    series: [
      { name: '销售额', type: 'bar', data: data.salesByDay.map((day) => day.gmvFen), tooltip: { valueFormatter: fenTooltip } },
      { name: '订单数', type: 'line', yAxisIndex: 1, showSymbol: false, data: data.salesByDay.map((day) => day.orders) },
    ],
  };
}

export function coverageChartOption(data: TermSummary): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['岗位数', '已排人数'], bottom: 0 },
    grid: { left: 36, right: 16, top: 16, bottom: 80 },
    dataZoom: zoomFor(data.coverageByDay.length),
    xAxis: { type: 'category', data: data.coverageByDay.map((day) => dayLabel(day.date)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '岗位数', type: 'bar', data: data.coverageByDay.map((day) => day.capacity) },
      { name: '已排人数', type: 'bar', data: data.coverageByDay.map((day) => day.held) },
    ],
  };
}
