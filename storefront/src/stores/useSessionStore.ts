import { ACCOUNT_DELETION_CONFIRMATION } from '@qiaodu/shared';
import type { ConsoleSection, LoginResponse, MeResponse, Role, SessionUser } from '@qiaodu/shared';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { demoLogin, exchangeLoginTicket, logout as logoutCall, officialAccountLogin } from '../api/auth';
import { connectSession } from '../api/http';
import { deleteMe, getMe, updateMe } from '../api/me';
import { clearStoredSession, onStoredSessionChange, readStoredSession, writeStoredSession } from '../auth/storedSession';

/**
 * Who is logged in. The token and the user come from storage at once, so the first screen knows
 * without a round trip; `me` (teams, console sections) is loaded when a page needs it.
 */
export const useSessionStore = defineStore('session', () => {
  const stored = readStoredSession();
  const token = ref<string | null>(stored?.token ?? null);
  const expiresAt = ref<string | null>(stored?.expiresAt ?? null);
  const user = shallowRef<SessionUser | null>(stored?.user ?? null);
  const me = shallowRef<MeResponse | null>(null);

  const isLoggedIn = computed(() => token.value !== null);
  const roles = computed<readonly Role[]>(() => me.value?.user.roles ?? user.value?.roles ?? []);
  /** Anyone who works in the shop besides shopping in it. */
  const isStaff = computed(() => roles.value.some((role) => role !== 'customer'));
  const isAdmin = computed(() => roles.value.includes('admin'));
  const consoleSections = computed<readonly ConsoleSection[]>(() => me.value?.console.sections ?? []);

  let mePending: Promise<MeResponse> | null = null;

  function adopt(login: LoginResponse): void {
    token.value = login.token;
    expiresAt.value = login.expiresAt;
    user.value = login.user;
    me.value = null;
    // A load still running for the previous session must not be shared with callers of this one.
    mePending = null;
    writeStoredSession(login);
  }

  /** Forgets the session on this device only (the server already has, or will on expiry). */
  function clear(): void {
    token.value = null;
    expiresAt.value = null;
    user.value = null;
    me.value = null;
    mePending = null;
    clearStoredSession();
  }

  // Another tab logged in or out: follow it rather than act for a session it replaced.
  onStoredSessionChange((stored) => {
    if (stored?.token === token.value) return;
    token.value = stored?.token ?? null;
    expiresAt.value = stored?.expiresAt ?? null;
    user.value = stored?.user ?? null;
    me.value = null;
    mePending = null;
  });

  connectSession({
    token: () => token.value,
    // A late 401 for a session replaced meanwhile must not log out the new one.
    onUnauthenticated: (sent) => {
      if (sent === token.value) clear();
    },
  });

  function rememberMe(loaded: MeResponse): void {
    me.value = loaded;
    user.value = loaded.user;
    if (token.value && expiresAt.value) writeStoredSession({ token: token.value, expiresAt: expiresAt.value, user: loaded.user });
  }

  /** Loads `me` again; concurrent callers share one request. */
  function refresh(): Promise<MeResponse> {
    if (mePending) return mePending;
    const forToken = token.value;
    const pending = getMe()
      .then((loaded) => {
        if (forToken === token.value) rememberMe(loaded);
        // The session changed mid-flight (a ticket login): load again for the new one.
        else if (token.value) return refresh();
        return loaded;
      })
      .finally(() => {
        if (mePending === pending) mePending = null;
      });
    mePending = pending;
    return pending;
  }

  function ensureMe(): Promise<MeResponse> {
    return me.value ? Promise.resolve(me.value) : refresh();
  }

  async function loginWithPersona(persona: string): Promise<void> {
    adopt(await demoLogin({ persona }));
  }

  async function loginWithTicket(ticket: string): Promise<void> {
    adopt(await exchangeLoginTicket({ ticket }));
  }

  async function loginWithOfficialAccountCode(code: string): Promise<void> {
    adopt(await officialAccountLogin({ code }));
  }

  /** Ends the session on the server too; logs out locally even when the network fails. */
  async function logout(): Promise<void> {
    try {
      if (token.value) await logoutCall();
    } catch {
      // the token is forgotten here either way and expires on the server
    } finally {
      clear();
    }
  }

  async function updateDisplayName(displayName: string): Promise<void> {
    rememberMe(await updateMe({ displayName }));
  }

  /** The page asks the customer to type the confirmation word before calling this. */
  async function deleteAccount(): Promise<void> {
    await deleteMe({ confirm: ACCOUNT_DELETION_CONFIRMATION });
    clear();
  }

  return {
    token,
    expiresAt,
    user,
    me,
    isLoggedIn,
    roles,
    isStaff,
    isAdmin,
    consoleSections,
    clear,
    refresh,
    ensureMe,
    loginWithPersona,
    loginWithTicket,
    loginWithOfficialAccountCode,
    logout,
    updateDisplayName,
    deleteAccount,
  };
});

export type SessionStore = ReturnType<typeof useSessionStore>;
