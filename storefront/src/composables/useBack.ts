import { useRouter } from 'vue-router';

/**
 * Back within the shop when there is somewhere to go back to; a page opened from a shared link
 * or a chat has no history, so it goes to the home page instead of leaving the shop.
 */
export function useBack() {
  const router = useRouter();
  return function back(): void {
    const state: unknown = window.history.state;
    const hasBack = typeof state === 'object' && state !== null && Boolean((state as { back?: unknown }).back);
    if (hasBack) router.back();
    else void router.replace('/');
  };
}
