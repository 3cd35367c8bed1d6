import { useRouter } from 'vue-router';

/**
 * Back to a path after a form (or the login page) is done: a history step back when it was
 * opened from there (so the back button does not return to it), otherwise a replace.
 */
export function useReturnTo(target: string | (() => string)) {
  const router = useRouter();
  return function returnTo(): void {
    const path = typeof target === 'string' ? target : target();
    const state: unknown = window.history.state;
    const back = typeof state === 'object' && state !== null ? (state as { back?: unknown }).back : null;
    if (back === path) router.back();
    else void router.replace(path);
  };
}
