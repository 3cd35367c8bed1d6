import type { Cart } from '@qiaodu/shared';
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { getCart } from '../api/cart';
import { readStoredSession } from '../auth/storedSession';
import { startSession } from '../auth/startSession';

/** A badge a few seconds old is fine; every page that changes the cart sets it at once anyway. */
const FRESH_MS = 30_000;

/**
 * The units in the cart, for the tab bar's and the product page's badge. Pages that load or
 * change the cart hand it the server's answer; the tab bar asks for a refresh when it appears.
 * The session store loads only for a visitor who has a stored session, so the home page of a
 * logged-out visitor pays for none of it.
 */
export const useCartStore = defineStore('cart', () => {
  const count = ref(0);
  let loadedAt = 0;
  let pending: Promise<void> | null = null;
  let watchingSession = false;

  function setCart(cart: Pick<Cart, 'totalCount'>): void {
    count.value = cart.totalCount;
    loadedAt = Date.now();
  }

  function clear(): void {
    count.value = 0;
    loadedAt = 0;
  }

  async function load(): Promise<void> {
    const session = await startSession();
    if (!watchingSession) {
      watchingSession = true;
      // Logging out (here or in another tab) empties the badge; logging in fills it.
      watch(
        () => session.token,
        () => {
          clear();
          if (session.token) void refresh(true);
        },
      );
    }
    if (!session.isLoggedIn) {
      clear();
      return;
    }
    setCart(await getCart());
  }

  /** Reloads the count unless it is fresh; never throws (a badge is not worth an error). */
  function refresh(force = false): Promise<void> {
    if (!force && Date.now() - loadedAt < FRESH_MS) return Promise.resolve();
    if (!readStoredSession()) {
      clear();
      return Promise.resolve();
    }
    pending ??= load()
      .catch(() => undefined)
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  return { count, setCart, clear, refresh };
});
