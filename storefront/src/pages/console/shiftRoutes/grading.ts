import type { RouteRecordRaw } from 'vue-router';

/** Console pages of shift grading, children of /console (consoleRoutes.ts). */
export const gradingRoutes: RouteRecordRaw[] = [
  {
    path: 'grading',
    name: 'console-grading',
    component: () => import('../ConsoleGradingPage.vue'),
    meta: { title: '评分', consoleSections: ['grading'], navSections: ['grading'] },
  },
  {
    path: 'grading/shifts/:assignmentId(\\d+)',
    name: 'console-grade-shift',
    component: () => import('../ConsoleGradeShiftPage.vue'),
    meta: { title: '班次评分', consoleSections: ['grading'], navSections: ['grading'] },
  },
  {
    path: 'grading/rubrics',
    name: 'console-rubrics',
    component: () => import('../ConsoleRubricsPage.vue'),
    meta: { title: '评分量表', consoleSections: ['grading'], navSections: ['grading'] },
  },
  {
    path: 'shifts/grades',
    name: 'console-my-grades',
    component: () => import('../ConsoleMyGradesPage.vue'),
    meta: { title: '我的成绩', consoleSections: ['shifts'], navSections: ['shifts'] },
  },
];
