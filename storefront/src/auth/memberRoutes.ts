import type { RouteLocationNormalized, Router } from 'vue-router';

export function requiresAuth(route: RouteLocationNormalized): boolean {
  return route.matched.some((record) => record.meta.requiresAuth === true);
}

/**
 * Member pages (`meta.requiresAuth`) need a session. The check, the session store and the API
 * calls behind it load only when such a page is opened, never for the shop's first screen.
 */
export function installAuthGuard(router: Router): void {
  router.beforeEach((to) => (requiresAuth(to) ? import('./guard').then(({ guardMemberRoute }) => guardMemberRoute(router, to)) : true));
}
