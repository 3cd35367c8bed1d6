import type { RouteRecordRaw } from 'vue-router';

function teamIdProp(route: { params: Record<string, unknown> }) {
  return { teamId: Number(route.params.teamId) };
}

/** The console's routes, added to the router the first time /console is opened. */
export const consoleRoutes: RouteRecordRaw = {
  path: '/console',
  component: () => import('./ConsoleLayout.vue'),
  meta: { title: '运营后台', requiresAuth: true },
  children: [
    { path: '', name: 'console', component: () => import('./ConsoleHomePage.vue') },
    {
      path: 'teams',
      name: 'console-teams',
      component: () => import('./ConsoleTeamsPage.vue'),
      meta: { title: '团队', consoleSections: ['team', 'teams'] },
    },
    {
      path: 'teams/:teamId(\\d+)',
      name: 'console-team',
      component: () => import('./ConsoleTeamPage.vue'),
      props: teamIdProp,
      meta: { title: '团队详情', consoleSections: ['team', 'teams'] },
    },
    {
      path: 'people',
      name: 'console-people',
      component: () => import('./ConsolePeoplePage.vue'),
      meta: { title: '人员管理', consoleSections: ['people'] },
    },
    {
      path: 'partners',
      name: 'console-partners',
      component: () => import('./ConsolePartnersPage.vue'),
      meta: { title: '合作伙伴', consoleSections: ['partners'] },
    },
    // A console address that no page answers: the layout with a not-found state, not the shop's.
    { path: ':rest(.*)*', name: 'console-not-found', component: () => import('./ConsoleNotFoundPage.vue') },
  ],
};
