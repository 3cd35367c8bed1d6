import type { RouteRecordRaw } from 'vue-router';

/** Console pages of shift reports, children of /console (consoleRoutes.ts). */
export const reportsRoutes: RouteRecordRaw[] = [
  {
    path: 'shifts/hours',
    name: 'console-shift-hours',
    component: () => import('../ConsoleMyHoursPage.vue'),
    meta: { title: '我的工时', consoleSections: ['shifts'], navSections: ['shifts'] },
  },
  {
    path: 'grading/summary',
    name: 'console-term-summary',
    // ECharts comes with this page only (ReportChart loads it on demand).
    component: () => import('../ConsoleTermSummaryPage.vue'),
    meta: { title: '学期汇总', consoleSections: ['grading'], navSections: ['grading'] },
  },
  {
    path: 'grading/timesheets',
    name: 'console-timesheets',
    component: () => import('../ConsoleTimesheetsPage.vue'),
    meta: { title: '工时审批', consoleSections: ['grading'], navSections: ['grading'] },
  },
  {
    path: 'grading/settings',
    name: 'console-shift-settings',
    component: () => import('../ConsoleShiftSettingsPage.vue'),
    meta: { title: '设置', consoleSections: ['grading'], navSections: ['grading'] },
  },
];
