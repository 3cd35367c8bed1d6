import { useRouter } from 'vue-router';

/**
 * Back to `path` after a form is done: a history step back when the form was opened from
 * there (so the back button does not return to the form), otherwise a replace.
 */
export function useReturnTo(path: string) {
  const router = useRouter();
  return function returnTo(): void {
    const state: unknown = window.history.state;
    const back = typeof state === 'object' && state !== null ? (state as { back?: unknown }).back : null;
    if (back === path) router.back();
    else void router.replace(path);
  };
}
