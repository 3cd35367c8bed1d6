import { watch } from 'vue';
import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import type { SessionStore } from '../stores/useSessionStore';
import { requiresAuth } from './memberRoutes';
import { startSession } from './startSession';

export function loginRoute(redirect: string): RouteLocationRaw {
  return { name: 'login', query: { redirect } };
}

let watched = false;

/**
 * The session can end while a member page is open: expired, revoked, or logged out in another
 * tab. Send the visitor to log in again instead of leaving a page of errors.
 */
function watchSessionEnd(router: Router, session: SessionStore): void {
  if (watched) return;
  watched = true;
  watch(
    () => session.isLoggedIn,
    (loggedIn) => {
      const current = router.currentRoute.value;
      if (!loggedIn && requiresAuth(current)) void router.replace(loginRoute(current.fullPath));
    },
  );
}

/**
 * Lets a logged-in visitor through to a member page, or sends them to the login page, which
 * brings them back afterwards. Waits for a ticket or OAuth code of the start URL first.
 * Console sections are checked by the console layout, which needs `me`.
 */
export async function guardMemberRoute(router: Router, to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const session = await startSession();
  watchSessionEnd(router, session);
  return session.isLoggedIn ? true : loginRoute(to.fullPath);
}
