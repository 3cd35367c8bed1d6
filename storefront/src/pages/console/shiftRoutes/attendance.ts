import type { RouteRecordRaw } from 'vue-router';

const teamIdProp = (route: { params: Record<string, unknown> }) => ({ teamId: Number(route.params.teamId) });

/** Console pages of shift attendance, children of /console (consoleRoutes.ts). */
export const attendanceRoutes: RouteRecordRaw[] = [
  {
    path: 'shifts',
    name: 'console-shifts',
    component: () => import('../ConsoleShiftsHomePage.vue'),
    meta: { title: '班次', consoleSections: ['shifts', 'teams'], navSections: ['shifts', 'teams'] },
  },
  {
    path: 'teams/:teamId(\\d+)/attendance',
    name: 'console-team-attendance',
    component: () => import('../ConsoleAttendancePage.vue'),
    props: teamIdProp,
    meta: { title: '考勤', consoleSections: ['team', 'teams'], navSections: ['shifts', 'teams'] },
  },
  {
    path: 'teams/:teamId(\\d+)/live',
    name: 'console-team-live',
    component: () => import('../ConsoleLiveSessionsPage.vue'),
    props: teamIdProp,
    meta: { title: '直播', consoleSections: ['team', 'teams'], navSections: ['shifts', 'teams'] },
  },
  {
    path: 'live/:sessionId(\\d+)',
    name: 'console-live-board',
    component: () => import('../ConsoleLiveBoardPage.vue'),
    props: (route) => ({ sessionId: Number(route.params.sessionId) }),
    meta: { title: '直播看板', consoleSections: ['team', 'teams'], navSections: ['shifts', 'teams'] },
  },
];
