import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * ECharts with only what 学期汇总 draws (bars, lines, axes, tooltip, legend, zoom, canvas). ReportChart
 * imports this module dynamically, so the library is its own chunk fetched by that page alone.
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomInsideComponent, DataZoomSliderComponent, CanvasRenderer]);

export { echarts };
