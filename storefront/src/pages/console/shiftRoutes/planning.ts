import type { RouteRecordRaw } from 'vue-router';

function teamIdProp(route: { params: Record<string, unknown> }) {
  return { teamId: Number(route.params.teamId) };
}

/** Console pages of shift planning, children of /console (consoleRoutes.ts). */
export const planningRoutes: RouteRecordRaw[] = [
  {
    path: 'shifts/mine',
    name: 'console-my-shifts',
    component: () => import('../ConsoleMyShiftsPage.vue'),
    meta: { title: '我的班次', consoleSections: ['shifts'], navSections: ['shifts'] },
  },
  {
    path: 'teams/:teamId(\\d+)/schedule',
    name: 'console-team-schedule',
    component: () => import('../ConsoleSchedulePage.vue'),
    props: teamIdProp,
    // Members, supervising teachers, partners' mentors and admins read it; the week's `can` decides the buttons.
    meta: { title: '排班', consoleSections: ['team', 'teams', 'shifts'], navSections: ['shifts', 'teams'] },
  },
];
